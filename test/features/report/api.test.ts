import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/platform/audit.js';
import { hackneySeed } from '../../domain/report/fixture.js';
import { openReportWorld, type ReportWorld } from './world.js';

let r: ReportWorld;
const tokens = new Map<string, string>();

beforeAll(async () => {
  r = await openReportWorld();
  for (const actor of [r.lead, r.inspector, r.boardMember, r.outsider])
    tokens.set(actor.id, await r.world.services.users.createApiToken(null, actor.id, 'report test'));
}, 120_000);
afterAll(async () => {
  await r.world.close();
});

/** What the tests read of the JSON answers. */
interface Json {
  state: { status: string; versionNumber: number; publishedAt: string | null };
  report: { ratingsBox: { score: number; overall: string } };
  error: { fields: Record<string, string> };
  id: string;
  number: number;
  versionNumber: number;
  versions: unknown[];
  recommendations: { number: number }[];
}
const json = (response: { body: unknown }) => response.body as Json;

/** The API as the actor, with their bearer token. */
const as = (actor: Actor) => {
  const auth = (test: supertest.Test) => test.set('authorization', `Bearer ${tokens.get(actor.id)!}`);
  const agent = supertest(r.world.app);
  return {
    get: (path: string) => auth(agent.get(`/api/v1${path}`)),
    post: (path: string, body: object) => auth(agent.post(`/api/v1${path}`)).send(body),
    put: (path: string, body: object) => auth(agent.put(`/api/v1${path}`)).send(body),
  };
};

describe('the report API', () => {
  it("returns the report's figures as JSON, the ratings box as published", async () => {
    const response = await as(r.lead).get(`/inspections/${r.inspectionId}/report`);
    expect(response.status).toBe(200);
    // The board reads the report once it is published, not the draft.
    expect((await as(r.boardMember).get(`/inspections/${r.inspectionId}/report`)).status).toBe(403);
    expect(json(response).state).toEqual({ status: 'draft', versionNumber: 1, publishedAt: null });
    expect(json(response).report.ratingsBox).toMatchObject({ score: hackneySeed.score, overall: hackneySeed.overall });
    expect((await as(r.outsider).get(`/inspections/${r.inspectionId}/report`)).status).toBe(404);
  });

  it('adds and changes recommendations, naming the field at fault, refusing a stale change', async () => {
    const path = `/inspections/${r.inspectionId}/recommendations`;
    const bad = await as(r.inspector).post(path, { actor: 'other', text: 'Share data with schools' });
    expect(bad.status).toBe(400);
    expect(json(bad).error.fields).toEqual({ actorName: 'Enter the name of the body that must act' });
    const added = await as(r.inspector).post(path, {
      actor: 'other',
      actorName: 'The local authority',
      text: 'Share data with schools',
      standardIds: ['1.3'],
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ number: 7, actor: 'other', standardIds: ['1.3'], version: 1 });
    const changed = await as(r.inspector).put(`${path}/${json(added).id}`, {
      actor: 'other',
      actorName: 'The local authority',
      text: 'Share education data with schools',
      expectedVersion: 1,
    });
    expect(changed.status).toBe(200);
    const stale = await as(r.inspector).put(`${path}/${json(added).id}`, {
      actor: 'other',
      actorName: 'X',
      text: 'Old',
      expectedVersion: 1,
    });
    expect(stale.status).toBe(409);
    expect((await as(r.boardMember).post(path, { actor: 'service', text: 'Board text' })).status).toBe(403);
    const list = await as(r.lead).get(path);
    expect(json(list).recommendations.map((x) => x.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect((await as(r.inspector).post(`${path}/${json(added).id}/remove`, {})).status).toBe(200);
    expect(json(await as(r.lead).get(path)).recommendations).toHaveLength(6);
  });

  it('saves surveys, then lets only the lead inspector publish; the version is frozen', async () => {
    const surveys = await as(r.inspector).put(`/inspections/${r.inspectionId}/report/surveys`, {
      childrenConsented: 14,
      childrenReplied: 20,
    });
    expect(surveys.status).toBe(400);
    expect(json(surveys).error.fields).toEqual({
      childrenReplied: 'Children who replied cannot be more than children who consented',
    });
    expect((await as(r.inspector).post(`/inspections/${r.inspectionId}/report/publish`, {})).status).toBe(403);
    const published = await as(r.lead).post(`/inspections/${r.inspectionId}/report/publish`, { expectedVersion: 1 });
    expect(published.status).toBe(201);
    expect(json(published).versionNumber).toBe(1);
    const versions = await as(r.boardMember).get(`/inspections/${r.inspectionId}/report/versions`);
    expect(json(versions).versions).toHaveLength(1);
    const first = await as(r.boardMember).get(`/inspections/${r.inspectionId}/report/versions/1`);
    expect(json(first).state.status).toBe('published');
    expect((await as(r.boardMember).get(`/inspections/${r.inspectionId}/report/versions/9`)).status).toBe(404);
  });
});
