import { eq } from 'drizzle-orm';
import supertest from 'supertest';
import type { z } from 'zod';
import type { planningResponseBodies } from '../../../src/features/planning/api-schemas.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { populationCases } from '../../../src/features/planning/tables.js';
import type { Actor } from '../../../src/platform/audit.js';
import { cmsHeader, cmsRows } from '../../support/population.js';
import { addUser, openTestWorld, signIn, type TestWorld } from '../../support/web.js';

/** Who may plan: the lead inspector; another service's user is told nothing exists; an inspector is refused. */
let world: TestWorld;
let lead: Actor;
let inspectionId: string;
let base: string;
const tokens: Record<'lead' | 'inspector' | 'other', string> = { lead: '', inspector: '', other: '' };

beforeAll(async () => {
  world = await openTestWorld();
  const admin = await addUser(world, 'admin@example.org', { isAdmin: true });
  const serviceA = (await world.services.organisations.create(admin, { name: 'Service A YJS' })).id;
  const serviceB = (await world.services.organisations.create(admin, { name: 'Service B YJS' })).id;
  lead = await addUser(world, 'lead@example.org', { organisationId: serviceA });
  const inspector = await addUser(world, 'ines@example.org', { organisationId: serviceA });
  const other = await addUser(world, 'other@example.org', { organisationId: serviceB });
  inspectionId = (
    await world.services.inspections.create(lead, {
      organisationId: serviceA,
      framework: 'hmip-youth-2021',
      kind: 'mockInspection',
    })
  ).id;
  base = `/inspections/${inspectionId}`;
  await world.services.inspections.addTeamMember(lead, inspectionId, inspector.id, 'inspector');
  const token = (user: Actor) => world.services.users.createApiToken(null, user.id, 'test');
  tokens.lead = await token(lead);
  tokens.inspector = await token(inspector);
  tokens.other = await token(other);
});
afterAll(() => world.close());

type Body<K extends keyof typeof planningResponseBodies> = z.output<(typeof planningResponseBodies)[K]>;
type ErrorBody = { error: { fields: Record<string, string> } };
const api = (token: string) => ({
  post: async <T = ErrorBody>(path: string, body: object) => {
    const response = await supertest(world.app)
      .post(`/api/v1${path}`)
      .set('authorization', `Bearer ${token}`)
      .send(body);
    return { status: response.status, body: response.body as T };
  },
});
const csv = [cmsHeader, ...cmsRows(30, 20, 2)].join('\n');

describe('planning pages: who may see and change them', () => {
  const pages = ['population', 'sample-size', 'sample', 'allocation'];

  it('answers "not found" to a user of another service, for every page and action', async () => {
    const other = await signIn(world, 'other@example.org');
    for (const page of pages) expect((await other.get(`${base}/${page}`)).status, page).toBe(404);
    const draw = await other.post('/inspections', `${base}/sample/draw`, { seed: '1' });
    expect(draw.status).toBe(404);
  });

  it('refuses an inspector without the planning permission (403), on pages and actions', async () => {
    const inspector = await signIn(world, 'ines@example.org');
    for (const page of pages) expect((await inspector.get(`${base}/${page}`)).status, page).toBe(403);
    const balance = await inspector.post('/inspections', `${base}/allocation/balance`, {});
    expect(balance.status).toBe(403);
  });
});

describe('the planning API', () => {
  it('imports, sizes, draws the same sample twice from one seed, and uses it', async () => {
    const imported = await api(tokens.lead).post<Body<'PopulationImported'>>(`${base}/population`, {
      csv,
      mapping: { ref: 'Child ID', domain: 'Case Type', disposal: 'Outcome', sex: 'Gender', rosh: 'RoSH', swb: 'SWB' },
    });
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ imported: 52, byDomain: { court: 30, outOfCourt: 20, resettlement: 2 } });

    const size = await api(tokens.lead).post<Body<'SampleSize'>>(`${base}/sample-size`, {
      confidence: 0.9,
      margin: 0.1,
      size: 20,
    });
    expect(size.status).toBe(200);
    const z = 1.6448536269514722;
    const n0 = (z * z * 0.25) / 0.01;
    // Court first (the framework's rule): the formula is applied to the 30 court cases.
    expect(size.body.sizing).toBe('courtFirst');
    expect(size.body.requiredSize).toBe(Math.ceil(n0 / (1 + (n0 - 1) / 30)));
    expect(size.body.formula[0]).toContain(`= ${n0.toFixed(2)}`);
    expect(size.body.chosen?.marginOfError).toBe(Math.round(z * Math.sqrt((0.25 / 20) * (30 / 49)) * 10000) / 100);

    const first = await api(tokens.lead).post<Body<'SampleDraw'>>(`${base}/sample/draws`, {
      seed: 7,
      strata: ['sex', 'rosh'],
    });
    const second = await api(tokens.lead).post<Body<'SampleDraw'>>(`${base}/sample/draws`, {
      seed: 7,
      strata: ['sex', 'rosh'],
    });
    expect(first.status).toBe(201);
    expect(second.body.sample).toEqual(first.body.sample);
    expect(second.body.reserve).toEqual(first.body.reserve);
    expect(first.body.seed).toBe(7);
    const generated = await api(tokens.lead).post<Body<'SampleDraw'>>(`${base}/sample/draws`, {});
    expect(generated.body.seed).toEqual(expect.any(Number));

    // A population a sample was drawn from is replaced only when the client confirms it.
    const unconfirmed = await api(tokens.lead).post(`${base}/population`, { csv });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.error.fields.replace).toContain('confirm that the new file replaces it');
    const confirmed = await api(tokens.lead).post(`${base}/population`, { csv, replace: true });
    expect(confirmed.status).toBe(201);
    // The same cases (from a new import), options and seed: the same sample.
    const third = await api(tokens.lead).post<Body<'SampleDraw'>>(`${base}/sample/draws`, {
      seed: 7,
      strata: ['sex', 'rosh'],
    });
    expect(third.body.sample).toEqual(first.body.sample);
    const stale = await api(tokens.lead).post(`${base}/sample/use`, { drawId: second.body.id });
    expect(stale.status).toBe(404);

    const used = await api(tokens.lead).post<Body<'SampleUsed'>>(`${base}/sample/use`, { drawId: third.body.id });
    expect(used.status).toBe(200);
    expect(used.body.caseCount).toBe(third.body.sample.length + 2);
    const again = await api(tokens.lead).post(`${base}/population`, { csv, replace: true });
    expect(again.status).toBe(400);
    expect(again.body.error.fields.replace).toContain('already the inspection’s cases');
  });

  it('names each line at fault and stores nothing', async () => {
    const before = await world.database.db
      .select()
      .from(populationCases)
      .where(eq(populationCases.inspectionId, inspectionId));
    const response = await api(tokens.lead).post(`${base}/population`, { csv: 'ref,domain\nA1,court\nA1,prison\n' });
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toEqual({
      'csv.0': 'Line 3: domain: "prison" is not one of court, outOfCourt, resettlement',
    });
    const after = await world.database.db
      .select()
      .from(populationCases)
      .where(eq(populationCases.inspectionId, inspectionId));
    expect(after).toHaveLength(52);
    expect(after).toEqual(before);
  });

  it('answers 404 to another service and 403 to an inspector', async () => {
    const body = { csv: 'ref,domain\nA1,court\n' };
    expect((await api(tokens.other).post(`${base}/population`, body)).status).toBe(404);
    expect((await api(tokens.other).post(`${base}/sample/draws`, {})).status).toBe(404);
    expect((await api(tokens.inspector).post(`${base}/population`, body)).status).toBe(403);
    expect((await api(tokens.inspector).post(`${base}/sample-size`, {})).status).toBe(403);
  });
});
