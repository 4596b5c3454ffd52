import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFindings } from '../../../src/domain/findings/parse.js';
import { getFramework } from '../../../src/platform/framework-registry.js';
import { rateInspection } from '../../../src/domain/rating/index.js';
import { methodologyOf } from '../../../src/domain/report/methodology.js';
import { buildReportModel, subSampleHeading, type ReportInputs } from '../../../src/domain/report/model.js';
import { reportBodyHtml } from '../../../src/features/report/render/report-html.js';
import { emptyContextFacts, emptySurveys } from '../../../src/features/report/service/schemas.js';
import { percentOf, seedInspections } from './fixture.js';

const files: Record<string, string> = {
  'Merton Youth Justice Service': 'merton-2021.json',
  'Havering Youth Justice Service': 'havering-2022.json',
  'Hackney Youth Justice Service': 'hackney-2023.json',
  'Ealing Youth Justice Service': 'ealing-2023.json',
  'Southwark Youth Justice Service': 'southwark-2023.json',
};

/** The report of a seed inspection's findings file, with no prose: every figure generated. */
function seedReport(service: string, overrides: Partial<ReportInputs> = {}) {
  const file = files[service]!;
  const text = readFileSync(new URL(`../../../examples/findings/${file}`, import.meta.url), 'utf8');
  const { framework, findings, fieldwork } = parseFindings(text, file, getFramework);
  const rating = rateInspection(framework, findings);
  return buildReportModel({
    framework,
    rating,
    service,
    place: service.replace(' Youth Justice Service', ''),
    leadInspector: null,
    signatory: { name: '', role: '' },
    inspection: {
      title: service,
      kind: 'inspection',
      isDemo: false,
      fieldworkStart: fieldwork ?? null,
      fieldworkEnd: null,
      secondWeekStart: null,
      caseWindowFrom: null,
      caseWindowTo: null,
    },
    prose: { foreword: '', background: '', localContext: '', involvement: '', diversity: '' },
    surveys: emptySurveys,
    contextFacts: emptyContextFacts,
    options: { keyQuestionFormat: 'counts', showPromptTables: false },
    standardTexts: {},
    recommendations: [],
    cases: [],
    meetings: 0,
    ...overrides,
  });
}

describe.each(seedInspections.map((seed) => [seed.service, seed] as const))('the report of %s', (service, seed) => {
  const model = seedReport(service);

  it("prints the seed report's ratings box", () => {
    expect(model.ratingsBox.score).toBe(seed.score);
    expect(model.ratingsBox.overall).toBe(seed.overall);
    const printed = Object.fromEntries(
      model.ratingsBox.domains.flatMap((d) => d.standards.map((s) => [s.id, s.rating])),
    );
    expect(printed).toEqual(seed.ratings);
    const notes = model.ratingsBox.domains.flatMap((d) =>
      d.standards.flatMap((s) => (s.discretionNote ? [[s.id, s.discretionNote]] : [])),
    );
    expect(Object.fromEntries(notes)).toEqual(
      Object.fromEntries(Object.entries(seed.discretionApplied).map(([id, d]) => [id, d.note])),
    );
  });

  it("prints the seed report's key-question tables, the lowest marked", () => {
    for (const [standardId, figures] of Object.entries(seed.keyQuestions)) {
      const standard = model.domains.flatMap((d) => d.standards).find((s) => s.id === standardId)!;
      expect(
        standard.keyQuestions.map((kq) => kq.percent),
        standardId,
      ).toEqual(figures.map(percentOf));
      expect(
        standard.keyQuestions.map((kq) => kq.relevant),
        standardId,
      ).toEqual(figures.map((f) => ('relevant' in f ? f.relevant : null)));
      const lowest = Math.min(...figures.map(percentOf));
      // Every key question at the lowest percentage is marked (ties are all in bold), and no other.
      expect(
        standard.keyQuestions.filter((kq) => kq.limiting).map((kq) => kq.percent),
        standardId,
      ).toEqual(figures.map(percentOf).filter((p) => p === lowest));
    }
  });

  it('is an HTML page with one h1, and every table captioned with its headers scoped', () => {
    const html = reportBodyHtml(model, { status: 'draft', versionNumber: 1, publishedAt: null });
    expect(html.match(/<h1/g)).toHaveLength(1);
    const tables = html.match(/<table[\s\S]*?<\/table>/g)!;
    expect(tables.length).toBeGreaterThan(Object.keys(seed.keyQuestions).length);
    for (const table of tables) {
      expect(table).toMatch(/<caption/);
      expect(table).not.toMatch(/<th\b(?![^>]*scope=)/);
    }
  });
});

describe('the methodology annexe', () => {
  it("is written from the framework's own rules, so it changes when they do", () => {
    const framework = getFramework('hmip-youth-2021');
    const annexe = methodologyOf(framework);
    expect(annexe.keyQuestionBands.map((b) => `${b.from}-${b.to} ${b.rating}`)).toEqual(
      framework.keyQuestionBands.bands
        .map((b, i, all) => `${b.minPercent}-${i === 0 ? 100 : all[i - 1]!.minPercent - 1} ${b.rating}`)
        .reverse(),
    );
    expect(annexe.overallBands.at(-1)).toEqual({
      from: framework.overallBands[0]!.minScore,
      to: framework.maxScore,
      rating: framework.overallBands[0]!.rating,
    });
    expect(annexe.separatelyRated.map((s) => s.id)).toEqual(['4.1']);
    expect(methodologyOf(getFramework('hmip-youth-2018')).separatelyRated).toEqual([]);
    const stricter = methodologyOf({
      ...framework,
      keyQuestionBands: {
        ...framework.keyQuestionBands,
        rounding: 'down',
        bands: framework.keyQuestionBands.bands.map((b) => (b.minPercent === 80 ? { ...b, minPercent: 85 } : b)),
      },
      discretion: { ...framework.discretion, boundaryMarginPoints: 3 },
    });
    expect(stricter.keyQuestionBands.at(-1)).toMatchObject({ from: 85, to: 100 });
    expect(stricter.paragraphs.join(' ')).toContain('within 3 percentage points');
    expect(stricter.paragraphs.join(' ')).toContain('rounded down');
  });
});

describe('the key-question chart', () => {
  const model = seedReport('Hackney Youth Justice Service');
  const html = reportBodyHtml(model, { status: 'draft', versionNumber: 1, publishedAt: null });
  const chartOf = (id: string) =>
    new RegExp(`<svg[^>]*aria-labelledby="chart-${id}-title chart-${id}-desc"[\\s\\S]*?</svg>`).exec(html)![0];

  it('draws each percentage against the band boundaries, with a text alternative that states them', () => {
    const svg = chartOf('2-2');
    expect(svg).toMatch(/role="img"/);
    const description = /<desc[^>]*>([^<]*)<\/desc>/.exec(svg)![1]!;
    expect(description).toContain(
      '2.2.2: 53% &#39;Yes&#39;, Too few (Requires improvement), the lowest, which sets the rating',
    );
    for (const boundary of [50, 65, 80]) expect(svg).toContain(`>${boundary}%</text>`);
  });

  it("prints a 100% bar's figure inside the bar, where it cannot run off the chart", () => {
    const svg = chartOf('3-1');
    const label =
      /<text x="([\d.]+)"[^>]*text-anchor="(\w+)"[^>]*>100%<\/text>\s*<\/svg>|<text x="([\d.]+)" y="[\d.]+" text-anchor="(\w+)" font-size="13" fill="#ffffff"[^>]*>100%/.exec(
        svg,
      )!;
    const x = Number(label[1] ?? label[3]);
    const anchor = label[2] ?? label[4];
    const width = Number(/viewBox="0 0 (\d+)/.exec(svg)![1]);
    // An end-anchored label ends at x; a start-anchored one would need about 40 units after x.
    expect(anchor === 'end' ? x : x + 40).toBeLessThanOrEqual(width);
  });
});

describe('recommendations', () => {
  it('are grouped by who must act, in the reports’ order, numbered across the list', () => {
    const recommendation = (number: number, actor: 'service' | 'board' | 'police' | 'other', actorName = '') => ({
      id: `r${number}`,
      number,
      actor,
      actorName,
      text: `Recommendation ${number}`,
      standardIds: number === 1 ? ['2.2'] : [],
    });
    const model = seedReport('Hackney Youth Justice Service', {
      recommendations: [
        recommendation(3, 'police'),
        recommendation(1, 'service'),
        recommendation(4, 'other', 'The local authority'),
        recommendation(2, 'board', 'The chair of the board'),
      ],
    });
    expect(model.recommendationGroups.map((g) => [g.heading, g.items.map((i) => i.number)])).toEqual([
      ['The Hackney Youth Justice Service should:', [1]],
      ['The chair of the board should:', [2]],
      ['The police should:', [3]],
      ['The local authority should:', [4]],
    ]);
    expect(model.domains[1]!.standards[1]!.linkedRecommendations).toEqual([1]);
  });
});

describe('recommendation groups', () => {
  it("keep the report's own order and named headings: Havering's board chair, board, then the service", () => {
    const named = (number: number, actor: 'service' | 'board', actorName: string) => ({
      id: `r${number}`,
      number,
      actor,
      actorName,
      text: `Recommendation ${number}`,
      standardIds: [],
    });
    const chair = 'The Havering Youth Justice Service Management Board chair';
    const board = 'The Havering Youth Justice Service Management Board';
    const service = 'The Havering Youth Offending Service';
    const model = seedReport('Havering Youth Justice Service', {
      recommendations: [
        named(5, 'service', service),
        named(1, 'board', chair),
        named(3, 'board', board),
        named(2, 'board', chair),
        named(4, 'board', board),
      ],
    });
    expect(model.recommendationGroups.map((g) => [g.heading, g.items.map((i) => i.number)])).toEqual([
      [`${chair} should:`, [1, 2]],
      [`${board} should:`, [3, 4]],
      [`${service} should:`, [5]],
    ]);
    const html = reportBodyHtml(model, { status: 'draft', versionNumber: 1, publishedAt: null });
    expect(html).not.toMatch(/\(standards? \d/);
    expect(html).toContain(
      'we have made five recommendations that we believe, if implemented, will have a positive impact on the quality of youth offending services in Havering.',
    );
  });
});

describe('the methodology annexe of the Merton report', () => {
  const merton = readFileSync(new URL('../../fixtures/seeds/001_186cc0b69ab95ae3.txt', import.meta.url), 'utf8');
  const kase = (domain: string, disposal: string, caseManagerInterviewed: boolean) => ({
    domain,
    disposal,
    sex: null,
    ethnicityGroup: null,
    disability: null,
    caseManagerInterviewed,
  });
  // Merton: nine court and five out-of-court cases, eight meetings and 14 interviews with case managers.
  const cases = [
    ...Array.from({ length: 9 }, (_, i) => kase('court', i === 0 ? 'custodialSentence' : 'referralOrder', true)),
    ...Array.from({ length: 5 }, () => kase('outOfCourt', 'communityResolution', true)),
  ];
  const model = seedReport('Merton Youth Justice Service', { cases, meetings: 8 });

  it("states Annexe 1's case selection, sizing, split and sub-sample caveat in the seed's words", () => {
    const paragraphs = model.document.methodologyAnnexe.flatMap((s) => s.paragraphs);
    for (const sentence of [
      'In total, we conducted eight meetings, which included meetings with managers, partner organisations and staff.',
      'Nine of the cases selected were those of children who had received court disposals three to 12 months earlier, enabling us to examine work in relation to assessing, planning, implementing and reviewing.',
      'The sample size was set to achieve a confidence level of 80 per cent (with a margin of error of five), and where possible we ensured that the ratios in relation to gender, sentence or disposal type, risk of serious harm',
      'Five of the cases selected were those of children who had received out-of-court disposals two to 12 months earlier.',
      'We examined five out-of-court disposals. The sample size was set so that the combined case sample size comprises 60 per cent domain two cases and 40 per cent domain three.',
      'Where this is the case, the margin of error for the sub-sample findings may be higher than five.',
    ]) {
      expect(merton, 'the seed says it').toContain(sentence);
      expect(paragraphs.join(' ')).toContain(sentence);
    }
    expect(model.document.methodologyAnnexe.map((s) => s.heading)).toEqual([
      'Domain one: organisational delivery',
      'Domain two: court disposals',
      'Domain three: out-of-court disposals',
    ]);
    const html = reportBodyHtml(model, { status: 'draft', versionNumber: 1, publishedAt: null });
    expect(html).toContain('We examined nine court disposals.');
  });
});

describe("Merton's prompt-table headings", () => {
  it('name the sub-sample of each key question of reviewing, as the seed prints them', () => {
    const framework = getFramework('hmip-youth-2018');
    // Merton 2.4: 8 cases with changes in desistance factors, 7 in child safety, 5 in other people's safety.
    expect([
      subSampleHeading(framework, '2.4.1', 8),
      subSampleHeading(framework, '2.4.2', 7),
      subSampleHeading(framework, '2.4.3', 5),
      subSampleHeading(framework, '2.1.1', 9),
    ]).toEqual([
      'Of the 8 cases where there were changes in factors related to desistance:',
      'Of the 7 cases where there were changes in factors related to keeping the child safe:',
      'Of the 5 cases where there were changes in factors related to keeping other people safe:',
      'Of the 9 cases inspected:',
    ]);
  });
});

describe('the Merton report: applicability footnotes and prompt tables as the seed prints them', () => {
  const merton = readFileSync(new URL('../../fixtures/seeds/001_186cc0b69ab95ae3.txt', import.meta.url), 'utf8');
  const model = seedReport('Merton Youth Justice Service', {
    options: { keyQuestionFormat: 'counts', showPromptTables: true },
  });
  const html = reportBodyHtml(model, { status: 'draft', versionNumber: 1, publishedAt: null });
  const domains = html.slice(html.indexOf('id="standard-2.1"'), html.indexOf('id="annexe-methodology"'));

  it("numbers the key-question and applicability notes of domains two and three in the seed's order", () => {
    // The seed's notes from 2.1 to 3.4: superscript number, then the text.
    const seedNotes = merton
      .slice(merton.indexOf('2.1. Assessment\n'), merton.indexOf('Annexe 1: Methodology\n'))
      .split('\n')
      .filter((l) => /^[¹²³⁴⁵⁶⁷⁸⁹⁰]+ (The rating|This question|We only expect)/.test(l))
      .map((l) => l.replace(/^[¹²³⁴⁵⁶⁷⁸⁹⁰]+ /, ''));
    const ours = [...domains.matchAll(/<p class="govuk-body-s" id="footnote-\d+"><sup>\d+<\/sup> ([^<]*)<\/p>/g)].map(
      (m) => m[1]!.replace(/&#39;/g, "'"),
    );
    expect(seedNotes.length).toBe(18);
    expect(ours).toEqual(seedNotes);
  });

  it('marks the key question, or the whole table when every key question shares it', () => {
    const standard = (id: string) => domains.slice(domains.indexOf(`id="standard-${id}"`)).split('</section>')[0]!;
    const keyQuestionTable = (id: string) => standard(id).split('</table>')[0]!;
    /** The row headers of a standard's key-question table that carry a footnote. */
    const notedRows = (id: string) =>
      [...keyQuestionTable(id).matchAll(/<th scope="row"[^>]*>([\s\S]*?)<\/th>/g)]
        .filter((m) => m[1]!.includes('app-report-note-ref'))
        .map((m) =>
          m[1]!
            .replace(/<[^>]+>[^<]*<\/sup>/g, '')
            .replace(/<span[^>]*>[^<]*<\/span>/g, '')
            .replace(/<[^>]+>/g, '')
            .replace(/\s*\d+$/, '')
            .trim(),
        );
    const captionNotes = (id: string) =>
      (/<caption[\s\S]*?<\/caption>/.exec(keyQuestionTable(id))![0].match(/app-report-note-ref/g) ?? []).length;
    // 2.2: "Does planning focus sufficiently on keeping the child safe? ¹²" and "… other people safe? ¹³".
    expect(notedRows('2.2')).toEqual([
      'Does planning focus sufficiently on keeping the child safe?',
      'Does planning focus sufficiently on keeping other people safe?',
    ]);
    expect(captionNotes('2.2')).toBe(1);
    // 2.4: one note on the table ("Of the 8 cases inspected ¹⁸"), none on its rows.
    expect(notedRows('2.4')).toEqual([]);
    expect(captionNotes('2.4')).toBe(2);
    expect(notedRows('2.1')).toEqual([]);
    expect(notedRows('3.4')).toEqual([expect.stringContaining('police')]);
  });

  it('heads each prompt table with its sub-sample, as the seed does', () => {
    for (const heading of [
      'Of the 8 cases with factors related to keeping the child safe:',
      'Of the 8 cases where there were changes in factors related to desistance:',
      'Of the 4 cases with factors related to the safety of the child:',
      'Of the 3 cases with youth conditional cautions:',
    ]) {
      expect(merton).toContain(`${heading}\tRelevant cases`);
      expect(domains).toContain(`>${heading}</th>`);
    }
  });
});
