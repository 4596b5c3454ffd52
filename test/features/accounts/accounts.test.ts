import { eq } from 'drizzle-orm';
import supertest from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../src/platform/db/core-tables.js';
import { sessions, signInFailures } from '../../../src/features/accounts/tables.js';
import type { Actor } from '../../../src/platform/audit.js';
import { seedDemo } from '../../../src/demo/demo.js';
import { ValidationError } from '../../../src/platform/errors.js';
import { addUser, csrfTokenOf, openTestWorld, pageText, signIn, type TestWorld } from '../../support/web.js';

let world: TestWorld;
let admin: Actor;
let inspector: Actor;
let inspectionId: string;
const password = 'correct horse battery staple';

/** Sign-in through the form, as a person does; returns the response to the POST. */
async function postSignIn(agent: ReturnType<typeof supertest.agent>, email: string, pass: string, extra = {}) {
  const page = await agent.get('/sign-in');
  return agent
    .post('/sign-in')
    .type('form')
    .send({ email, password: pass, _csrf: csrfTokenOf(page.text), ...extra });
}

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

beforeAll(async () => {
  world = await openTestWorld();
  admin = await addUser(world, 'admin@example.org', { isAdmin: true });
  await seedDemo(world.database.db, world.services.users);
  const [demo] = await world.services.inspections.list(admin);
  inspectionId = demo!.id;
  const { organisationId } = await world.services.inspections.get(admin, inspectionId);
  inspector = await addUser(world, 'ines@example.org', { organisationId });
  await world.services.inspections.addTeamMember(admin, inspectionId, inspector.id, 'inspector');
});
afterAll(() => world.close());
beforeEach(async () => {
  await world.database.db.delete(signInFailures);
  await world.database.db.delete(sessions);
});

describe('password rules', () => {
  const create = (email: string, pass: string) =>
    world.services.users.create(null, { email, displayName: 'New', password: pass });
  const problemOf = async (email: string, pass: string) => {
    try {
      await create(email, pass);
      return null;
    } catch (error) {
      return (error as ValidationError).fields.password;
    }
  };

  it.each([
    ['short', 'eleven char', 'Password must be 12 characters or more'],
    [
      'common',
      'password1234',
      'Password is too common: choose one that is harder to guess, such as three random words',
    ],
    [
      'common, in capitals',
      'PASSWORD1234',
      'Password is too common: choose one that is harder to guess, such as three random words',
    ],
    [
      'common, mixed case',
      'QwertyUiop12',
      'Password is too common: choose one that is harder to guess, such as three random words',
    ],
    [
      'one character repeated',
      'aaaaaaaaaaaaaaa',
      'Password is too common: choose one that is harder to guess, such as three random words',
    ],
    ['the email address', 'pat.long.name@example.org', 'Password must not be your email address'],
    ['the email address before the @', 'Pat.Long.Name', 'Password must not be your email address'],
  ])('refuses a password that is %s', async (_what, pass, message) => {
    expect(await problemOf('pat.long.name@example.org', pass)).toBe(message);
    expect(await world.services.users.findByEmail('pat.long.name@example.org')).toBeNull();
  });

  it('accepts a long, uncommon password', async () => {
    expect(await problemOf('kim@example.org', 'tractor lemon quietly')).toBeNull();
    expect(await world.services.users.authenticate('kim@example.org', 'tractor lemon quietly')).not.toBeNull();
  });
});

describe('throttling failed sign-ins', () => {
  it('locks an account for 15 minutes after 5 failures, even for the right password, then lets it in', async () => {
    const agent = supertest.agent(world.app);
    for (let i = 0; i < 5; i++)
      expect((await postSignIn(agent, 'ines@example.org', `wrong guess ${i}`)).status).toBe(400);
    const locked = await postSignIn(agent, 'INES@example.org', password);
    expect(locked.status).toBe(429);
    expect(pageText(locked.text)).toContain('There is a problem Too many attempts, try again in 15 minutes');
    expect(pageText(locked.text)).not.toContain('Signed in as');
    // Another account from the same address is not locked by these five.
    expect((await postSignIn(supertest.agent(world.app), 'admin@example.org', password)).status).toBe(303);

    await world.database.db.update(signInFailures).set({ at: minutesAgo(11) });
    expect(pageText((await postSignIn(agent, 'ines@example.org', password)).text)).toContain('try again in 4 minutes');
    await world.database.db.update(signInFailures).set({ at: minutesAgo(16) });
    expect((await postSignIn(agent, 'ines@example.org', password)).status).toBe(303);
  });

  it('locks an address after 20 failures across accounts', async () => {
    const agent = supertest.agent(world.app);
    for (let i = 0; i < 20; i++) await postSignIn(agent, `nobody${i % 4}@example.org`, 'not a password at all');
    const locked = await postSignIn(agent, 'admin@example.org', password);
    expect(locked.status).toBe(429);
    expect(pageText(locked.text)).toContain('Too many attempts, try again in 15 minutes');
  });

  it('clears an account’s failures when it signs in', async () => {
    for (const attempt of [1, 2]) {
      const agent = supertest.agent(world.app);
      for (let i = 0; i < 4; i++) await postSignIn(agent, 'ines@example.org', `wrong again, try ${attempt}`);
      expect((await postSignIn(agent, 'ines@example.org', password)).status).toBe(303);
    }
  });

  it('puts every sign-in, failed sign-in and locked-out attempt on the audit trail, with the address', async () => {
    // A new browser for each attempt: a signed-in one is sent past the sign-in page.
    const attempt = (pass: string) => postSignIn(supertest.agent(world.app), 'ines@example.org', pass);
    const before = await world.database.db.select({ id: auditEvents.id }).from(auditEvents);
    const seen = before.length ? Math.max(...before.map((e) => e.id)) : 0;
    await attempt('not the password at all');
    await attempt(password);
    for (let i = 0; i < 5; i++) await attempt('wrong once more, sorry');
    await attempt(password);
    const events = (await world.database.db.select().from(auditEvents)).filter((e) => e.id > seen);
    expect(events.map((e) => e.action)).toEqual([
      'user.signInFailed',
      'user.signIn',
      ...Array<string>(5).fill('user.signInFailed'),
      'user.signInThrottled',
    ]);
    const success = events[1]!;
    expect(success.userId).toBe(inspector.id);
    expect(success.requestId).toBeTruthy();
    expect(success.after).toMatchObject({ method: 'password' });
    expect(typeof (success.after as { address?: unknown }).address).toBe('string');
    expect(events[0]!.after).toMatchObject({ email: 'ines@example.org' });
  });
});

describe('session expiry', () => {
  const judgementUrl = () => `/inspections/${inspectionId}/standards/1.3/judgement`;

  it('ends a session after 30 minutes idle and after 12 hours in all', async () => {
    const user = await signIn(world, 'ines@example.org');
    expect((await user.get('/inspections')).status).toBe(200);
    await world.database.db
      .update(sessions)
      .set({ lastSeenAt: minutesAgo(29) })
      .where(eq(sessions.userId, inspector.id));
    expect((await user.get('/inspections')).status).toBe(200);
    await world.database.db
      .update(sessions)
      .set({ lastSeenAt: minutesAgo(31) })
      .where(eq(sessions.userId, inspector.id));
    const ended = await user.get('/inspections');
    expect(ended.status).toBe(303);
    expect(ended.headers.location).toBe('/sign-in?returnTo=%2Finspections&ended=1');
    expect(pageText((await user.get(ended.headers.location!)).text)).toContain(
      'You were signed out after 30 minutes without activity.',
    );

    const again = await signIn(world, 'ines@example.org');
    await world.database.db
      .update(sessions)
      .set({ expiresAt: minutesAgo(1) })
      .where(eq(sessions.userId, inspector.id));
    expect((await again.get('/inspections')).status).toBe(303);
  });

  it('puts the timeout warning on every page, and "stay signed in" restarts the idle clock', async () => {
    const user = await signIn(world, 'ines@example.org');
    const page = await user.get('/inspections');
    const secondsLeft = Number(/data-seconds-left="(\d+)"/.exec(page.text)?.[1]);
    expect(secondsLeft).toBeGreaterThan(29 * 60);
    expect(secondsLeft).toBeLessThanOrEqual(30 * 60);
    expect(page.text).toContain('data-warning-seconds="300"');
    expect(page.text).toMatch(/<script type="module" src="\/public\/session-timeout.js" nonce="[^"]+"><\/script>/);
    expect(pageText(page.text)).toContain('You will be signed out soon');

    await world.database.db
      .update(sessions)
      .set({ lastSeenAt: minutesAgo(27) })
      .where(eq(sessions.userId, inspector.id));
    const kept = await user.agent
      .post('/session/keep-alive')
      .set('x-csrf-token', /data-csrf-token="([^"]+)"/.exec(page.text)![1]!);
    expect(kept.status).toBe(200);
    expect((kept.body as { secondsLeft: number }).secondsLeft).toBeGreaterThan(29 * 60);
    const [row] = await world.database.db.select().from(sessions).where(eq(sessions.userId, inspector.id));
    expect(row!.lastSeenAt.getTime()).toBeGreaterThan(minutesAgo(1).getTime());
    // Without the form's token it is refused like any other post.
    expect((await user.agent.post('/session/keep-alive')).status).toBe(403);
  });

  it('keeps a form posted after the session ended, and saves it after signing in again', async () => {
    const user = await signIn(world, 'ines@example.org');
    const form = await user.get(judgementUrl());
    const version = /name="expectedVersion" value="(\d+)"/.exec(form.text)![1]!;
    await world.database.db
      .update(sessions)
      .set({ lastSeenAt: minutesAgo(45) })
      .where(eq(sessions.userId, inspector.id));
    const typed = {
      strengths: 'Typed for three quarters of an hour: "quotes" & <angles> kept.',
      areasForImprovement: 'Speech and language.',
      rating: 'Good',
      expectedVersion: version,
      _csrf: csrfTokenOf(form.text),
    };
    const posted = await user.agent.post(judgementUrl()).type('form').send(typed);
    expect(posted.status).toBe(303);
    const signInPage = posted.headers.location!;
    expect(signInPage).toMatch(/^\/sign-in\?returnTo=.*&kept=[0-9a-f-]{36}$/);
    expect(pageText((await user.get(signInPage)).text)).toContain('What you typed has been kept. Sign in to send it.');

    // Another user signing in with the same link gets nothing of it.
    const kept = /kept=([0-9a-f-]{36})/.exec(signInPage)![1]!;
    const stranger = supertest.agent(world.app);
    const strangerSignIn = await postSignIn(stranger, 'admin@example.org', password, { kept });
    expect((await stranger.get(strangerSignIn.headers.location!)).status).toBe(404);

    const back = await postSignIn(user.agent, 'ines@example.org', password, { kept });
    expect(back.headers.location).toBe(`/kept-forms/${kept}`);
    const offer = await user.get(back.headers.location!);
    expect(pageText(offer.text)).toContain('Send what you typed');
    expect(offer.text).toContain(
      'name="strengths" value="Typed for three quarters of an hour: &quot;quotes&quot; &amp; &lt;angles&gt; kept."',
    );
    const inputs = [...offer.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
      m[1]!,
      m[2]!.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&'),
    ]);
    const resent = await user.agent
      .post(`/inspections/${inspectionId}/standards/1.3/judgement`)
      .type('form')
      .send(Object.fromEntries(inputs));
    expect(resent.status).toBe(303);
    const saved = await user.get(judgementUrl());
    expect(saved.text).toContain('Typed for three quarters of an hour: &quot;quotes&quot; &amp; &lt;angles&gt; kept.');
    // Offered once only.
    expect((await user.get(back.headers.location!)).status).toBe(404);
  });
});

describe('sign out everywhere', () => {
  it('ends every session of the user and, when asked, revokes their API tokens', async () => {
    const laptop = await signIn(world, 'ines@example.org');
    const phone = await signIn(world, 'ines@example.org');
    const token = await world.services.users.createApiToken(null, inspector.id, 'script');
    const api = () => supertest(world.app).get('/api/v1/inspections').set('authorization', `Bearer ${token}`);
    expect((await api()).status).toBe(200);
    const done = await laptop.post('/account', '/account/sign-out-everywhere', { revokeTokens: 'yes' });
    expect(done.status).toBe(303);
    expect((await laptop.get('/inspections')).status).toBe(303);
    expect((await phone.get('/inspections')).status).toBe(303);
    expect((await api()).status).toBe(401);
    const [event] = await world.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'user.signOutEverywhere'));
    expect(event!.after).toEqual({ sessionsEnded: 2, tokensRevoked: 1 });
  });
});

describe('changing your password', () => {
  it('needs the current password and a good new one; ends your other sessions, not this one', async () => {
    const here = await signIn(world, 'ines@example.org');
    const elsewhere = await signIn(world, 'ines@example.org');
    const wrong = await here.post('/account/password', '/account/password', {
      current: 'not my password at all',
      password: 'Password1234',
    });
    expect(wrong.status).toBe(400);
    expect(pageText(wrong.text)).toContain(
      'There is a problem Enter your current password correctly Password is too common: choose one that is harder to guess',
    );
    expect(wrong.text).not.toContain('not my password at all');

    const changed = await here.post('/account/password', '/account/password', {
      current: password,
      password: 'seven orange kites at dawn',
    });
    expect(changed.status).toBe(303);
    expect(pageText((await here.get(changed.headers.location!)).text)).toContain('Your password has been changed.');
    expect((await elsewhere.get('/inspections')).status).toBe(303);
    expect(await world.services.users.authenticate('ines@example.org', password)).toBeNull();
    expect(await world.services.users.authenticate('ines@example.org', 'seven orange kites at dawn')).not.toBeNull();
    await world.services.users.changePassword(inspector, 'no session', {
      current: 'seven orange kites at dawn',
      password,
    });
  });
});
