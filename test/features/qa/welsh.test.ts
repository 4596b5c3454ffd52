import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, binaryBody, openTestWorld, pageText, signIn, type TestWorld } from '../../support/web.js';
import type { Actor } from '../../../src/platform/audit.js';
import { t, withLanguage } from '../../../src/platform/i18n/index.js';
import { predictBands } from '../../../src/domain/qa/index.js';
import { getFramework } from '../../../src/platform/framework-registry.js';

/** Quality assurance in Cymraeg: the programmes, a programme, the trends and their chart, the board's report. */
let world: TestWorld;
let organisationId: string;
let programmeId: string;
const people: Record<string, Actor> = {};
const managers = ['cm1', 'cm2', 'cm3'];
const population = [
  'ref,domain,caseManager',
  ...managers.flatMap((m, i) => [1, 2, 3, 4].map((j) => `YJ-${i}${j},court,${m}@welsh.test`)),
].join('\n');

beforeAll(async () => {
  world = await openTestWorld();
  const admin = await addUser(world, 'admin@welsh.test', { isAdmin: true });
  organisationId = (await world.services.organisations.create(admin, { name: 'Gwasanaeth Glan yr Afon' })).id;
  people.lead = await addUser(world, 'lead@welsh.test', { organisationId, role: 'qaLead' });
  people.a1 = await addUser(world, 'a1@welsh.test', { organisationId, role: 'auditor' });
  for (const m of managers)
    people[m] = await addUser(world, `${m}@welsh.test`, { organisationId, role: 'caseManager' });
  programmeId = (
    await world.services.qaProgrammes.create(people.lead, organisationId, {
      title: 'Archwiliad asesu',
      framework: 'hmip-youth-2021',
      frequency: 'quarterly',
      selection: 'perCaseManager',
      perCaseManager: '3',
      standards: ['2.1'],
      auditors: [people.a1.id],
    } as never)
  ).id;
  // Two rounds audited on 2.1's key questions: 3 then 9 of the 9 cases 'Yes'.
  for (const [periodStart, yes] of [
    ['2026-01-01', 3],
    ['2026-04-01', 9],
  ] as const) {
    await world.services.qaProgrammes.startRound(people.lead, programmeId, { periodStart, population, refs: '' });
    const inspection = (await world.services.inspections.list(people.lead)).find((i) => i.title.includes(periodStart))!;
    const cases = await world.services.cases.list(people.lead, inspection.id);
    for (const [i, c] of cases.entries()) {
      const answer = i < yes ? 'yes' : 'no';
      await world.services.assessment.save(people.a1, inspection.id, c.id, {
        answers: { '2.1.1': answer, '2.1.2': answer, '2.1.3': answer },
        evidence: {},
      });
    }
  }
});
afterAll(async () => {
  await world.close();
});

describe('quality assurance in Welsh', () => {
  it('shows the programmes and a programme in Welsh with ?lang=cy, and in English with ?lang=en', async () => {
    const lead = await signIn(world, 'lead@welsh.test');
    const list = await lead.get(`/services/${organisationId}/qa?lang=cy`);
    expect(list.status).toBe(200);
    expect(list.text).toContain('<html lang="cy"');
    const listText = pageText(list.text);
    expect(listText).toContain('Rhaglenni archwilio');
    expect(listText).toContain('Gweld y tueddiadau ar draws cylchoedd ac arolygiadau');
    expect(listText).toContain('Archwiliad asesu Yn chwarterol 2.1');
    expect(listText).toContain('Sefydlu rhaglen archwilio');
    expect(listText).not.toContain('Audit programmes');

    const programme = pageText((await lead.get(`/qa/programmes/${programmeId}?lang=cy`)).text);
    expect(programme).toContain('Nifer o achosion fesul rheolwr achos: 3 yr un');
    expect(programme).toContain('2026-01-01 i 2026-03-31');
    expect(programme).toContain('Dechrau cylch');

    const english = await lead.get(`/services/${organisationId}/qa?lang=en`);
    expect(english.text).toContain('<html lang="en');
    expect(pageText(english.text)).toContain('Audit programmes');
  });

  it("shows a programme form's errors in Welsh", async () => {
    const lead = await signIn(world, 'lead@welsh.test');
    const form = `/services/${organisationId}/qa/programmes/new?lang=cy`;
    expect(pageText((await lead.get(form)).text)).toContain('Sefydlu rhaglen archwilio');
    const missing = await lead.post(form, `/services/${organisationId}/qa/programmes`, {
      title: '',
      frequency: 'quarterly',
    });
    expect(missing.status).toBe(400);
    const text = pageText(missing.text);
    expect(text).toContain('Rhowch deitl');
    expect(text).toContain('Dewiswch o leiaf un archwilydd');
  });

  it("shows the trends, the chart's text alternative and the prediction in Welsh", async () => {
    const lead = await signIn(world, 'lead@welsh.test');
    const page = await lead.get(`/services/${organisationId}/qa/trends?standard=2.1&lang=cy`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="cy"');
    const text = pageText(page.text);
    expect(text).toContain('Tueddiadau archwilio');
    expect(text).toContain("Yr hyn y mae'r ffigurau'n ei ragweld");
    expect(text).toContain('O 2026-04-01 i 2026-06-30.');
    expect(text).toContain('rhy ychydig o achosion i ddweud');
    expect(text).toContain("Safon 2.1 a'i chwestiynau allweddol");
    expect(text).toContain("Newid o'r cylch blaenorol");
    expect(text).toContain('y tu hwnt i siawns');
    // The chart's title and description, for a screen reader.
    expect(text).toContain('% Ie fesul cylch gyda chyfyngau 95%');
    expect(text).toMatch(/2 gylch|2 cylch/);
    expect(text).toContain("2026-01-01 i 2026-03-31 i 2026-04-01 i 2026-06-30: 33% 'Ie' yn y cyntaf, 100%");
    expect(text).toContain('Mae ffigur pob cylch yn y tabl isod.');
    expect(text).not.toContain('Every round');
    expect(text).not.toContain('beyond chance');

    const english = pageText((await lead.get(`/services/${organisationId}/qa/trends?standard=2.1&lang=en`)).text);
    expect(english).toContain(
      "2 rounds, 2026-01-01 to 2026-03-31 to 2026-04-01 to 2026-06-30: 33% 'Yes' in the first, 100%",
    );
  });

  it("writes the board's QA report page and workbook in Welsh", async () => {
    const lead = await signIn(world, 'lead@welsh.test');
    const path = `/services/${organisationId}/qa/board-report`;
    const page = await lead.get(`${path}?quarter=2026-Q2&lang=cy`);
    expect(page.text).toContain('<html lang="cy"');
    const text = pageText(page.text);
    expect(text).toContain('Adroddiad sicrhau ansawdd chwarterol: 2026-Q2');
    expect(text).toContain('Cylchoedd a wnaed');
    expect(text).toContain('Ffigurau a thueddiadau');
    const bad = await lead.get(`${path}?quarter=soon&lang=cy`);
    expect(bad.status).toBe(400);
    expect(pageText(bad.text)).toContain('Rhowch chwarter fel 2026-Q2');

    // The PDF, printed by Chromium: its text read back with pdftotext.
    const pdf = await lead.get(`${path}.pdf?quarter=2026-Q2&lang=cy`).buffer(true).parse(binaryBody);
    expect(pdf.status).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'yj-qa-cy-'));
    try {
      writeFileSync(join(dir, 'report.pdf'), pdf.body as Buffer);
      execFileSync('pdftotext', [join(dir, 'report.pdf'), join(dir, 'report.txt')]);
      const pdfText = readFileSync(join(dir, 'report.txt'), 'utf8').replace(/\s+/g, ' ');
      expect(pdfText).toContain('Adroddiad sicrhau ansawdd chwarterol: 2026-Q2');
      expect(pdfText).toContain('Ffigurau a thueddiadau');
      expect(pdfText).not.toContain('Rounds done');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const xlsx = await lead.get(`${path}.xlsx?quarter=2026-Q2&lang=cy`).buffer(true).parse(binaryBody);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as ArrayBuffer);
    // The third sheet is 'Actions', held by the plans' catalogue ("Camau gweithredu") and the report's ("Camau").
    const [rounds, figures, actions] = workbook.worksheets.map((s) => s.name);
    expect([rounds, figures]).toEqual(['Cylchoedd', 'Ffigurau']);
    expect(actions).toMatch(/^Camau/);
    expect(workbook.getWorksheet('Cylchoedd')!.getRow(1).getCell(1).value).toBe('Rhaglen');
  });

  it("says in Welsh why a prediction has too few cases to tell, the domain's own reason translated", () => {
    const prediction = predictBands(getFramework('hmip-youth-2021'), [{ id: '2.1.1', yes: 2, relevant: 3 }], 3, 20);
    expect(prediction).toMatchObject({ status: 'tooFew', reason: '2.1.1 has 3 relevant cases, fewer than 5' });
    const reason = prediction.status === 'tooFew' ? prediction.reason : '';
    expect(withLanguage('cy', () => t('Too few cases to tell: {{reason}}.', { reason: t(reason) }))).toBe(
      'Rhy ychydig o achosion i ddweud: mae gan 2.1.1 3 achos perthnasol, llai na 5.',
    );
    expect(withLanguage('cy', () => t('Select a confidence level and a margin of error for the sample'))).toBe(
      'Dewiswch lefel hyder a lwfans gwall ar gyfer y sampl',
    );
  });
});
