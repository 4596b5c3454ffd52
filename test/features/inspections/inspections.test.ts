import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { addUser, csrfTokenOf, openTestWorld, signIn, type TestWorld } from '../../support/web.js';

let world: TestWorld;
let serviceA: string;
let serviceB: string;

beforeAll(async () => {
  world = await openTestWorld();
  const admin = await addUser(world, 'admin@example.org', { isAdmin: true });
  serviceA = (await world.services.organisations.create(admin, { name: 'Service A YJS' })).id;
  serviceB = (await world.services.organisations.create(admin, { name: 'Service B YJS' })).id;
  await addUser(world, 'a@example.org', { organisationId: serviceA });
  await addUser(world, 'b@example.org', { organisationId: serviceB });
});
afterAll(() => world.close());

describe('signing in', () => {
  it('sends an anonymous visitor to sign in, and back where they were going', async () => {
    const response = await signIn(world, 'a@example.org').then(() => null);
    expect(response).toBeNull();
    const anonymous = await import('supertest').then((s) => s.default(world.app).get('/inspections'));
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/sign-in?returnTo=%2Finspections');
  });

  it('refuses a wrong password with the GOV.UK error summary, keeping the email typed', async () => {
    const agent = (await import('supertest')).default.agent(world.app);
    const page = await agent.get('/sign-in');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const response = await agent
      .post('/sign-in')
      .type('form')
      .send({ email: 'a@example.org', password: 'wrong', _csrf: token });
    expect(response.status).toBe(400);
    expect(response.text).toContain('There is a problem');
    expect(response.text).toContain('Enter a correct email address and password');
    expect(response.text).toContain('value="a@example.org"');
  });

  it('refuses a form without its CSRF token, and saves nothing', async () => {
    const user = await signIn(world, 'a@example.org');
    const response = await user.agent
      .post('/inspections')
      .type('form')
      .send({ organisationId: serviceA, framework: 'hmip-youth-2021', kind: 'internalAudit' });
    expect(response.status).toBe(403);
    expect((await user.get('/inspections')).text).not.toContain('Internal audit');
  });
});

describe('signing out', () => {
  it('ends the session on the server: the old cookie no longer opens any page', async () => {
    const user = await signIn(world, 'a@example.org');
    const page = await user.get('/inspections');
    const cookies = (
      user.agent as unknown as { jar: { getCookies(access: object): { name: string; value: string }[] } }
    ).jar
      .getCookies({ domain: '127.0.0.1', path: '/', secure: false, script: false })
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
    expect(cookies).toContain('yj_session=');
    const response = await user.agent
      .post('/sign-out')
      .type('form')
      .send({ _csrf: csrfTokenOf(page.text) });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/sign-in');
    // Replaying the cookie as it was before signing out:
    const replay = await supertest(world.app).get('/inspections').set('Cookie', cookies);
    expect(replay.status).toBe(303);
    expect(replay.headers.location).toContain('/sign-in');
  });
});

describe('inspections', () => {
  it('creates an inspection through the form and shows its overview as a task list', async () => {
    const user = await signIn(world, 'a@example.org');
    const response = await user.post('/inspections/new', '/inspections', {
      organisationId: serviceA,
      framework: 'hmip-youth-2021',
      kind: 'mockInspection',
      'fieldworkStart-day': '6',
      'fieldworkStart-month': '3',
      'fieldworkStart-year': '2026',
    });
    expect(response.status).toBe(303);
    const overview = await user.get(response.headers.location!);
    expect(overview.status).toBe(200);
    expect(overview.text).toContain('Service A YJS: Mock inspection, 2026-03');
    expect(overview.text).toContain('6 March 2026');
    for (const task of ['Cases', 'Case assessment', 'Organisational evidence', 'Ratings', 'Ratings panel'])
      expect(overview.text).toMatch(new RegExp(`govuk-task-list__link[^>]*>\\s*${task}\\s*</a>`));
  });

  it('shows errors against the fields and keeps what was typed', async () => {
    const user = await signIn(world, 'a@example.org');
    const response = await user.post('/inspections/new', '/inspections', {
      organisationId: serviceA,
      framework: 'hmip-youth-2021',
      title: 'My audit',
      'fieldworkStart-day': '31',
      'fieldworkStart-month': '2',
      'fieldworkStart-year': '2026',
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain('Select the kind of inspection');
    expect(response.text).toContain('Fieldwork start must be a real date');
    expect(response.text).toContain('value="My audit"');
    expect(response.text).toContain('value="31"');
  });

  it("never shows another organisation's inspection, not even that it exists", async () => {
    const a = await signIn(world, 'a@example.org');
    const created = await a.post('/inspections/new', '/inspections', {
      organisationId: serviceA,
      framework: 'hmip-youth-2018',
      kind: 'internalAudit',
    });
    const path = created.headers.location!;
    const b = await signIn(world, 'b@example.org');
    const response = await b.get(path);
    expect(response.status).toBe(404);
    expect(response.text).not.toContain('Service A');
    expect((await b.get('/inspections')).text).not.toContain('Service A');
    const forged = await b.post('/inspections/new', '/inspections', {
      organisationId: serviceA,
      framework: 'hmip-youth-2018',
      kind: 'internalAudit',
    });
    expect(forged.status).toBe(403);
  });
});
