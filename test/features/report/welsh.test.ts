import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../src/platform/db/core-tables.js';
import { translator } from '../../../src/platform/i18n/index.js';
import { accessibilityViolations, launchChromium } from '../../support/browser.js';
import { binaryBody, pageText, signIn } from '../../support/web.js';
import { openReportWorld, type ReportWorld } from './world.js';

let r: ReportWorld;
let dir: string;
const reportUrl = () => `/inspections/${r.inspectionId}/report`;

beforeAll(async () => {
  r = await openReportWorld();
  dir = mkdtempSync(join(tmpdir(), 'yj-report-cy-'));
}, 120_000);
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await r.world.close();
});

/** Sets the report's language through the settings form, as the lead inspector would. */
async function chooseLanguage(language: string) {
  const lead = await signIn(r.world, 'lead@example.org');
  const form = `${reportUrl()}/settings`;
  const version = /name="expectedVersion" value="(\d+)"/.exec((await lead.get(form)).text)![1]!;
  return lead.post(form, form, { language, expectedVersion: version });
}

/** The words of a PDF as poppler reads them, one line of text. */
function pdfText(body: Buffer, name: string): string {
  writeFileSync(join(dir, `${name}.pdf`), body);
  execFileSync('pdftotext', [join(dir, `${name}.pdf`), join(dir, `${name}.txt`)]);
  return readFileSync(join(dir, `${name}.txt`), 'utf8').replace(/\s+/g, ' ');
}

describe('the report in Welsh', () => {
  it('shows the report page in Welsh with ?lang=cy, its headings and its dates in Welsh', async () => {
    const lead = await signIn(r.world, 'lead@example.org');
    const page = await lead.get(`${reportUrl()}?lang=cy`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="cy"');
    const text = pageText(page.text);
    for (const heading of ['Lawrlwytho', "Ysgrifennu'r adroddiad", 'Cynnwys', 'Sgoriau', 'Argymhellion'])
      expect(text).toContain(heading);
    expect(text).toContain('Cefndir');
    expect(text).toContain('Atodiad 1: Methodoleg');
    // The background paragraph's fieldwork weeks, written in Welsh (Hackney: 16 January and 6 February 2023).
    expect(text).toContain('Cynhaliwyd gwaith maes gennym yn');
    expect(text).toContain('16 Ionawr 2023');
    expect(text).toContain('6 Chwefror 2023');
    expect(text).not.toContain('February 2023');
  });

  it('offers the language setting to whoever may write the report, and saves it on the audit trail', async () => {
    const lead = await signIn(r.world, 'lead@example.org');
    const form = await lead.get(`${reportUrl()}/settings?lang=cy`);
    expect(form.status).toBe(200);
    expect(pageText(form.text)).toContain('Iaith yr adroddiad');
    const bad = await chooseLanguage('fr');
    expect(bad.status).toBe(400);
    // The lead reads the interface in Welsh now (?lang=cy is remembered): the field error is in Welsh too.
    expect(pageText(bad.text)).toContain('Dewiswch iaith yr adroddiad');
    expect(pageText(bad.text)).not.toContain('(synthetic o achosion)');
    expect(bad.text).toContain('href="#language"');
    expect((await chooseLanguage('cy')).status).toBe(303);
    const [event] = await r.world.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'report.language.save'), eq(auditEvents.userId, r.lead.id)));
    expect(event).toBeDefined();
    expect(event!.after).toMatchObject({ language: 'cy' });
  });

  it('refuses the setting to someone who may not write the report', async () => {
    const before = await r.world.services.report.content(r.admin, r.inspectionId);
    const board = await signIn(r.world, 'board@example.org');
    const page = await board.get(`${reportUrl()}/settings`);
    expect([403, 404]).toContain(page.status);
    const posted = await board.agent
      .post(`${reportUrl()}/settings`)
      .type('form')
      .send({ language: 'both', expectedVersion: String(before.content.version) });
    expect([403, 404]).toContain(posted.status);
    await expect(
      r.world.services.report.saveLanguage(r.boardMember, r.inspectionId, { language: 'both' }),
    ).rejects.toThrow();
    await expect(
      r.world.services.report.saveLanguage(r.outsider, r.inspectionId, { language: 'both' }),
    ).rejects.toThrow();
    const after = await r.world.services.report.content(r.admin, r.inspectionId);
    expect(after.content.language).toBe(before.content.language);
  });

  it('downloads the Welsh report as HTML with lang="cy" and its Welsh headings; no English edition is offered', async () => {
    expect((await chooseLanguage('cy')).status).toBe(303);
    const lead = await signIn(r.world, 'lead@example.org');
    // The download follows the report's language, not the reader's interface language.
    const file = await lead.get(`${reportUrl()}.html?lang=en`);
    expect(file.status).toBe(200);
    expect(file.headers['content-disposition']).toContain('-cy.html');
    expect(file.text).toContain('<html lang="cy"');
    const text = pageText(file.text);
    for (const heading of ['Rhagair', 'Sgoriau', 'Argymhellion', 'Cefndir', "Atodiad 2: Data'r arolygiad"])
      expect(text).toContain(heading);
    expect(text).toContain('Sgôr gyffredinol');
    expect(text).not.toContain('Overall rating');
    expect((await lead.get(`${reportUrl()}.html?edition=en`)).status).toBe(404);
    // The framework's words come from its data: in Welsh where it holds them, otherwise the report says so.
    const title = 'Governance and leadership';
    if (translator().has(title, 'cy')) expect(text).toContain(translator().t(title, { lng: 'cy' }));
    else expect(text).toContain('Nid oes testun Cymraeg gan y fframwaith hwn eto');
  });

  it('has no axe violations in the Welsh single-file HTML report, read in Chromium', async () => {
    await chooseLanguage('cy');
    const { body } = await r.world.services.report.download(r.lead, r.inspectionId, 'html');
    const browser = await launchChromium();
    try {
      const page = await (await browser.newContext()).newPage();
      await page.setContent(body.toString());
      expect(await page.getAttribute('html', 'lang')).toBe('cy');
      expect(await page.getByRole('heading', { level: 2, name: 'Argymhellion' }).count()).toBe(1);
      expect(await accessibilityViolations(page)).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('prints the Welsh report as a PDF in Chromium, its headings in Welsh', async () => {
    await chooseLanguage('cy');
    const { body, fileName } = await r.world.services.report.download(r.lead, r.inspectionId, 'pdf');
    expect(fileName).toMatch(/-cy\.pdf$/);
    const text = pdfText(body, 'welsh');
    expect(text).toContain('Cynnwys');
    expect(text).toContain('Argymhellion');
    expect(text).toContain('Cefndir');
    expect(text).toContain('Atodiad 1: Methodoleg');
    expect(text).toContain('Tudalen 1 o');
    expect(text).not.toContain('Recommendations');
  }, 120_000);

  it('with both, downloads a Welsh edition and an English edition, each with its lang', async () => {
    expect((await chooseLanguage('both')).status).toBe(303);
    const lead = await signIn(r.world, 'lead@example.org');
    const page = await lead.get(reportUrl());
    expect(page.text).toContain(`href="${reportUrl()}.pdf?edition=cy"`);
    expect(page.text).toContain(`href="${reportUrl()}.pdf?edition=en"`);
    const welsh = await lead.get(`${reportUrl()}.html?edition=cy`);
    expect(welsh.text).toContain('<html lang="cy"');
    expect(pageText(welsh.text)).toContain('Argymhellion');
    const english = await lead.get(`${reportUrl()}.html?edition=en`);
    expect(english.headers['content-disposition']).not.toContain('-cy');
    expect(english.text).toContain('<html lang="en-GB"');
    expect(pageText(english.text)).toContain('Recommendations');
    expect(pageText(english.text)).not.toContain('Argymhellion');
    const pdf = await lead.get(`${reportUrl()}.pdf?edition=en`).buffer(true).parse(binaryBody);
    expect(pdfText(pdf.body as Buffer, 'english')).toContain('Annexe 1: Methodology');
    expect((await lead.get(`${reportUrl()}.pdf?edition=fr`)).status).toBe(404);
    await chooseLanguage('en');
  }, 120_000);
});
