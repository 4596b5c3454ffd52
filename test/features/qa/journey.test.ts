import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, openTestWorld, pageText, signIn, type TestWorld } from '../../support/web.js';
import type { Actor } from '../../../src/platform/audit.js';

/**
 * A QA lead's quarter-by-quarter audit, end to end through the pages: a programme, two rounds audited by two
 * auditors, case managers' feedback, and the trend page's intervals, change and prediction.
 */

let world: TestWorld;
let organisationId: string;
const people: Record<string, Actor> = {};
const managers = ['cm1', 'cm2', 'cm3'];

const population = [
  'ref,domain,caseManager',
  ...managers.flatMap((m, i) => [1, 2, 3, 4].map((j) => `YJ-${i}${j},court,${m}@yjs.test`)),
].join('\n');

beforeAll(async () => {
  world = await openTestWorld();
  const admin = await addUser(world, 'admin@yjs.test', { isAdmin: true });
  const organisation = await world.services.organisations.create(admin, { name: 'Northtown YJS' });
  organisationId = organisation.id;
  people.lead = await addUser(world, 'lead@yjs.test', { organisationId, role: 'qaLead' });
  people.a1 = await addUser(world, 'auditor1@yjs.test', { organisationId, role: 'auditor' });
  people.a2 = await addUser(world, 'auditor2@yjs.test', { organisationId, role: 'auditor' });
  for (const m of managers) people[m] = await addUser(world, `${m}@yjs.test`, { organisationId, role: 'caseManager' });
});
afterAll(() => world.close());

/** Each auditor answers the key questions of 2.1 on the cases allocated to them: `yes` of them 'Yes'. */
async function audit(inspectionId: string, yesCases: number) {
  const cases = await world.services.cases.list(people.lead!, inspectionId);
  expect(new Set(cases.map((c) => c.allocatedTo))).toEqual(new Set([people.a1!.id, people.a2!.id]));
  for (const [i, c] of cases.entries()) {
    const auditor = c.allocatedTo === people.a1!.id ? people.a1! : people.a2!;
    const answer = i < yesCases ? 'yes' : 'no';
    await world.services.assessment.save(auditor, inspectionId, c.id, {
      answers: { '2.1.1': answer, '2.1.2': answer, '2.1.3': answer },
      evidence: { '2.1.1': `Assessment of ${c.ref}: ${answer === 'yes' ? 'analytical' : 'no analysis of offending'}` },
    });
  }
  return cases;
}

describe('a quarterly audit programme', () => {
  let programmePath = '';
  const rounds: { inspectionId: string; id: string }[] = [];

  it('the QA lead sets up a quarterly programme on 2.1 Assessment, 3 cases per case manager, two auditors', async () => {
    const lead = await signIn(world, 'lead@yjs.test');
    const form = `/services/${organisationId}/qa/programmes/new`;
    const missing = await lead.post(form, `/services/${organisationId}/qa/programmes`, {
      title: '',
      frequency: 'quarterly',
    });
    expect(missing.status).toBe(400);
    expect(pageText(missing.text)).toContain('Enter a title');
    expect(pageText(missing.text)).toContain('Select at least one auditor');
    const created = await lead.post(form, `/services/${organisationId}/qa/programmes`, {
      title: 'Assessment audit',
      framework: 'hmip-youth-2021',
      frequency: 'quarterly',
      scope: 'some',
      standards: ['2.1'],
      selection: 'perCaseManager',
      perCaseManager: '3',
      auditors: [people.a1!.id, people.a2!.id],
    });
    expect(created.status).toBe(303);
    programmePath = created.headers.location!;
    const page = pageText((await lead.get(programmePath)).text);
    expect(page).toContain('Quarterly');
    expect(page).toContain('2.1');
  });

  it('each round becomes an internal audit with its cases shared between the auditors, audited and closed', async () => {
    const lead = await signIn(world, 'lead@yjs.test');
    const bad = await lead.post(programmePath, `${programmePath}/rounds`, { periodStart: '2026-02-30', population });
    expect(bad.status).toBe(400);
    expect(pageText(bad.text)).toContain('The start of the period must be a real date');
    for (const [periodStart, yes] of [
      ['2026-01-01', 3],
      ['2026-04-01', 9],
    ] as const) {
      const started = await lead.post(programmePath, `${programmePath}/rounds`, { periodStart, population });
      expect(started.status).toBe(303);
      const inspections = await world.services.inspections.list(people.lead!);
      const inspection = inspections.find((i) => i.title.includes(periodStart))!;
      expect(inspection.kind).toBe('internalAudit');
      const cases = await audit(inspection.id, yes);
      expect(cases).toHaveLength(9);
      const { rounds: all } = await world.services.qaProgrammes.rounds(people.lead!, programmePath.split('/').at(-1)!);
      const round = all.find((r) => r.inspectionId === inspection.id)!;
      rounds.push({ inspectionId: inspection.id, id: round.id });
      // An auditor opens the case on the inspection's own assessment page.
      const auditor = await signIn(world, 'auditor1@yjs.test');
      const mine = cases.find((c) => c.allocatedTo === people.a1!.id)!;
      expect((await auditor.get(`/inspections/${inspection.id}/cases/${mine.id}`)).status).toBe(200);
      expect((await lead.post(programmePath, `/qa/rounds/${round.id}/close`, {})).status).toBe(303);
    }
    const page = pageText((await lead.get(programmePath)).text);
    expect(page).toContain('2026-01-01 to 2026-03-31');
    expect(page).toContain('2026-04-01 to 2026-06-30');
    expect(page.match(/Closed/g)).toHaveLength(2);
  });

  it("a case manager sees the audit's answers and evidence on their own cases only, and acknowledges them", async () => {
    const cm1 = await signIn(world, 'cm1@yjs.test');
    const page = await cm1.get('/qa/feedback');
    const text = pageText(page.text);
    const mine = [...text.matchAll(/Case (YJ-\d\d)/g)].map((m) => m[1]!);
    expect(mine.length).toBe(6);
    expect(mine.every((ref) => ref.startsWith('YJ-0'))).toBe(true);
    for (const ref of mine)
      expect(text).toMatch(new RegExp(`Assessment of ${ref}: (analytical|no analysis of offending)`));
    // The other case managers' cases (YJ-1x, YJ-2x): nothing of them shows.
    expect(text).not.toMatch(/YJ-[12]/);
    const held = await world.services.qaFeedback.mine(people.cm1!);
    const first = held[0]!;
    const empty = await cm1.post('/qa/feedback', `/qa/feedback/${first.caseId}`, { status: 'responded', response: '' });
    expect(empty.status).toBe(400);
    expect(pageText(empty.text)).toContain('Enter your response');
    expect((await cm1.post('/qa/feedback', `/qa/feedback/${first.caseId}`, { status: 'acknowledged' })).status).toBe(
      303,
    );
    // Another case manager's case: not found, and their case pages stay closed.
    const other = (await world.services.qaFeedback.mine(people.cm2!))[0]!;
    expect((await cm1.post('/qa/feedback', `/qa/feedback/${other.caseId}`, { status: 'acknowledged' })).status).toBe(
      404,
    );
    expect((await cm1.get(`/inspections/${other.inspectionId}/cases/${other.caseId}`)).status).toBeGreaterThanOrEqual(
      403,
    );

    const lead = await signIn(world, 'lead@yjs.test');
    const roundOfFirst = rounds.find((r) => r.inspectionId === first.inspectionId)!;
    const status = pageText((await lead.get(`/qa/rounds/${roundOfFirst.id}/feedback`)).text);
    expect(status).toContain(`${first.ref} cm1@yjs.test Acknowledged`);
    expect(status.match(/Not acknowledged/g)).toHaveLength(8);
  });

  it('the trend page shows the intervals, the change beyond chance and the prediction', async () => {
    const lead = await signIn(world, 'lead@yjs.test');
    const page = await lead.get(`/services/${organisationId}/qa/trends`);
    expect(page.status).toBe(200);
    const text = pageText(page.text);
    // 3 of 9, Wilson 95%: 12% to 65%; 9 of 9: 70% to 100%.
    expect(text).toContain('33% 12% to 65% 3 of 9 Inadequate First figure');
    expect(text).toContain('100% 70% to 100% 9 of 9 Outstanding 67 points (23 to 88): beyond chance');
    expect(text).toContain('What the figures predict');
    expect(text).toContain('Probability of each band');
    expect(text).toContain('Standard, if 20 cases are sampled 71% 23% 5% 1%');
    expect(text).not.toContain('2.2 Planning');
    expect(text).toContain("3 'No' in a row would make it Good");
    expect(page.text).toContain('<svg role="img"');
    const csv = await lead.get(`/services/${organisationId}/qa/trends.csv`);
    expect(csv.text).toContain('standard,2.1,2026-04-01 to 2026-06-30');
    const bad = await lead.get(`/services/${organisationId}/qa/trends?n=abc`);
    expect(bad.status).toBe(400);
    const board = await signIn(world, 'cm1@yjs.test');
    expect((await board.get(`/services/${organisationId}/qa/trends`)).status).toBe(403);
  });

  it("the board's quarterly QA report shows the quarter's round and figures, and downloads as PDF and XLSX", async () => {
    await addUser(world, 'chair@yjs.test', { organisationId, role: 'boardMember' });
    const chair = await signIn(world, 'chair@yjs.test');
    const path = `/services/${organisationId}/qa/board-report`;
    const page = await chair.get(`${path}?quarter=2026-Q2`);
    expect(page.status).toBe(200);
    const text = pageText(page.text);
    expect(text).toContain(
      '1 rounds, 9 cases audited; feedback acknowledged or answered by case managers on 0 of them',
    );
    expect(text).toContain('2.1 Assessment 100% (9 of 9) 70% to 100% Outstanding 33% 67 points, beyond chance');
    const q1 = pageText((await chair.get(`${path}?quarter=2026-Q1`)).text);
    expect(q1).toContain('on 1 of them');
    expect((await chair.get(`${path}?quarter=2026-5`)).status).toBe(400);
    const xlsx = await chair.get(`${path}.xlsx?quarter=2026-Q2`).buffer(true);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const pdf = await chair.get(`${path}.pdf?quarter=2026-Q2`).buffer(true);
    expect(pdf.status).toBe(200);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
