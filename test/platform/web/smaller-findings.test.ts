import { and, eq } from 'drizzle-orm';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../src/platform/db/core-tables.js';
import { csrfTokenOf, addUser, openTestWorld, pageText, signIn, type TestWorld } from '../../support/web.js';
import { planWorld } from '../../features/plans/support.js';

/** The smaller gaps: plan titles, request ids, cacheable assets, headers on the health routes. */
let world: TestWorld;
let setup: Awaited<ReturnType<typeof planWorld>>;

beforeAll(async () => {
  world = await openTestWorld();
  setup = await planWorld(world);
  await world.services.plans.plans.create(setup.head, {
    organisationId: setup.organisation.id,
    inspectionId: setup.inspection.id,
    title: 'Secret plan title',
    startFrom: 'blank',
  });
});
afterAll(() => world.close());

describe('the plan list', () => {
  it('shows plan titles to roles with plan.view only: not to an inspector of the inspection', async () => {
    const inspector = await addUser(world, 'insp@example.org');
    await world.services.inspections.addTeamMember(setup.admin, setup.inspection.id, inspector.id, 'inspector');
    expect(await world.services.plans.plans.list(inspector)).toEqual([]);
    const page = await (await signIn(world, 'insp@example.org')).get('/plans');
    expect(pageText(page.text)).not.toContain('Secret plan title');
    expect((await world.services.plans.plans.list(setup.head)).map((p) => p.title)).toEqual(['Secret plan title']);
  });
});

describe('request ids', () => {
  it('are our own, whatever X-Request-Id the client sends; a failed sign-in carries it', async () => {
    const agent = supertest.agent(world.app);
    const page = await agent.get('/sign-in');
    const failed = await agent
      .post('/sign-in')
      .set('X-Request-Id', 'chosen-by-the-client')
      .type('form')
      .send({ email: 'nobody@example.org', password: 'wrong password here', _csrf: csrfTokenOf(page.text) });
    expect(failed.status).toBe(400);
    const id = failed.headers['x-request-id'] as string;
    expect(id).not.toBe('chosen-by-the-client');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const [event] = await world.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'user.signInFailed'), eq(auditEvents.subjectId, 'nobody@example.org')));
    expect(event!.requestId).toBe(id);
  });
});

describe('caching and headers', () => {
  it('lets the browser keep static files, never pages', async () => {
    const css = await supertest(world.app).get('/stylesheets/govuk-frontend.min.css');
    expect(css.status).toBe(200);
    expect(css.headers['cache-control']).toMatch(/max-age=86400/);
    expect(css.headers['cache-control']).not.toContain('no-store');
    const script = await supertest(world.app).get('/public/app.css');
    expect(script.headers['cache-control']).not.toContain('no-store');
    expect((await supertest(world.app).get('/sign-in')).headers['cache-control']).toBe('no-store');
  });

  it.each(['/health', '/ping', '/info'])('sends the security headers on %s', async (path) => {
    const response = await supertest(world.app).get(path);
    expect(response.status).toBeLessThan(500);
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-request-id']).toBeTruthy();
  });
});
