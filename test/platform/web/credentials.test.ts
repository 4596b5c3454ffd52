import { CookieAccessInfo, type CookieJar } from 'cookiejar';
import supertest from 'supertest';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokens } from '../../../src/features/accounts/tables.js';
import type { Actor } from '../../../src/platform/audit.js';
import { addUser, csrfTokenOf, openTestWorld, pageText, signIn, type TestWorld } from '../../support/web.js';

/** Credentials: bearer tokens on the API only and for a limited time; sign-out everywhere; session-bound CSRF. */
let world: TestWorld;
let admin: Actor;

beforeAll(async () => {
  world = await openTestWorld();
  admin = await addUser(world, 'admin@example.org', { isAdmin: true });
  await addUser(world, 'sam@example.org');
});
afterAll(() => world.close());

describe('bearer tokens', () => {
  it('are no credential on a page: the audit trail CSV and a page form ask for sign-in instead', async () => {
    const token = await world.services.users.createApiToken(null, admin.id, 'pages', ['read', 'write']);
    const csv = await supertest(world.app).get('/audit/export.csv').set('authorization', `Bearer ${token}`);
    expect(csv.status).toBe(303);
    expect(csv.headers.location).toMatch(/^\/sign-in/);
    const page = await supertest(world.app).get('/account').set('authorization', `Bearer ${token}`);
    expect(page.status).toBe(303);
    const post = await supertest(world.app)
      .post('/account/api-tokens')
      .set('authorization', `Bearer ${token}`)
      .type('form')
      .send({ name: 'Made with a token', scope: 'write' });
    expect(post.status).not.toBe(200);
    expect(await world.database.db.select().from(apiTokens).where(eq(apiTokens.name, 'Made with a token'))).toEqual([]);
    // The same token still works where it belongs.
    expect((await supertest(world.app).get('/api/v1/inspections').set('authorization', `Bearer ${token}`)).status).toBe(
      200,
    );
  });

  it('expire: 90 days unless chosen otherwise; an expired one gets 401; the page shows expiry and last use', async () => {
    const sam = await signIn(world, 'sam@example.org');
    const refused = await sam.post('/account/api-tokens', '/account/api-tokens', {
      name: 'too long',
      scope: 'read',
      expiresInDays: '400',
    });
    expect(refused.status).toBe(400);
    expect(pageText(refused.text)).toContain('The token may work for 366 days at most');
    const made = await sam.post('/account/api-tokens', '/account/api-tokens', { name: 'export', scope: 'read' });
    const token = /id="new-token">([^<]+)</.exec(made.text)![1]!;
    const [row] = await world.database.db.select().from(apiTokens).where(eq(apiTokens.name, 'export'));
    const days = (row!.expiresAt.getTime() - row!.createdAt.getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(90);
    expect(pageText((await sam.get('/account/api-tokens')).text)).toContain('Never');
    const api = () => supertest(world.app).get('/api/v1/inspections').set('authorization', `Bearer ${token}`);
    expect((await api()).status).toBe(200);
    const listed = pageText((await sam.get('/account/api-tokens')).text);
    expect(listed).toContain('Last used');
    expect(listed).not.toContain('Never');
    const short = await sam.post('/account/api-tokens', '/account/api-tokens', {
      name: 'a week',
      scope: 'read',
      expiresInDays: '7',
    });
    expect(short.status).toBe(200);
    const [week] = await world.database.db.select().from(apiTokens).where(eq(apiTokens.name, 'a week'));
    expect(Math.round((week!.expiresAt.getTime() - week!.createdAt.getTime()) / 86_400_000)).toBe(7);

    await world.database.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, row!.id));
    expect((await api()).status).toBe(401);
    expect(pageText((await sam.get('/account/api-tokens')).text)).toContain('Expired');
  });
});

describe('signing out everywhere', () => {
  it('ends the calendar feed too', async () => {
    const user = await addUser(world, 'cal@example.org');
    const browser = await signIn(world, 'cal@example.org');
    const token = await world.services.plans.reminders.newCalendarToken(user);
    const feed = () => supertest(world.app).get(`/plans/calendar/${token}.ics`);
    expect((await feed()).status).toBe(200);
    const out = await browser.post('/account', '/account/sign-out-everywhere', {});
    expect(out.status).toBe(303);
    expect((await feed()).status).toBe(404);
  });
});

describe('CSRF tokens', () => {
  it("are bound to the session: another browser's cookie and form token, planted together, are refused", async () => {
    await addUser(world, 'ula@example.org');
    await addUser(world, 'vic@example.org');
    const ula = await signIn(world, 'ula@example.org');
    const vic = await signIn(world, 'vic@example.org');
    const cookie = (browser: typeof ula, name: string) =>
      (browser.agent as unknown as { jar: CookieJar }).jar.getCookie(name, CookieAccessInfo.All)!.value;
    // The attacker's own pair: their CSRF cookie and the token of a form they opened.
    const plantedToken = csrfTokenOf((await ula.get('/account/api-tokens')).text);
    const response = await supertest(world.app)
      .post('/account/api-tokens')
      .set('cookie', `yj_session=${cookie(vic, 'yj_session')}; yj_csrf=${cookie(ula, 'yj_csrf')}`)
      .type('form')
      .send({ name: 'planted', scope: 'read', _csrf: plantedToken });
    expect(response.status).toBe(403);
    expect(await world.database.db.select().from(apiTokens).where(eq(apiTokens.name, 'planted'))).toEqual([]);
    // Vic's own form token still works.
    const own = await vic.post('/account/api-tokens', '/account/api-tokens', { name: 'own', scope: 'read' });
    expect(own.status).toBe(200);
  });
});
