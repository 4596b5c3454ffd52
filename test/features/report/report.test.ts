import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hackneySeed } from '../../domain/report/fixture.js';
import { atStage } from '../../support/stages.js';
import { openReportWorld, type ReportWorld } from './world.js';
import { pageText, signIn } from '../../support/web.js';

let r: ReportWorld;
const reportUrl = () => `/inspections/${r.inspectionId}/report`;

beforeAll(async () => {
  r = await openReportWorld();
}, 120_000);
afterAll(async () => {
  await r.world.close();
});

/** The text of the table with this id. */
function tableText(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  expect(start, `#${id} on the page`).toBeGreaterThan(-1);
  return pageText(html.slice(start, html.indexOf('</table>', start)));
}

describe('the report page', () => {
  it("shows the demo's ratings box and key-question tables with the seed report's figures, as a draft", async () => {
    const lead = await signIn(r.world, 'lead@example.org');
    const page = await lead.get(reportUrl());
    expect(page.status).toBe(200);
    const box = tableText(page.text, 'ratings-box');
    expect(box).toContain(`Score ${hackneySeed.score}/36`);
    expect(box).toContain(`Overall rating ${hackneySeed.overall}`);
    for (const [standardId, rating] of Object.entries(hackneySeed.ratings))
      expect(box).toMatch(new RegExp(`${standardId.replace('.', '\\.')} [A-Za-z ,-]+ ${rating}( \\d+)?( |$)`));
    for (const [standardId, figures] of Object.entries(hackneySeed.keyQuestions)) {
      const section = page.text.slice(page.text.indexOf(`id="standard-${standardId}"`));
      const table = pageText(section.slice(section.indexOf('<table'), section.indexOf('</table>')));
      const printed = [...table.matchAll(/(\d+)%/g)].map((m) => Number(m[1]));
      expect(printed, standardId).toEqual(figures.map((f) => ('percent' in f ? f.percent : NaN)));
    }
    expect(page.text).toContain('app-report--draft');
    // Sample and fieldwork facts: cases by domain, from the inspection; the meetings as the demo entered them.
    const text = pageText(page.text);
    expect(text).toContain('conducted 20 meetings');
    expect(text).toContain(`Court disposals (${hackneySeed.sample.court} cases)`);
    expect(text).toContain(`Out-of-court disposals (${hackneySeed.sample.outOfCourt} cases)`);
    expect(pageText(page.text)).toContain(hackneySeed.discretionApplied['3.3']!.note);
  });

  it('saves the prose and shows it; a stale save is refused and keeps what was typed', async () => {
    const lead = await signIn(r.world, 'lead@example.org');
    const form = `${reportUrl()}/prose`;
    const version = /name="expectedVersion" value="(\d+)"/.exec((await lead.get(form)).text)![1]!;
    const saved = await lead.post(form, form, {
      foreword: 'A foreword typed by the lead.',
      keyQuestionFormat: 'percentages',
      expectedVersion: version,
    });
    expect(saved.status).toBe(303);
    expect(pageText((await lead.get(reportUrl())).text)).toContain('A foreword typed by the lead.');
    const stale = await lead.post(form, form, {
      foreword: 'Typed on an old page.',
      keyQuestionFormat: 'percentages',
      expectedVersion: version,
    });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Typed on an old page.');
    expect(pageText(stale.text)).toContain('Your changes have not been saved');
  });

  it('names the field at fault in surveys and context, and re-shows what was typed', async () => {
    const inspector = await signIn(r.world, 'inspector@example.org');
    const form = `${reportUrl()}/surveys`;
    const bad = await inspector.post(form, form, {
      childrenConsented: '14',
      childrenReplied: '7',
      demographics: 'Black children: 45%, 18%\nnonsense line',
      caseload: 'Referral order: 12',
    });
    expect(bad.status).toBe(400);
    const text = pageText(bad.text);
    expect(text).toContain('There is a problem');
    expect(text).toContain('Line 2 of demographics');
    expect(bad.text).toContain('nonsense line');
    expect(bad.text).toContain('href="#demographics"');
    const good = await inspector.post(form, form, {
      childrenConsented: '14',
      childrenReplied: '7',
      demographics: 'Black children: 45%, 18%',
      caseload: 'Referral order: 12',
    });
    expect(good.status).toBe(303);
    const report = pageText((await inspector.get(reportUrl())).text);
    expect(report).toContain('Children who consented to the text survey 14');
    expect(report).toContain('Black children 45% 18%');
  });

  it('numbers recommendations, groups them by who must act and links them to standards', async () => {
    const lead = await signIn(r.world, 'lead@example.org');
    const list = `${reportUrl()}/recommendations`;
    const missingName = await lead.post(list, list, {
      actor: 'other',
      text: 'Work with schools',
      standardIds: ['1.3'],
    });
    expect(missingName.status).toBe(400);
    expect(pageText(missingName.text)).toContain('Enter the name of the body that must act');
    expect(missingName.text).toContain('Work with schools');
    expect(
      (
        await lead.post(list, list, {
          actor: 'police',
          text: 'Refer children for out-of-court disposals',
          standardIds: ['3.4'],
        })
      ).status,
    ).toBe(303);
    const taken = await lead.post(list, list, { actor: 'service', number: '1', text: 'A second number one' });
    expect(taken.status).toBe(400);
    expect(pageText(taken.text)).toContain('Recommendation 1 already exists');
    const report = pageText((await lead.get(reportUrl())).text);
    const start = report.indexOf('Recommendations As a result');
    const recommendations = report.slice(start, report.indexOf('Background', start));
    // The demo's six, for the service, then the police's, numbered on from them.
    expect(recommendations).toMatch(
      /made seven recommendations that we believe, .* The Hackney Youth Justice Service should: develop data collection .* to inform all future work The police should: Refer children for out-of-court disposals/,
    );
  });
});

describe('downloads', () => {
  it('sends each file with its type as an attachment; an unknown version is not found', async () => {
    const lead = await signIn(r.world, 'lead@example.org');
    const types = {
      pdf: 'application/pdf',
      xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      csv: 'text/csv; charset=utf-8',
    };
    for (const [format, type] of Object.entries(types)) {
      const response = await lead.get(`${reportUrl()}.${format}`);
      expect(response.status, format).toBe(200);
      expect(response.headers['content-type'], format).toBe(type);
      expect(response.headers['content-disposition'], format).toMatch(
        new RegExp(`^attachment; filename=".+\\.${format}"$`),
      );
    }
    expect((await lead.get(`${reportUrl()}.csv?version=7`)).status).toBe(404);
    expect((await lead.get(`${reportUrl()}?version=abc`)).status).toBe(404);
    expect((await lead.get(`${reportUrl()}/versions/1`)).status).toBe(404);
  }, 60_000);
});

describe('who may do what', () => {
  it('lets a board member read the report once published, never change it; another organisation gets not found', async () => {
    const board = await signIn(r.world, 'board@example.org');
    const draft = await board.get(reportUrl());
    expect(draft.status).toBe(403);
    expect(pageText(draft.text)).toContain(
      'The management board sees the report and the ratings once the report is published',
    );
    await atStage(r.world, r.inspectionId, 'published');
    expect((await board.get(reportUrl())).status).toBe(200);
    expect((await board.get(`${reportUrl()}.csv`)).status).toBe(200);
    expect((await board.get(`${reportUrl()}/prose`)).status).toBe(403);
    expect((await board.get(`${reportUrl()}/surveys`)).status).toBe(403);
    const list = await board.get(`${reportUrl()}/recommendations`);
    expect(list.status).toBe(200);
    expect(pageText(list.text)).not.toContain('Add a recommendation');
    const posted = await board.post(`${reportUrl()}/recommendations`, `${reportUrl()}/recommendations`, {
      actor: 'service',
      text: 'board text',
    });
    expect(posted.status).toBe(403);
    const outsider = await signIn(r.world, 'outsider@example.org');
    for (const path of ['', '.pdf', '.xlsx', '/prose', '/recommendations', '/versions'])
      expect((await outsider.get(`${reportUrl()}${path}`)).status, path).toBe(404);
    await atStage(r.world, r.inspectionId, 'fieldwork');
  });

  it('lets only the lead inspector publish', async () => {
    const inspector = await signIn(r.world, 'inspector@example.org');
    expect((await inspector.get(`${reportUrl()}/publish`)).status).toBe(403);
    expect(pageText((await inspector.get(reportUrl())).text)).not.toContain('Publish this report');
  });
});
