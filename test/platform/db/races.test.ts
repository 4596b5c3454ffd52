import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../src/platform/db/connect.js';
import { openReportWorld, type ReportWorld } from '../../features/report/world.js';
import { call, listen, race, type Answer } from '../../support/http.js';
import { addUser } from '../../support/web.js';

/**
 * Every state-changing operation fired 32 times at once with the same preconditions: exactly one winner, the
 * others refused (409, or 400 naming the field), never a 5xx, no lost update and no number given twice.
 */
const N = 32;
let r: ReportWorld;
let server: Awaited<ReturnType<typeof listen>>;
let admin: string;
let lead: string;
let inspector: string;
const tally: Record<string, Record<number, number>> = {};

beforeAll(async () => {
  r = await openReportWorld();
  server = await listen(r.world.app);
  admin = await r.world.services.users.createApiToken(null, r.admin.id, 'race');
  lead = await r.world.services.users.createApiToken(null, r.lead.id, 'race');
  inspector = await r.world.services.users.createApiToken(null, r.inspector.id, 'race');
}, 180_000);
afterAll(async () => {
  console.log(`races on ${r.world.database.kind}:`, JSON.stringify(tally));
  await server.close();
  await r.world.close();
});

const api = (token: string, method: string, path: string, body?: unknown) =>
  call(server.base, token, method, path, body);

/** Fires the call N times at once; records the tally; checks one winner and no 5xx. */
async function oneWins(name: string, fire: (i: number) => Promise<Answer>, refusals: number[] = [409]) {
  const { answers, byStatus } = await race(N, fire);
  tally[name] = byStatus;
  expect(answers.filter((a) => a.status >= 500)).toEqual([]);
  const winners = answers.filter((a) => a.status === 200 || a.status === 201);
  expect(winners, JSON.stringify(byStatus)).toHaveLength(1);
  expect(
    answers.every((a) => a.status < 300 || refusals.includes(a.status)),
    JSON.stringify(byStatus),
  ).toBe(true);
  return { winner: winners[0]!, answers };
}

const auditCount = async () =>
  rowsOf<{ n: number }>(await r.world.database.db.execute(sql`select count(*)::int as n from audit_events`))[0]!.n;

describe(`${N} concurrent writers with the same expected version`, () => {
  it('a judgement: one saves, the rest 409, and the saved text is the winner’s', async () => {
    const path = `/inspections/${r.inspectionId}/judgements/1.1`;
    // A standard with nothing saved yet: the first saves race to create the row.
    await r.world.database.db.execute(
      sql`delete from judgements where inspection_id = ${r.inspectionId} and standard_id = '1.3'`,
    );
    const first = await oneWins('saveJudgement (first save)', (i) =>
      api(inspector, 'PUT', `/inspections/${r.inspectionId}/judgements/1.3`, {
        strengths: `first ${i}`,
        expectedVersion: 0,
      }),
    );
    expect(first.winner.body).toMatchObject({ version: 1 });
    const version =
      (await r.world.services.judgements.judgement(r.lead, r.inspectionId, '1.1')).judgement?.version ?? 0;
    const audits = await auditCount();
    const second = await oneWins('saveJudgement', (i) =>
      api(inspector, 'PUT', path, { strengths: `writer ${i}`, expectedVersion: version }),
    );
    expect(await auditCount()).toBe(audits + 1);
    const stored = await r.world.services.judgements.judgement(r.lead, r.inspectionId, '1.1');
    expect(stored.judgement).toMatchObject({
      version: version + 1,
      strengths: (second.winner.body as { strengths: string }).strengths,
    });
  });

  it('the report prose, the surveys and a standard text: one saves each round, the rest 409', async () => {
    const prose = `/inspections/${r.inspectionId}/report/prose`;
    const before = (await r.world.services.report.content(r.lead, r.inspectionId)).content.version;
    await oneWins('saveReportProse', (i) =>
      api(inspector, 'PUT', prose, { foreword: `f${i}`, expectedVersion: before }),
    );
    await oneWins('saveReportSurveys', (i) =>
      api(inspector, 'PUT', `/inspections/${r.inspectionId}/report/surveys`, {
        staffSurveyed: 10 + i,
        expectedVersion: before + 1,
      }),
    );
    const after = await r.world.services.report.content(r.lead, r.inspectionId);
    expect(after.content.version).toBe(before + 2);
    const text = `/inspections/${r.inspectionId}/report/standards/1.2`;
    const stored = (await r.world.services.report.standardText(r.lead, r.inspectionId, '1.2')).text?.version ?? 0;
    await oneWins('saveReportStandardText', (i) =>
      api(inspector, 'PUT', text, { narrative: `n${i}`, expectedVersion: stored }),
    );
  });

  it('recommendations: concurrent adds get distinct numbers; one change and one removal win', async () => {
    const path = `/inspections/${r.inspectionId}/recommendations`;
    const { answers } = await race(N, (i) => api(inspector, 'POST', path, { actor: 'service', text: `rec ${i}` }));
    tally['addRecommendation (no number)'] = { 201: answers.filter((a) => a.status === 201).length };
    expect(answers.map((a) => a.status)).toEqual(Array(N).fill(201));
    const numbers = answers.map((a) => (a.body as { number: number }).number);
    expect(new Set(numbers).size).toBe(N);
    const taken = Math.max(...numbers) + 1;
    await oneWins(
      'addRecommendation (same number)',
      (i) => api(inspector, 'POST', path, { number: taken, actor: 'service', text: `same ${i}` }),
      [400],
    );
    const list = (await r.world.services.report.recommendations.list(r.lead, r.inspectionId)).recommendations;
    expect(new Set(list.map((x) => x.number)).size).toBe(list.length);
    const target = answers[0]!.body as { id: string; version: number };
    await oneWins('updateRecommendation', (i) =>
      api(inspector, 'PUT', `${path}/${target.id}`, {
        actor: 'service',
        text: `changed ${i}`,
        expectedVersion: target.version,
      }),
    );
    await oneWins('removeRecommendation', () => api(inspector, 'POST', `${path}/${target.id}/remove`), [404, 409]);
  });

  it('an improvement plan: one area per number, one edit per plan version, one new action', async () => {
    const organisationId = (await r.world.services.inspections.get(r.admin, r.inspectionId)).organisationId;
    const headUser = await addUser(r.world, 'head@example.org', { organisationId, role: 'headOfService' });
    const head = await r.world.services.users.createApiToken(null, headUser.id, 'race');
    const plan = await api(head, 'POST', '/plans', {
      organisationId,
      inspectionId: r.inspectionId,
      title: 'Race plan',
      startFrom: 'blank',
    });
    expect(plan.status).toBe(201);
    const planId = (plan.body as { id: string }).id;
    const area = await oneWins(
      'addPlanArea (same number)',
      (i) => api(head, 'POST', `/plans/${planId}/areas`, { number: 1, domain: 'D1', text: `area ${i}` }),
      [400, 409],
    );
    const areaId = (area.winner.body as { id: string }).id;
    const version = ((await api(head, 'GET', `/plans/${planId}`)).body as { version: number }).version;
    await oneWins('editPlanArea', (i) =>
      api(head, 'PUT', `/plans/${planId}/areas/${areaId}`, {
        number: 1,
        domain: 'D1',
        text: `edited ${i}`,
        expectedVersion: version,
      }),
    );
    await oneWins('addPlanAction', (i) =>
      api(head, 'POST', `/plans/${planId}/areas/${areaId}/actions`, {
        text: `action ${i}`,
        owners: ['SG'],
        status: 'notStarted',
        expectedVersion: version + 1,
      }),
    );
    const after = (await api(head, 'GET', `/plans/${planId}`)).body as {
      version: number;
      areas: { actions: unknown[] }[];
    };
    expect(after.version).toBe(version + 2);
    expect(after.areas).toHaveLength(1);
    expect(after.areas[0]!.actions).toHaveLength(1);
  });

  it('the same organisation name and the same case ref: one is made, the rest refused naming the field', async () => {
    const orgs = await oneWins(
      'createOrganisation (same name)',
      () => api(admin, 'POST', '/organisations', { name: 'Race YJS' }),
      [400, 409],
    );
    for (const a of orgs.answers.filter((x) => x.status !== 201))
      expect(Object.keys((a.body.error as { fields: object }).fields)).toEqual(['name']);
    const cases = await oneWins(
      'addCase (same ref)',
      () => api(lead, 'POST', `/inspections/${r.inspectionId}/cases`, { ref: 'RACE-1', domain: 'court' }),
      [400, 409],
    );
    for (const a of cases.answers.filter((x) => x.status !== 201))
      expect(Object.keys((a.body.error as { fields: object }).fields)).toEqual(['ref']);
  });

  it('case answers: one save per version, the rest 409', async () => {
    const listed = (await api(lead, 'GET', `/inspections/${r.inspectionId}/cases`)).body as unknown as {
      id: string;
      version: number;
    }[];
    const target = (Array.isArray(listed) ? listed : (listed as { cases: typeof listed }).cases)[0]!;
    const path = `/inspections/${r.inspectionId}/cases/${target.id}/answers`;
    const current = ((await api(lead, 'GET', path)).body as { version: number }).version;
    await oneWins('saveAnswers', () => api(lead, 'PUT', path, { answers: {}, expectedVersion: current }));
  });
});
