import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/platform/db/connect.js';
import { createServices, type Services } from '../../src/platform/services.js';
import { seedDemo } from '../../src/demo/demo.js';
import { reportBodyHtml } from '../../src/features/report/render/report-html.js';
import type { ReportModel } from '../../src/domain/report/model.js';
import { inspections } from '../../src/platform/db/core-tables.js';
import { openTestDatabase } from '../support/database.js';

/** The Hackney report as published (plain text, one paragraph a line). */
const seedLines = readFileSync(new URL('../fixtures/seeds/003_2cf65a3437cca4b2.txt', import.meta.url), 'utf8')
  .split('\n')
  .map((l) => l.trim());
const superscriptDigits: Record<string, string> = {
  '¹': '1',
  '²': '2',
  '³': '3',
  '⁴': '4',
  '⁵': '5',
  '⁶': '6',
  '⁷': '7',
  '⁸': '8',
  '⁹': '9',
  '⁰': '0',
};
/** The seed's words as our text prints them: superscripts as digits, markdown links as their text. */
const plain = (line: string) =>
  line.replace(/[¹²³⁴⁵⁶⁷⁸⁹⁰]/g, (c) => superscriptDigits[c]!).replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
const seedText = seedLines.map(plain);

const decode = (html: string) =>
  html
    .replace(/<\/?(?:sup|a|strong|span)\b[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

let database: DatabaseHandle;
let services: Services;
let html = '';
let model: ReportModel;
let ealingOverview = '';
let hackneyNote = '';
/** The demo service's name carries "(demo)"; the seed's does not. */
const undemo = (text: string) => text.replaceAll(' (demo)', '');

beforeAll(async () => {
  database = await openTestDatabase();
  services = createServices(database);
  const signIn = await seedDemo(database.db, services.users);
  const actor = (await services.users.authenticate(signIn!.email, signIn!.password))!;
  const hackney = (await services.inspections.list(actor)).find((i) => i.title.includes('Hackney'))!;
  const { body } = await services.report.download(actor, hackney.id, 'html');
  html = body.toString('utf8');
  model = (await services.report.report(actor, hackney.id)).model;
  const ealing = (await services.inspections.list(actor)).find((i) => i.title.includes('Ealing'))!;
  const [row] = await database.db
    .select({ demoNote: inspections.demoNote })
    .from(inspections)
    .where(eq(inspections.id, ealing.id));
  ealingOverview = row!.demoNote ?? '';
  const [hackneyRow] = await database.db
    .select({ demoNote: inspections.demoNote })
    .from(inspections)
    .where(eq(inspections.id, hackney.id));
  hackneyNote = hackneyRow!.demoNote ?? '';
}, 120_000);
afterAll(() => database.close());

const article = () => html.slice(html.indexOf('<article'), html.indexOf('id="annexe-methodology"'));
const headings = () =>
  [...article().matchAll(/<h([1-3])[^>]*>([\s\S]*?)<\/h\1>/g)]
    .map((m) => undemo(decode(m[2]!)))
    .filter((h) => h !== 'Contents');
const textOf = () => undemo(decode(article()));

describe('the demo report, against the Hackney report', () => {
  it("prints the seed's sections in the seed's order: involvement and diversity inside domain one", () => {
    const printed = headings();
    const body = printed.slice(printed.indexOf('Foreword'));
    let last = seedText.indexOf('Foreword') - 1;
    for (const heading of body) {
      const at = seedText.indexOf(heading, last + 1);
      expect(at, `"${heading}" after line ${last + 1} of the seed`).toBeGreaterThan(last);
      last = at;
    }
    // Every entry of the seed's contents is a heading of ours.
    const contents = seedLines
      .slice(seedLines.indexOf('Contents') + 1, seedLines.indexOf('Acknowledgements'))
      .filter(Boolean)
      .map((l) =>
        l
          .replace(/\.{3,}/g, '')
          .replace(/\t\d+$/, '')
          .trim(),
      );
    expect(contents).toHaveLength(22);
    for (const entry of contents) expect(body).toContain(entry);
    expect(body.indexOf('Involvement of children and their parents or carers')).toBe(
      body.indexOf('1.4. Information and facilities') + 1,
    );
    expect(body.indexOf('Diversity')).toBe(body.indexOf('Domain two: Court disposals') - 1);
  });

  it("prints the title of a joint inspection, and the seed's generated sentences word for word", () => {
    const text = textOf();
    expect(text).toContain('A joint inspection of youth justice services in Hackney');
    const sentences = [
      'This inspection was led by HM Inspector Mike Ryan, supported by a team of inspectors and colleagues from across the inspectorate.',
      'HM Inspectorate of Probation was joined by colleague inspectors from police, health, social care and education.',
      'Justin Russell',
      'HM Chief Inspector of Probation',
      'Fieldwork started February 2023',
      'Score 25/36',
      'As a result of our inspection findings, we have made six recommendations that we believe, if implemented, will have a positive impact on the quality of youth offending services in Hackney.',
      'The Hackney Youth Justice Service should:',
      'We conducted fieldwork in Hackney Youth Justice Service (YJS) over a period of two weeks, week commencing 16 January 2023 and week commencing 06 February 2023.',
      'We inspected cases where the sentence or licence began between 17 January 2022 and 11 November 2022; out-of-court disposals that were delivered between 17 January 2022 and 11 November 2022; and resettlement cases that were sentenced or released between 17 January 2022 and 11 November 2022.',
      'We also conducted 34 interviews with case managers.',
      'To inspect organisational delivery, we reviewed written evidence submitted in advance by the YJS and conducted 20 meetings',
      'We took a detailed look at 17 community sentences managed by the YJS.',
      'We inspected 18 cases managed by the YJS that had received an out-of-court disposal. These consisted of five youth conditional cautions, seven youth cautions and six community resolutions. We interviewed the case managers in 16 cases.',
      'We also inspected the quality of policy and provision in place for out-of-court disposals, using evidence from documents, meetings, and interviews. Our key findings were as follows:',
      'We inspected the quality of policy and provision in place for resettlement work, using evidence from documents, meetings, and interviews. To illustrate that work, we inspected four cases managed by the YJS that had received a custodial sentence. Our key findings were as follows.',
      'Our rating2 for assessment is based on the following key questions:',
      'Our rating5 for reviewing is based on the following key questions:',
      'Our rating8 for implementation and delivery is based on the following key questions:',
      'The following can be found on our website:',
      'inspection data, including methodology and contextual facts about the YJS',
    ];
    for (const sentence of sentences) {
      // The seed's lead inspector is a real person; the demo's is "Demo Lead Inspector".
      const ours = sentence.replace('Mike Ryan', 'Demo Lead Inspector');
      expect(seedText.join(' '), `the seed says "${sentence}"`).toContain(sentence);
      expect(text, `the demo says "${ours}"`).toContain(ours);
    }
    expect(text).not.toMatch(/\(standards? \d/);
  });

  it("numbers the footnotes as the seed does, the discretion note on 3.3's 78% cell", () => {
    const notes = [
      ...article().matchAll(/<p class="govuk-body-s" id="footnote-(\d+)"><sup>\d+<\/sup> ([^<]*)<\/p>/g),
    ].map((m) => `${m[1]} ${decode(m[2]!)}`);
    const seedNotes = seedText.filter((l) => /^\d+ The rating|^\d+ Professional discretion/.test(l));
    expect(notes).toHaveLength(9);
    // The framework's resettlement note says "YJS", as Havering and Southwark print it; Hackney printed "YOS".
    expect(notes).toEqual(seedNotes.map((n) => n.replace('overall YOS rating', 'overall YJS rating')));
    const row = /<tr[^>]*>\s*<th[^>]*>(?:(?!<\/tr>)[\s\S])*?safety of the child\?(?:(?!<\/tr>)[\s\S])*?<\/tr>/.exec(
      article().slice(article().indexOf('id="standard-3.3"')),
    )![0];
    expect(decode(row)).toMatch(/78%\s*9$/);
    const box = article().slice(article().indexOf('id="ratings"'), article().indexOf('id="recommendations"'));
    expect(box).not.toContain('footnote-9');
  });
});

/** The seed's lines from `from` up to the next line equal to `to`. */
const seedBetween = (from: string, to: string) => {
  const start = seedText.indexOf(from);
  return seedText.slice(start, seedText.indexOf(to, start + 1));
};

describe('the demo report, against the Hackney report: the box, the tables and the notes', () => {
  it('prints the title with the month and year of publication, as the seed does', () => {
    const published = reportBodyHtml(model, {
      status: 'published',
      versionNumber: 1,
      publishedAt: '2023-05-10T09:00:00Z',
    });
    const title = decode(published.slice(published.indexOf('<article'), published.indexOf('Contents')));
    expect(seedText.slice(0, 15).filter(Boolean).join(' ')).toContain(
      'A joint inspection of youth justice services in Hackney HM Inspectorate of Probation, May 2023',
    );
    expect(undemo(title)).toContain(
      'A joint inspection of youth justice services in Hackney HM Inspectorate of Probation, May 2023',
    );
  });

  it("prints the ratings box's rows as the seed does: each standard with its rating", () => {
    const box = decode(article().slice(article().indexOf('id="ratings"'), article().indexOf('id="recommendations"')));
    const seedBox = seedBetween('Ratings', 'Recommendations').filter((l) => l && !/^\d+ The rating/.test(l));
    // The seed's box: "Hackney Youth Justice Service", "Fieldwork started February 2023", "Score 25/36", …
    const rows: string[] = [];
    for (let i = 0; i < seedBox.length; i++) {
      const line = seedBox[i]!;
      if (/^\d\.\d /.test(line)) rows.push(`${line} ${seedBox[i + 1]}`);
    }
    expect(rows).toHaveLength(13);
    let from = 0;
    for (const row of rows) {
      const at = box.indexOf(row, from);
      expect(at, `the box has "${row}" after what came before`).toBeGreaterThanOrEqual(from);
      from = at;
    }
    for (const words of ['Score 25/36', 'Overall rating Good', 'Fieldwork started February 2023'])
      expect(box).toContain(words);
  });

  it("prints every key question's % 'Yes' as the seed's tables do", () => {
    const seedRows = seedText
      .map((l) => /^(Does .*\?)\t(\d+%)(?: \d+)?$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => `${m[1]} ${m[2]}`);
    expect(seedRows).toHaveLength(21);
    const ours = [...article().matchAll(/<tr class="govuk-table__row">\s*<th scope="row"[\s\S]*?<\/tr>/g)]
      .map((m) =>
        decode(m[0])
          .replace(' (lowest: sets the rating)', '')
          .replace(/%\s*\d+$/, '%'),
      )
      .filter((row) => /^Does .*\? \d+%$/.test(row));
    expect(ours).toEqual(seedRows);
  });

  it('ends each key-question footnote with the website sentence once, and collects no notes', () => {
    const sentence = 'A more detailed explanation is available on our website.';
    const count = (text: string) => text.split(sentence).length - 1;
    expect(count(seedText.join('\n'))).toBe(7);
    expect(count(textOf())).toBe(7);
    expect(headings()).not.toContain('Notes');
  });
});

describe('the Ealing demo inspection', () => {
  it('says what it is in its own words (the overview prints them), not the Hackney demo’s', () => {
    expect(ealingOverview).toContain('no cases are held here');
    expect(ealingOverview).not.toContain('Hackney');
    expect(hackneyNote).toContain(
      'every case is synthetic, made so that the ratings match the published Hackney report',
    );
  });
});
