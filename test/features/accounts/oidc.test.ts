import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import type { Express } from 'express';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OidcConfig } from '../../../src/platform/config.js';
import { auditEvents, memberships, users } from '../../../src/platform/db/core-tables.js';
import { createApp } from '../../../src/platform/web/app.js';
import { addUser, openTestWorld, pageText, type TestWorld } from '../../support/web.js';

/** What this test uses of oidc-provider, which ships no types. */
interface OidcProvider {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
}
type ProviderConstructor = new (issuer: string, configuration: Record<string, unknown>) => OidcProvider;
type Claims = { email?: string; email_verified?: boolean; name: string };

/** The people the identity provider knows: its dev login form takes any of these names as the login. */
const people: Record<string, Claims> = {
  existing: { email: 'Ines@Council.example', email_verified: true, name: 'Ines Existing' },
  newcomer: { email: 'nia@council.example', email_verified: true, name: 'Nia Newcomer' },
  outsider: { email: 'olu@elsewhere.example', email_verified: true, name: 'Olu Outsider' },
  unverified: { email: 'uma@council.example', email_verified: false, name: 'Uma Unverified' },
  // The attacks: the administrator's email, no email_verified claim, the same email under another subject.
  impostor: { email: 'boss@council.example', email_verified: true, name: 'Not The Boss' },
  unclaimed: { email: 'una@council.example', name: 'Una Unclaimed' },
  twin: { email: 'ines@council.example', email_verified: true, name: 'Ines Twin' },
};

const redirectUri = 'http://127.0.0.1:9/sign-in/oidc/callback';
let world: TestWorld;
let app: Express;
let providerServer: Server;
let issuer: string;
let organisationId: string;

beforeAll(async () => {
  world = await openTestWorld();
  const admin = await addUser(world, 'admin@example.org', { isAdmin: true });
  organisationId = (await world.services.organisations.create(admin, { name: 'Council YJS' })).id;
  await addUser(world, 'ines@council.example', { organisationId, role: 'headOfService' });
  await addUser(world, 'boss@council.example', { isAdmin: true });

  providerServer = createServer();
  await new Promise<void>((resolve) => providerServer.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`;
  // A specifier in a variable: oidc-provider ships no types, and this test declares the little it uses.
  const providerModule = 'oidc-provider';
  const { default: Provider } = (await import(providerModule)) as { default: ProviderConstructor };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'yj-inspect',
        client_secret: 'a client secret long enough for HS256 signing',
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    pkce: { required: () => true },
    cookies: { keys: ['test cookie key for the provider'] },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
    findAccount: (_ctx: unknown, id: string) => {
      const claims = people[id];
      return claims ? { accountId: id, claims: () => ({ sub: id, ...claims }) } : undefined;
    },
  });
  providerServer.on('request', provider.callback());

  const oidc: OidcConfig = {
    issuer,
    clientId: 'yj-inspect',
    clientSecret: 'a client secret long enough for HS256 signing',
    redirectUri,
    name: 'Council account',
    organisation: 'Council YJS',
    allowedDomains: ['council.example'],
    defaultRole: 'auditor',
  };
  app = createApp(world.services, { config: { production: false, oidc }, secret: 'test-secret' });
});
afterAll(async () => {
  await new Promise((resolve) => providerServer.close(resolve));
  await world.close();
});

/** A browser at the identity provider: follows its redirects, keeps its cookies, stops when sent back to the app. */
async function atProvider(start: string, login: string): Promise<string> {
  const cookies = new Map<string, string>();
  let url = start;
  let form: Record<string, string> | undefined;
  for (let step = 0; step < 20; step++) {
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form && { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      ...(form && { body: new URLSearchParams(form).toString() }),
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const at = pair!.indexOf('=');
      cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    form = undefined;
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url).href;
      if (url.startsWith(redirectUri)) return url;
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`the provider showed no form: ${response.status} ${html.slice(0, 300)}`);
    url = new URL(action, url).href;
    form = prompt === 'login' ? { prompt, login, password: 'anything' } : { prompt };
  }
  throw new Error('too many steps at the provider');
}

/** Starts single sign-on in the app; returns the provider URL it redirects to. */
async function start(agent: ReturnType<typeof supertest.agent>, returnTo = '/inspections', extra = '') {
  const signInPage = await agent.get('/sign-in');
  expect(signInPage.text).toContain(`href="/sign-in/oidc?returnTo=%2Finspections"`);
  const started = await agent.get(`/sign-in/oidc?returnTo=${encodeURIComponent(returnTo)}${extra}`);
  expect(started.status).toBe(303);
  const location = new URL(started.headers.location!);
  expect(location.origin).toBe(issuer);
  expect(location.searchParams.get('code_challenge_method')).toBe('S256');
  expect(location.searchParams.get('state')).toBeTruthy();
  expect(location.searchParams.get('nonce')).toBeTruthy();
  return location.href;
}

const callbackPath = (url: string) => url.slice('http://127.0.0.1:9'.length);

describe('single sign-on with OpenID Connect', () => {
  it('offers the button only when configured', async () => {
    expect(pageText((await supertest(app).get('/sign-in')).text)).toContain('Sign in with Council account');
    expect(pageText((await supertest(world.app).get('/sign-in')).text)).not.toContain('Sign in with');
  });

  it('links an existing user by verified email of an allowed domain, to where they were going', async () => {
    const agent = supertest.agent(app);
    const back = await atProvider(await start(agent, '/inspections?from=sso'), 'existing');
    const signedIn = await agent.get(callbackPath(back));
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe('/inspections?from=sso');
    const page = await agent.get('/inspections');
    expect(page.status).toBe(200);
    expect(pageText(page.text)).toContain('Signed in as ines');
    const [ines] = await world.database.db.select().from(users).where(eq(users.email, 'ines@council.example'));
    expect(ines).toMatchObject({ oidcIssuer: issuer, oidcSubject: 'existing' });
    const [linked] = await world.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'user.ssoLink'), eq(auditEvents.subjectId, ines!.id)));
    expect(linked!.requestId).toBeTruthy();
  });

  it('offers back a form kept when the last session ended', async () => {
    const ines = (await world.services.users.findByEmail('ines@council.example'))!;
    const kept = await world.services.signIn.keepForm(ines.id, '/account/api-tokens', { name: 'Kept', scope: 'read' });
    const agent = supertest.agent(app);
    const back = await atProvider(await start(agent, '/inspections', `&kept=${kept}`), 'existing');
    const signedIn = await agent.get(callbackPath(back));
    expect(signedIn.headers.location).toBe(`/kept-forms/${kept}`);
    expect((await agent.get(signedIn.headers.location!)).text).toContain('name="name" value="Kept"');
  });

  it('provisions a new user of an allowed domain into the configured service as an auditor', async () => {
    const agent = supertest.agent(app);
    const back = await atProvider(await start(agent), 'newcomer');
    expect((await agent.get(callbackPath(back))).status).toBe(303);
    expect(pageText((await agent.get('/account')).text)).toContain('Nia Newcomer');
    const [user] = await world.database.db.select().from(users).where(eq(users.email, 'nia@council.example'));
    expect(user!.passwordHash).toBeNull();
    const roles = await world.database.db.select().from(memberships).where(eq(memberships.userId, user!.id));
    expect(roles).toEqual([{ userId: user!.id, organisationId, role: 'auditor' }]);
    const created = await world.database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, user!.id));
    expect(created.map((e) => e.action)).toEqual(['user.create', 'membership.add', 'user.signIn']);
    // The second time, the same user: no duplicate, and the sign-in is on the audit trail again.
    const again = supertest.agent(app);
    expect((await again.get(callbackPath(await atProvider(await start(again), 'newcomer')))).status).toBe(303);
    expect(await world.database.db.select().from(users).where(eq(users.email, 'nia@council.example'))).toHaveLength(1);
    const events = await world.database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, user!.id));
    expect(events.filter((e) => e.action === 'user.signIn').map((e) => e.after)).toEqual([
      { method: 'singleSignOn' },
      { method: 'singleSignOn' },
    ]);
  });

  it.each([
    ['outsider', 'Accounts at elsewhere.example cannot sign in to yj-inspect with single sign-on'],
    ['unverified', 'Your identity provider says your email address is not verified'],
    ['unclaimed', 'Your identity provider says your email address is not verified'],
    ['impostor', 'An administrator signs in with their password: single sign-on cannot be linked by email'],
    ['twin', 'Your email address belongs to an account linked to another single sign-on identity'],
  ])('refuses %s, and links and creates nothing', async (login, message) => {
    const before = await world.database.db.select().from(users);
    const agent = supertest.agent(app);
    const refused = await agent.get(callbackPath(await atProvider(await start(agent), login)));
    expect(refused.status).toBe(400);
    expect(pageText(refused.text)).toContain(`There is a problem ${message}`);
    expect((await agent.get('/inspections')).status).toBe(303);
    expect(await world.database.db.select().from(users)).toEqual(before);
  });

  it('refuses a callback whose state is not the one this browser started with', async () => {
    const victim = supertest.agent(app);
    const attacker = supertest.agent(app);
    await start(victim);
    // The attacker's own, valid code and state, delivered to the victim's browser (login CSRF).
    const attackersCallback = await atProvider(await start(attacker), 'existing');
    const refused = await victim.get(callbackPath(attackersCallback));
    expect(refused.status).toBe(400);
    expect(pageText(refused.text)).toContain('Signing in with Council account did not succeed: try again');
    expect((await victim.get('/inspections')).status).toBe(303);
    // Without any started sign-in at all.
    const stranger = await supertest.agent(app).get(callbackPath(attackersCallback));
    expect(pageText(stranger.text)).toContain('took too long or was not started here');
  });

  it('refuses an ID token whose nonce is not the one sent', async () => {
    const agent = supertest.agent(app);
    const providerUrl = new URL(await start(agent));
    const back = await atProvider(providerUrl.href, 'existing');
    // The same state and PKCE verifier, but another nonce, signed as the app would sign it.
    const cookie = agent.jar.getCookie('yj_oidc', {
      path: '/sign-in/oidc',
      domain: '127.0.0.1',
      secure: false,
      script: false,
    })!;
    const pending = JSON.parse(Buffer.from(cookie.value.split('.')[0]!, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const forged = Buffer.from(JSON.stringify({ ...pending, nonce: 'not-the-nonce-sent' })).toString('base64url');
    const signature = createHmac('sha256', 'test-secret').update(forged).digest('base64url');
    const refused = await supertest(app).get(callbackPath(back)).set('cookie', `yj_oidc=${forged}.${signature}`);
    expect(refused.status).toBe(400);
    expect(pageText(refused.text)).toContain('did not succeed');
    // The true cookie with the same code now fails too: a code is used once.
    expect((await agent.get(callbackPath(back))).status).toBe(400);
  });
});
