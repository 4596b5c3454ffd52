import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { eq } from 'drizzle-orm';
import express from 'express';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { main } from '../../../src/cli/main.js';
import { loadConfig } from '../../../src/platform/config.js';
import { apiTokens } from '../../../src/features/accounts/tables.js';
import { auditEvents } from '../../../src/platform/db/core-tables.js';
import { rateInspection, type InspectionRating } from '../../../src/domain/rating/index.js';
import { openServices } from '../../../src/platform/server.js';
import type { Actor } from '../../../src/platform/audit.js';
import { openApiPath } from '../../../src/platform/web/api/openapi.js';
import { registerApiRoutes } from '../../../src/platform/web/api/routes.js';
import type { responseBodies } from '../../../src/platform/web/api/schemas.js';
import { createApp } from '../../../src/platform/web/app.js';
import { addUser, csrfTokenOf, openTestWorld, signIn, type TestWorld } from '../../support/web.js';

let world: TestWorld;
let admin: Actor;
let alice: Actor; // Service A
let tokens: { admin: string; alice: string; bob: string };
let serviceA: string;
let inspectionA: string;
let courtCase: string;
let outOfCourtCase: string;

type Body<K extends keyof typeof responseBodies> = z.output<(typeof responseBodies)[K]>;
type ErrorBody = Body<'Error'>;
type Ratings = InspectionRating & { service: string };
interface Reply<T> {
  status: number;
  text: string;
  body: T;
}

/** A client of the API with a bearer token (or none); bodies typed as the OpenAPI document says. */
const api = (token?: string, app = world.app) => {
  const send = async <T>(test: supertest.Test, body?: object): Promise<Reply<T>> => {
    if (token) void test.set('authorization', `Bearer ${token}`);
    const response = await (body ? test.send(body) : test);
    return { status: response.status, text: response.text, body: response.body as T };
  };
  return {
    get: <T = ErrorBody>(path: string) => send<T>(supertest(app).get(`/api/v1${path}`)),
    post: <T = ErrorBody>(path: string, body: object) => send<T>(supertest(app).post(`/api/v1${path}`), body),
    put: <T = ErrorBody>(path: string, body: object) => send<T>(supertest(app).put(`/api/v1${path}`), body),
  };
};
const standardOf = (ratings: Ratings, id: string) => ratings.standards.find((s) => s.id === id)!;

// Every attribute a case can have, as the brief of POST /inspections/{id}/cases lists them.
const attributes = { disposal: 'referralOrder', sex: 'female', ethnicityGroup: 'white', disability: 'no' };
const moreAttributes = { lookedAfter: 'no', ageBand: '15-17', rosh: 'medium', swb: 'medium' };
const factors = { childSafetyFactors: true, otherPeopleSafetyFactors: false, reviewRequired: true };
const courtCaseBody = (ref: string) => ({
  ref,
  domain: 'court',
  ...attributes,
  ...moreAttributes,
  ...factors,
  caseManagerInterviewed: true,
});

beforeAll(async () => {
  world = await openTestWorld();
  admin = await addUser(world, 'admin@example.org', { isAdmin: true });
  serviceA = (await world.services.organisations.create(admin, { name: 'Service A YJS' })).id;
  const serviceB = (await world.services.organisations.create(admin, { name: 'Service B YJS' })).id;
  alice = await addUser(world, 'alice@example.org', { organisationId: serviceA });
  const bob = await addUser(world, 'bob@example.org', { organisationId: serviceB });
  const token = (user: Actor) => world.services.users.createApiToken(null, user.id, 'test');
  tokens = { admin: await token(admin), alice: await token(alice), bob: await token(bob) };
  const inspection = await world.services.inspections.create(alice, {
    organisationId: serviceA,
    framework: 'hmip-youth-2021',
    kind: 'internalAudit',
  });
  inspectionA = inspection.id;
  courtCase = (await world.services.cases.add(alice, inspectionA, { ref: 'A1', domain: 'court' })).id;
  outOfCourtCase = (await world.services.cases.add(alice, inspectionA, { ref: 'A2', domain: 'outOfCourt' })).id;
});
afterAll(() => world.close());

let journeyInspection: string;

describe('the journey through the API', () => {
  it('creates an organisation, an inspection and cases, saves answers and reads the ratings', async () => {
    const organisation = await api(tokens.admin).post<Body<'Organisation'>>('/organisations', {
      name: 'Journey YJS',
      localAuthorities: ['Hackney'],
    });
    expect(organisation.status).toBe(201);
    expect(organisation.body).toMatchObject({ name: 'Journey YJS', localAuthorities: ['Hackney'] });
    const casey = await addUser(world, 'casey@example.org', { organisationId: organisation.body.id });
    const caseyApi = api(await world.services.users.createApiToken(null, casey.id, 'journey'));

    const created = await caseyApi.post<Body<'Inspection'>>('/inspections', {
      organisationId: organisation.body.id,
      framework: 'hmip-youth-2021',
      kind: 'mockInspection',
      fieldworkStart: '2026-03-02',
      fieldworkEnd: '2026-03-06',
    });
    expect(created.status).toBe(201);
    expect(created.body.title).toBe('Journey YJS: Mock inspection, 2026-03');
    journeyInspection = created.body.id;
    for (const ref of ['J1', 'J2', 'J3', 'J4'])
      expect((await caseyApi.post(`/inspections/${journeyInspection}/cases`, courtCaseBody(ref))).status).toBe(201);

    const { body: list } = await caseyApi.get<Body<'CaseList'>>(`/inspections/${journeyInspection}/cases`);
    expect(list.cases.map((c) => [c.ref, c.version, c.progress.answered])).toEqual([
      ['J1', 1, 0],
      ['J2', 1, 0],
      ['J3', 1, 0],
      ['J4', 1, 0],
    ]);
    // 2.1.1: 3 of 4 (75%), 2.1.2: 4 of 4 (100%), 2.1.3: 2 of 4 (50%).
    const answers = ['yes yes yes', 'yes yes yes', 'yes yes no', 'no yes no'].map((a) => a.split(' '));
    for (const [i, row] of list.cases.entries()) {
      const [a, b, c] = answers[i]!;
      const saved = await caseyApi.put<Body<'Version'>>(`/inspections/${journeyInspection}/cases/${row.id}/answers`, {
        answers: { '2.1.1': a, '2.1.2': b, '2.1.3': c },
        evidence: { '2.1.1': `Assessment seen for case ${i + 1}` },
        expectedVersion: row.version,
      });
      expect(saved.status).toBe(200);
      expect(saved.body).toEqual({ version: row.version + 1 });
    }
    const stored = await caseyApi.get<Body<'CaseAnswers'>>(
      `/inspections/${journeyInspection}/cases/${list.cases[0]!.id}/answers`,
    );
    expect(stored.body.answers['2.1.1']).toMatchObject({
      answer: 'yes',
      evidence: 'Assessment seen for case 1',
      answeredBy: 'casey',
    });

    const ratings = await caseyApi.get<Ratings>(`/inspections/${journeyInspection}/ratings`);
    expect(ratings.status).toBe(200);
    const standard = standardOf(ratings.body, '2.1');
    expect(standard.keyQuestions.map((kq) => [kq.percent, kq.rating])).toEqual([
      [75, 'Good'],
      [100, 'Outstanding'],
      [50, 'Requires improvement'],
    ]);
    expect(standard).toMatchObject({ rating: 'Requires improvement', limitingKeyQuestion: '2.1.3' });

    const detail = await caseyApi.get<Body<'InspectionDetail'>>(`/inspections/${journeyInspection}`);
    expect(detail.body).toMatchObject({ status: 'planning', caseCount: 4, organisationName: 'Journey YJS' });
    expect(detail.body.progress.answered).toBe(12);
    const mine = await caseyApi.get<Body<'InspectionList'>>('/inspections');
    expect(mine.body.inspections.map((i) => i.id)).toEqual([journeyInspection]);
  });

  it('gives exactly the JSON of `rate --format json`: rateInspection on the same data', async () => {
    const response = await api(tokens.admin).get<Ratings>(`/inspections/${journeyInspection}/ratings`);
    const keys = 'framework service standards score maxScore overall separate missing'.split(' ');
    expect(Object.keys(response.body)).toEqual(keys);
    expect(response.body).toEqual(await world.services.ratings.ratings(admin, journeyInspection));
    const { framework, findings } = await world.services.ratings.rate(admin, journeyInspection);
    expect(response.text).toBe(JSON.stringify(rateInspection(framework, { ...findings, service: 'Journey YJS' })));
  });

  it('records and withdraws professional discretion', async () => {
    const path = `/inspections/${journeyInspection}/discretion/2.1`;
    // The inspection's lead inspector decides; an administrator may not.
    const casey = (await world.services.users.findByEmail('casey@example.org'))!;
    const admin_ = api(tokens.admin);
    const lead = api(await world.services.users.createApiToken(null, casey.id, 'discretion'));
    expect((await admin_.put(path, { rating: 'Good', rationale: 'strong risk work' })).status).toBe(403);
    const rated = async () =>
      standardOf((await admin_.get<Ratings>(`/inspections/${journeyInspection}/ratings`)).body, '2.1');
    const applied = await lead.put<Body<'DiscretionDecision'>>(path, {
      rating: 'Good',
      rationale: 'strong risk work',
    });
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ standardId: '2.1', rating: 'Good', rationale: 'strong risk work' });
    expect(await rated()).toMatchObject({ computedRating: 'Requires improvement', rating: 'Good' });
    const noRationale = await lead.put(path, { rating: 'Good' });
    expect(noRationale.status).toBe(400);
    expect(noRationale.body.error.fields).toEqual({ rationale: 'Enter the rationale for applying discretion' });
    const twoBands = await lead.put(path, { rating: 'Outstanding', rationale: 'too far' });
    expect(twoBands.status).toBe(400);
    expect(twoBands.body.error.fields).toHaveProperty('rating');
    const withdrawn = await lead.put(path, { rating: null, rationale: 'reconsidered at the panel' });
    expect(withdrawn.status).toBe(200);
    expect(await rated()).toMatchObject({ rating: 'Requires improvement' });
    // The withdrawal supersedes the decision: the audit trail shows which, as its before.
    const [withdrawal] = await world.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'discretion.withdraw'));
    expect(withdrawal!.before).toMatchObject({ standardId: '2.1', rating: 'Good', rationale: 'strong risk work' });
  });
});

describe('saving', () => {
  const path = () => `/inspections/${inspectionA}/cases/${courtCase}/answers`;
  const stored = async () => (await api(tokens.alice).get<Body<'CaseAnswers'>>(path())).body;

  it('refuses a stale expectedVersion with 409 and the current version, and saves nothing', async () => {
    const { version } = await stored();
    const first = await api(tokens.alice).put(path(), { answers: { '2.1.1': 'yes' }, expectedVersion: version });
    expect(first.body).toEqual({ version: version + 1 });
    const stale = await api(tokens.alice).put(path(), { answers: { '2.1.1': 'no' }, expectedVersion: version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.status).toBe(409);
    expect(stale.body.error.message).toContain('Nothing you entered was saved');
    const current = stale.body.error.current as Body<'CaseAnswers'>;
    expect(current.version).toBe(version + 1);
    expect(current.answers['2.1.1']!.answer).toBe('yes');
    const after = await stored();
    expect(after.version).toBe(version + 1);
    expect(after.answers['2.1.1']!.answer).toBe('yes');
  });

  it('names the field at fault in a bad body, and saves nothing', async () => {
    const before = await stored();
    const fieldsOf = async (body: object, to = path()) => {
      const response = await api(tokens.alice).put(to, body);
      expect(response.status).toBe(400);
      return response.body.error.fields!;
    };
    expect(await fieldsOf({ answers: { '2.1.2': 'maybe' } })).toEqual({
      'answers.2.1.2': 'Select yes, no or not applicable',
    });
    expect((await fieldsOf({ answers: { '9.9.9': 'yes' } }))['answers.9.9.9']).toContain('unknown key question');
    const outOfCourt = `/inspections/${inspectionA}/cases/${outOfCourtCase}/answers`;
    expect(await fieldsOf({ answers: { '2.1.2': 'yes' } }, outOfCourt)).toEqual({
      'answers.2.1.2': '2.1.2 is a question for court cases; this case is outOfCourt',
    });
    expect(await fieldsOf({ answers: {}, expectedVersoin: 3 })).toEqual({
      expectedVersoin: 'Unknown field "expectedVersoin" (the fields are answers, evidence, expectedVersion)',
    });
    expect(await fieldsOf({ evidence: {} })).toEqual({ answers: 'answers is required' });
    expect(await stored()).toEqual(before);

    const noName = await api(tokens.admin).post('/organisations', { localAuthorities: [] });
    expect(noName.status).toBe(400);
    expect(noName.body.error).toEqual({
      status: 400,
      message: 'There is a problem with the request',
      fields: { name: 'name is required' },
    });
    const badCase = await api(tokens.alice).post(`/inspections/${inspectionA}/cases`, { ref: 'A9', domain: 'x' });
    expect(badCase.body.error.fields!.domain).toContain('Select the kind of case');
    const badJson = await supertest(world.app)
      .put(`/api/v1${path()}`)
      .set('authorization', `Bearer ${tokens.alice}`)
      .set('content-type', 'application/json')
      .send('{"answers": {');
    expect(badJson.status).toBe(400);
    expect((badJson.body as ErrorBody).error.message).toContain('not valid JSON');
  });

  it('saves judgements, with their own versions', async () => {
    const alice_ = api(tokens.alice);
    const judgement = `/inspections/${inspectionA}/judgements/1.1`;
    const saved = await alice_.put<Body<'Judgement'>>(judgement, { rating: 'Good', strengths: 'A clear vision' });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ standardId: '1.1', rating: 'Good', strengths: 'A clear vision', version: 1 });
    const next = await alice_.put<Body<'Judgement'>>(judgement, { rating: 'Outstanding', expectedVersion: 1 });
    expect(next.body.version).toBe(2);
    const stale = await alice_.put(judgement, { rating: 'Inadequate', expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ rating: 'Outstanding', version: 2 });
    const ratings = (await alice_.get<Ratings>(`/inspections/${inspectionA}/ratings`)).body;
    expect(standardOf(ratings, '1.1').rating).toBe('Outstanding');
    expect((await alice_.put(judgement, { rating: 'Brilliant' })).body.error.fields).toEqual({
      rating: 'Select a rating',
    });
    expect((await alice_.put(`/inspections/${inspectionA}/judgements/2.1`, {})).status).toBe(404);
  });
});

describe('access', () => {
  it('needs a valid bearer token: none, unknown or revoked gets 401', async () => {
    const path = `/inspections/${inspectionA}/ratings`;
    const none = await api().get(path);
    expect(none.status).toBe(401);
    expect(none.body.error.message).toContain('Authorization: Bearer');
    expect((await api('yj_not-a-token').get(path)).status).toBe(401);
    const revocable = await world.services.users.createApiToken(null, alice.id, 'to revoke');
    expect((await api(revocable).get(path)).status).toBe(200);
    await world.database.db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.name, 'to revoke'));
    const revoked = await api(revocable).get(path);
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.message).toContain('revoked');
  });

  it('takes no session cookie, even with a CSRF token', async () => {
    const browser = await signIn(world, 'alice@example.org');
    const csrf = csrfTokenOf((await browser.get('/inspections/new')).text);
    const path = `/inspections/${inspectionA}/cases/${courtCase}/answers`;
    const before = (await api(tokens.alice).get(path)).body;
    const put = await browser.agent
      .put(`/api/v1${path}`)
      .set('x-csrf-token', csrf)
      .send({ answers: { '2.1.3': 'no' } });
    expect(put.status).toBe(401);
    expect((await browser.get(`/api/v1/inspections/${inspectionA}`)).status).toBe(401);
    expect((await api(tokens.alice).get(path)).body).toEqual(before);
  });

  it("answers 404 for another organisation's inspection, with no hint that it exists", async () => {
    const bob = api(tokens.bob);
    for (const path of ['', '/cases', '/ratings', `/cases/${courtCase}/answers`]) {
      const response = await bob.get(`/inspections/${inspectionA}${path}`);
      expect(response.status).toBe(404);
      expect(response.text).not.toContain('Service A');
    }
    const answers = `/inspections/${inspectionA}/cases/${courtCase}/answers`;
    expect((await bob.put(answers, { answers: { '2.1.3': 'no' } })).status).toBe(404);
    const stored = await api(tokens.alice).get<Body<'CaseAnswers'>>(answers);
    expect(stored.body.answers).not.toHaveProperty('2.1.3');
    expect((await bob.get<Body<'InspectionList'>>('/inspections')).body.inspections).toEqual([]);
    expect((await bob.get('/inspections/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await bob.get('/inspections/not-an-id')).status).toBe(404);
    expect((await bob.post('/organisations', { name: 'Bob YJS' })).status).toBe(403);
  });

  it('serves monitoring, the frameworks and the OpenAPI document without a token', async () => {
    expect((await supertest(world.app).get('/ping')).body).toEqual({ status: 'UP' });
    expect((await supertest(world.app).get('/health')).body).toMatchObject({ status: 'UP' });
    const frameworks = await api().get<Body<'FrameworkList'>>('/frameworks');
    expect(frameworks.body.frameworks).toContainEqual(
      expect.objectContaining({ id: 'hmip-youth-2021', standardCount: 13, caseBasedStandardCount: 7 }),
    );
    expect((await api().get<{ id: string }>('/frameworks/hmip-youth-2021')).body.id).toBe('hmip-youth-2021');
    expect((await api().get('/frameworks/hmip-youth-1999')).status).toBe(404);
    expect((await api().get('/openapi.json')).status).toBe(200);
  });
});

interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, { required?: string[]; properties: Record<string, object> }> };
}

describe('the OpenAPI document', () => {
  it('lists exactly the routes the router serves, with bodies and errors', async () => {
    const document = (await api().get<OpenApi>('/openapi.json')).body;
    expect(document.openapi).toBe('3.1.0');
    const router = express.Router();
    registerApiRoutes(router, world.services);
    const served = (router.stack as { route?: { path: string; methods: Record<string, boolean> } }[]).flatMap(
      ({ route }) => (route ? Object.keys(route.methods).map((m) => `${m} ${openApiPath(route.path)}`) : []),
    );
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    expect(documented.sort()).toEqual(served.sort());
    expect(served).toContain('put /inspections/{id}/cases/{caseId}/answers');

    const saveAnswers = document.paths['/inspections/{id}/cases/{caseId}/answers']!.put!;
    expect(Object.keys(saveAnswers.responses)).toEqual(['200', '400', '401', '403', '404', '409', '413', '415']);
    expect(document.components.schemas.SaveAnswers).toMatchObject({
      required: ['answers'],
      additionalProperties: false,
      properties: { answers: { additionalProperties: { enum: ['yes', 'no', 'n/a'] } } },
    });
    expect(document.paths['/frameworks']!.get!.security).toEqual([]);
  });
});

describe('yj-inspect tokens create', () => {
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  const email = 'cli@example.org';
  const output = () => {
    const io = { stdout: '', stderr: '' };
    return {
      io,
      cli: { stdout: (t: string) => (io.stdout += t), stderr: (t: string) => (io.stderr += t), cwd: root },
    };
  };
  let dir: string;
  const saved = { url: process.env.DATABASE_URL, password: process.env.YJ_USER_PASSWORD };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'yj-api-cli-'));
    // These commands are about the embedded data directory, whichever database the rest of the file uses.
    delete process.env.DATABASE_URL;
    process.env.YJ_USER_PASSWORD = 'correct horse battery staple';
  });
  afterAll(() => {
    if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
    if (saved.password === undefined) delete process.env.YJ_USER_PASSWORD;
    else process.env.YJ_USER_PASSWORD = saved.password;
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints a token that works on the API once the command has closed the data directory', async () => {
    const add = output();
    expect(
      await main(['users', 'add', '--email', email, '--name', 'Cli User', '--admin', '--data-dir', dir], add.cli),
    ).toBe(0);
    expect(add.io.stdout).toBe(`Added ${email} (administrator).\n`);
    const create = output();
    expect(await main(['tokens', 'create', '--email', email, '--data-dir', dir], create.cli)).toBe(0);
    const token = create.io.stdout.trim();
    expect(token).toMatch(/^yj_[\w-]{43}$/);

    const opened = await openServices(loadConfig(process.env, { dataDir: dir }));
    try {
      const app = createApp(opened.services, { config: { production: false }, secret: 'cli-test' });
      const organisation = await api(token, app).post('/organisations', { name: 'Cli YJS' });
      expect(organisation.status).toBe(201);
      expect((await api('yj_wrong', app).get('/inspections')).status).toBe(401);
    } finally {
      await opened.close();
    }
  }, 60_000);

  it('refuses a data directory another process holds, naming it, with exit status 2', async () => {
    const lockModule = pathToFileURL(join(root, 'src/platform/db/data-dir-lock.ts')).href;
    // The lock belongs to a process (this one would take its own lock over), so another process holds it.
    const script = `const { lockDataDir } = await import('${lockModule}'); lockDataDir(process.argv[1]); console.log('locked'); setInterval(() => {}, 1000);`;
    const holder = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, dir], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
        holder.once('exit', (code) => reject(new Error(`the lock holder exited with ${code}`)));
      });
      const add = output();
      const status = await main(
        ['users', 'add', '--email', 'second@example.org', '--name', 'Second', '--data-dir', dir],
        add.cli,
      );
      expect(status).toBe(2);
      expect(add.io.stderr).toContain(`the data directory ${dir} is in use by yj-inspect (process ${holder.pid}`);
    } finally {
      holder.kill();
    }
  }, 60_000);
});
