import { gzipSync } from 'node:zlib';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../src/platform/db/core-tables.js';
import { csrfTokenOf, openTestWorld, pageText, signIn, type TestWorld } from '../../support/web.js';
import { planWorld } from '../../features/plans/support.js';

/** Hostile text, ids and bodies: each a 4xx naming what is wrong, never a 500, and nothing written. */
let world: TestWorld;
let setup: Awaited<ReturnType<typeof planWorld>>;
let token: string;
let planId: string;

beforeAll(async () => {
  world = await openTestWorld();
  setup = await planWorld(world);
  token = await world.services.users.createApiToken(null, setup.head.id, 'test');
  planId = (
    await world.services.plans.plans.create(setup.head, {
      organisationId: setup.organisation.id,
      inspectionId: setup.inspection.id,
      title: 'Plan',
      startFrom: 'blank',
    })
  ).id;
});
afterAll(() => world.close());

const api = () => ({
  post: (path: string) => supertest(world.app).post(`/api/v1${path}`).set('authorization', `Bearer ${token}`),
  get: (path: string) => supertest(world.app).get(`/api/v1${path}`).set('authorization', `Bearer ${token}`),
  put: (path: string) => supertest(world.app).put(`/api/v1${path}`).set('authorization', `Bearer ${token}`),
});
/** The API's error body: `{ error: { status, message, fields? } }`. */
const errorOf = (response: { body: unknown }) =>
  (response.body as { error: { message: string; fields?: Record<string, string> } }).error;
const auditCount = async () => (await world.database.db.select().from(auditEvents)).length;

describe('text that cannot be stored', () => {
  it.each([
    ['a NUL', 'Area\0one', 'NUL'],
    ['a lone surrogate', 'Area \uD83D one', 'lone surrogate'],
    ['a non-character', 'Area \uFFFF one', 'U+FFFF'],
  ])('in an API body (%s) is a 400 naming the field, and nothing is written', async (_what, text, said) => {
    const before = await auditCount();
    const response = await api()
      .post(`/plans/${planId}/areas`)
      .send({ number: 1, domain: 'D1', text, source: '', recommendationIds: [] });
    expect(response.status).toBe(400);
    expect(errorOf(response).fields?.text).toContain(said);
    expect(await auditCount()).toBe(before);
  });

  it('in a JSON body sent escaped is refused the same way', async () => {
    const response = await api()
      .post('/organisations')
      .set('content-type', 'application/json')
      .send('{"name":"Nul\\u0000 YJS"}');
    expect(response.status).toBe(400);
    expect(errorOf(response).fields?.name).toMatch(/^name contains a NUL character/);
  });

  it('in a page form is a 400 page naming the field', async () => {
    const head = await signIn(world, 'head@riversideyjs.example.org');
    const before = await auditCount();
    const form = await head.get(`/plans/${planId}/areas/new`);
    const csrf = encodeURIComponent(csrfTokenOf(form.text));
    const response = await head.agent
      .post(`/plans/${planId}/areas/new`)
      .type('form')
      .send(`number=2&domain=D1%00&text=x&_csrf=${csrf}`);
    expect(response.status).toBe(400);
    expect(pageText(response.text)).toContain('domain contains a NUL character');
    expect(await auditCount()).toBe(before);
  });

  it('in a query string is a 400 naming the parameter', async () => {
    const response = await api().get(`/plans/${planId}/progress/2024-01-01?x=%00`);
    expect(response.status).toBe(400);
    expect(errorOf(response).fields?.x).toContain('NUL');
  });
});

describe('ids that are not UUIDs', () => {
  it.each([
    ['get', '/inspections/not-a-uuid'],
    ['get', '/inspections/1/cases'],
    ['get', '/plans/xyz'],
    ['put', '/plans/PLAN/areas/AREA'],
    ['post', '/plans/PLAN/areas/AREA/actions'],
    ['put', '/plans/PLAN/areas/AREA/actions/ACTION'],
    ['post', '/plans/PLAN/actions/ACTION/updates'],
  ] as const)('are 404 on the API: %s %s', async (method, path) => {
    const response = await api()[method](path.replaceAll('PLAN', planId)).send({});
    expect([404, 400]).toContain(response.status);
    if (response.status === 400) expect(Object.keys(errorOf(response).fields ?? {})).not.toContain('id');
    expect(errorOf(response).message).not.toMatch(/uuid|syntax/i);
  });

  it.each(['/inspections/nope', '/plans/nope', `/plans/PLAN/areas/nope/edit`, '/inspections/nope/cases/x'])(
    'are 404 on pages: %s',
    async (path) => {
      const head = await signIn(world, 'head@riversideyjs.example.org');
      const response = await head.get(path.replace('PLAN', planId));
      expect(response.status).toBe(404);
    },
  );
});

describe('bodies that cannot be read', () => {
  it('a charset other than UTF-8 is 415', async () => {
    const response = await api()
      .post('/organisations')
      .set('content-type', 'application/json; charset=latin1')
      .send('{"name":"X"}');
    expect(response.status).toBe(415);
    expect(errorOf(response).message).toMatch(/UTF-8/);
  });

  it('an unknown Content-Encoding is 415', async () => {
    const response = await api()
      .post('/organisations')
      .set('content-type', 'application/json')
      .set('content-encoding', 'zstd-ish')
      .send('{"name":"X"}');
    expect(response.status).toBe(415);
    expect(errorOf(response).message).toMatch(/Content-Encoding/);
  });

  it('a broken gzip body is 400, a good one is read', async () => {
    const broken = await api()
      .post('/organisations')
      .set('content-type', 'application/json')
      .set('content-encoding', 'gzip')
      .serialize((body) => body as string)
      .send(Buffer.from('not gzip at all'));
    expect(broken.status).toBe(400);
    const good = await api()
      .post('/organisations')
      .set('content-type', 'application/json')
      .set('content-encoding', 'gzip')
      .serialize((body) => body as string)
      .send(gzipSync('{"name":""}'));
    expect(good.status, JSON.stringify(good.body)).toBe(400);
    expect(errorOf(good).fields?.name, JSON.stringify(good.body)).toBeDefined();
  });

  it('a broken form body on a page is a 400 page, not a 500', async () => {
    const response = await supertest(world.app)
      .post('/sign-in')
      .set('content-type', 'application/x-www-form-urlencoded; charset=koi8-r')
      .send('email=x');
    expect(response.status).toBe(415);
    expect(response.type).toBe('text/html');
  });

  it('a path with a bad percent escape is 400 or 404, not 500', async () => {
    const response = await api().get('/plans/%E0%A4%A');
    expect([400, 404]).toContain(response.status);
  });
});
