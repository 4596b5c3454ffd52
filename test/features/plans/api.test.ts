import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/platform/audit.js';
import { addUser, openTestWorld, type TestWorld } from '../../support/web.js';
import { planWorld } from './support.js';

/** The improvement plan through the JSON API: the same rules and permissions as the pages. */
let world: TestWorld;
let setup: Awaited<ReturnType<typeof planWorld>>;

const as = async (user: Actor) => {
  const token = await world.services.users.createApiToken(null, user.id, 'plans');
  const agent = supertest(world.app);
  return {
    get: (path: string) => agent.get(`/api/v1${path}`).set('authorization', `Bearer ${token}`),
    post: (path: string, body: object) =>
      agent.post(`/api/v1${path}`).set('authorization', `Bearer ${token}`).send(body),
  };
};

beforeAll(async () => {
  world = await openTestWorld();
  setup = await planWorld(world);
});
afterAll(() => world.close());

describe('improvement plans over the API', () => {
  it('a plan is made, filled, updated and read as of two dates; sign-off by role only', async () => {
    const head = await as(setup.head);
    const created = await head.post('/plans', {
      organisationId: setup.organisation.id,
      inspectionId: setup.inspection.id,
      title: 'API plan',
      startFrom: 'blank',
    });
    expect(created.status).toBe(201);
    const planId = (created.body as { id: string }).id;
    const area = await head.post(`/plans/${planId}/areas`, {
      number: 1,
      domain: 'D3 Assessment',
      text: 'Risk in OOCD assessments',
    });
    expect(area.status).toBe(201);
    const bad = await head.post(`/plans/${planId}/areas/${(area.body as { id: string }).id}/actions`, {
      text: 'Train the OOCD team',
      owners: [],
      status: 'finished',
    });
    expect(bad.status).toBe(400);
    expect((bad.body as { error: { fields: Record<string, string> } }).error.fields).toMatchObject({
      owners: 'Enter at least one owner: a person or a role',
      status: 'Select the status',
    });
    const action = await head.post(`/plans/${planId}/areas/${(area.body as { id: string }).id}/actions`, {
      text: 'Train the OOCD team',
      owners: ['SG'],
      status: 'notStarted',
      commencementDate: '2023-10-01',
      targetDate: '2024-02-29',
      targets: ['3.1', '3.1.2'],
    });
    expect(action.status).toBe(201);
    const actionId = (action.body as { id: string }).id;
    expect(
      (
        await head.post(`/plans/${planId}/actions/${actionId}/updates`, {
          date: '2024-01-20',
          note: 'Workshops held',
          status: 'completed',
        })
      ).status,
    ).toBe(201);

    const before = await head.get(`/plans/${planId}/progress/2023-12-31`);
    expect(before.body).toMatchObject({ asOf: '2023-12-31', counts: { amber: 1, completed: 0 } });
    const after = await head.get(`/plans/${planId}/progress/2024-03-01`);
    expect(after.body).toMatchObject({ counts: { green: 1, completed: 1 } });
    expect(
      (after.body as { areas: { actions: { completionDate: string }[] }[] }).areas[0]!.actions[0]!.completionDate,
    ).toBe('2024-01-20');
    expect((await head.get(`/plans/${planId}/progress/2024-02-30`)).status).toBe(400);

    const auditor = await as(setup.auditor);
    expect((await auditor.get(`/plans/${planId}`)).status).toBe(200);
    expect(
      (await auditor.post(`/plans/${planId}/sign-offs`, { kind: 'chairSignedOff', date: '2024-01-01' })).status,
    ).toBe(403);
    const chair = await as(setup.chair);
    // Not before the lead inspector agrees it: a 400 that says why.
    const early = await chair.post(`/plans/${planId}/sign-offs`, { kind: 'chairSignedOff', date: '2024-01-01' });
    expect(early.status).toBe(400);
    expect(JSON.stringify(early.body)).toContain('The lead inspector has not agreed the plan yet');
    const lead = await as(setup.lead);
    expect(
      (await lead.post(`/plans/${planId}/sign-offs`, { kind: 'leadInspectorAgreed', date: '2023-12-01' })).status,
    ).toBe(201);
    expect(
      (await chair.post(`/plans/${planId}/sign-offs`, { kind: 'chairSignedOff', date: '2024-01-01' })).status,
    ).toBe(201);
    const listed = await chair.get('/plans');
    expect(listed.body).toMatchObject({
      plans: [{ title: 'API plan', agreedOn: '2023-12-01', signedOffOn: '2024-01-01' }],
    });

    const stranger = await addUser(world, 'someone@elsewhere.example.org');
    expect((await (await as(stranger)).get(`/plans/${planId}`)).status).toBe(404);
  });
});
