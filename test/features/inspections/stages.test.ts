import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../../src/platform/audit.js';
import { rowsOf } from '../../../src/platform/db/connect.js';
import { addUser, openTestWorld, pageText, signIn, type TestWorld } from '../../support/web.js';

let world: TestWorld;
let lead: Actor;
let inspectionId: string;
let caseId: string;

beforeAll(async () => {
  world = await openTestWorld();
  const admin = await addUser(world, 'admin@stages.test', { isAdmin: true });
  const inspectorate = await world.services.organisations.create(admin, {
    name: 'HMIP',
    kind: 'inspectorate',
  } as never);
  const service = await world.services.organisations.create(admin, { name: 'Merton YJS' });
  lead = await addUser(world, 'lead@stages.test', { organisationId: inspectorate.id, role: 'qaLead' });
  await addUser(world, 'head@stages.test', { organisationId: service.id, role: 'headOfService' });
  await addUser(world, 'board@stages.test', { organisationId: service.id, role: 'boardMember' });
  const inspection = await world.services.inspections.create(lead, {
    organisationId: service.id,
    framework: 'hmip-youth-2021',
    kind: 'hmipInspection',
  });
  inspectionId = inspection.id;
});
afterAll(() => world?.close());

const overview = () => `/inspections/${inspectionId}`;
const setStage = (stage: string) =>
  world.database.db.execute(sql`update inspections set status = ${stage} where id = ${inspectionId}`);

describe('the stages of an HMIP inspection', () => {
  it('says what is missing before planning can end, and refuses to move on', async () => {
    const browser = await signIn(world, lead.email);
    const page = pageText((await browser.get(overview())).text);
    expect(page).toContain('Stage Planning');
    expect(page).toContain('Before moving on to fieldwork Add the cases to inspect');
    const refused = await browser.post(overview(), `${overview()}/stage`, { from: 'planning' });
    expect(refused.status).toBe(400);
    expect(pageText(refused.text)).toContain('Before moving on: Add the cases to inspect');
  });

  it('moves on once the cases are allocated, and the overview shows when each stage began and who moved it', async () => {
    const added = await world.services.cases.add(lead, inspectionId, {
      ref: 'C1',
      domain: 'court',
      disposal: 'referralOrder',
    });
    caseId = added.id;
    await world.services.cases.allocate(lead, inspectionId, [caseId], lead.id);
    const browser = await signIn(world, lead.email);
    expect((await browser.post(overview(), `${overview()}/stage`, { from: 'planning' })).status).toBe(303);
    const page = pageText((await browser.get(overview())).text);
    expect(page).toContain('Stage Fieldwork');
    expect(page).toMatch(/Fieldwork Inspectors assess the cases[^.]*? \d+ \w+ \d{4}, lead/);
    expect(page).toContain('Before moving on to ratings panel Finish assessing 1 case');
  });

  it('32 moves on from the same stage at once move it once', async () => {
    await setStage('factualAccuracy');
    const results = await Promise.allSettled(
      Array.from({ length: 32 }, () => world.services.stages.moveOn(lead, inspectionId, 'factualAccuracy')),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r.reason as Error).name)).toEqual(
      Array(31).fill('ConflictError'),
    );
    const moves = await world.database.db.execute(
      sql`select count(*)::int as n from audit_events where inspection_id = ${inspectionId} and action = 'inspection.stage' and after->>'stage' = 'published'`,
    );
    expect(rowsOf<{ n: number }>(moves)[0]!.n).toBe(1);
    await setStage('fieldwork');
  });

  it('in fieldwork the service sees neither answers, ratings nor draft; the board neither', async () => {
    const head = await signIn(world, 'head@stages.test');
    const cases = await head.get(`${overview()}/cases`);
    expect(cases.status).toBe(403);
    expect(pageText(cases.text)).toContain('The service sees the draft report at the factual accuracy stage');
    expect((await head.get(`${overview()}/report`)).status).toBe(403);
    expect((await head.get(`${overview()}/ratings`)).status).toBe(403);
    const shown = pageText((await head.get(overview())).text);
    expect(shown).toContain('Shared when the report is published');
    expect(shown).not.toContain('Move on to');
    const board = await signIn(world, 'board@stages.test');
    expect((await board.get(`${overview()}/report`)).status).toBe(403);
  });

  it('at factual accuracy the service reads the draft but not the answers, the board nothing, and the figures are frozen', async () => {
    await setStage('factualAccuracy');
    const head = await signIn(world, 'head@stages.test');
    expect((await head.get(`${overview()}/report`)).status).toBe(200);
    expect((await head.get(`${overview()}/cases`)).status).toBe(403);
    const board = await signIn(world, 'board@stages.test');
    expect((await board.get(`${overview()}/report`)).status).toBe(403);
    await expect(world.services.inspections.get(lead, inspectionId, 'case.assess')).rejects.toThrow(
      /factual accuracy stage: the figures are frozen/,
    );
    // The save checks access in its own statement: it refuses too, and writes nothing.
    await expect(
      world.services.assessment.save(lead, inspectionId, caseId, { answers: { '2.1.1': 'no' } }),
    ).rejects.toThrow(/the figures are frozen/);
    expect((await world.services.assessment.get(lead, inspectionId, caseId)).answers['2.1.1']).toBeUndefined();
  });

  it('once published the board reads the report and the ratings', async () => {
    await setStage('published');
    const board = await signIn(world, 'board@stages.test');
    expect((await board.get(`${overview()}/report`)).status).toBe(200);
    expect((await board.get(`${overview()}/ratings`)).status).toBe(200);
  });
});
