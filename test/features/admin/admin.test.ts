import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { loadConfig } from '../../../src/platform/config.js';
import { auditEvents } from '../../../src/platform/db/core-tables.js';
import { openServices } from '../../../src/platform/server.js';
import type { Actor } from '../../../src/platform/audit.js';
import { addUser, csrfTokenOf, openTestWorld, pageText, signIn, type TestWorld } from '../../support/web.js';

let world: TestWorld;
let admin: Actor;
let qa: Actor;
let organisationId: string;

beforeAll(async () => {
  world = await openTestWorld();
  admin = await addUser(world, 'admin@example.org', { isAdmin: true });
  organisationId = (await world.services.organisations.create(admin, { name: 'Merton YJS' })).id;
  qa = await addUser(world, 'quinn@example.org', { organisationId });
});
afterAll(() => world.close());

const api = (token: string) => ({
  get: (path: string) => supertest(world.app).get(`/api/v1${path}`).set('authorization', `Bearer ${token}`),
  post: (path: string, body: object) =>
    supertest(world.app).post(`/api/v1${path}`).set('authorization', `Bearer ${token}`).send(body),
});

describe('user administration', () => {
  it('is for system administrators only: to anyone else the pages do not exist', async () => {
    const user = await signIn(world, 'quinn@example.org');
    expect((await user.get('/admin/users')).status).toBe(404);
    expect((await user.get(`/admin/users/${qa.id}`)).status).toBe(404);
    const refused = await user.post('/account', `/admin/users/${qa.id}/status`, { disabled: 'yes' });
    expect(refused.status).toBe(404);
  });

  it('lists users with their services, roles and status', async () => {
    const page = pageText((await (await signIn(world, 'admin@example.org')).get('/admin/users')).text);
    expect(page).toContain('quinn quinn@example.org Merton YJS (QA lead) Active');
    expect(page).toContain('admin admin@example.org Merton YJS (QA lead) Active');
  });

  it('disables a user: their sessions and API tokens stop working at once, and they cannot sign in; enabling undoes it', async () => {
    const quinn = await signIn(world, 'quinn@example.org');
    const token = await world.services.users.createApiToken(null, qa.id, 'script');
    expect((await api(token).get('/inspections')).status).toBe(200);

    const administrator = await signIn(world, 'admin@example.org');
    const disabled = await administrator.post(`/admin/users/${qa.id}`, `/admin/users/${qa.id}/status`, {
      disabled: 'yes',
    });
    expect(disabled.status).toBe(303);
    expect(pageText((await administrator.get(disabled.headers.location!)).text)).toContain(
      'The user is disabled: their sessions have ended and their API tokens no longer work.',
    );
    expect((await quinn.get('/inspections')).status).toBe(303);
    expect((await api(token).get('/inspections')).status).toBe(401);
    await expect(signIn(world, 'quinn@example.org')).rejects.toThrow('sign-in failed: 400');

    await administrator.post(`/admin/users/${qa.id}`, `/admin/users/${qa.id}/status`, { disabled: 'no' });
    expect((await (await signIn(world, 'quinn@example.org')).get('/inspections')).status).toBe(200);
    expect((await api(token).get('/inspections')).status).toBe(200);
    const actions = (await world.database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, qa.id))).map(
      (e) => e.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['user.disable', 'user.enable']));
  });

  it('refuses to let administrators disable themselves', async () => {
    const administrator = await signIn(world, 'admin@example.org');
    const refused = await administrator.post(`/admin/users/${admin.id}`, `/admin/users/${admin.id}/status`, {
      disabled: 'yes',
    });
    expect(refused.status).toBe(400);
    expect(pageText(refused.text)).toContain('There is a problem You cannot disable yourself');
  });

  it('sets, changes and removes a role in a service, with the policy’s roles, audited', async () => {
    const administrator = await signIn(world, 'admin@example.org');
    const userPage = `/admin/users/${qa.id}`;
    const missing = await administrator.post(userPage, `${userPage}/memberships`, { organisationId, role: '' });
    expect(missing.status).toBe(400);
    expect(pageText(missing.text)).toContain('There is a problem Select a role');
    const bogus = await administrator.post(userPage, `${userPage}/memberships`, { organisationId, role: 'emperor' });
    expect(bogus.status).toBe(400);

    expect(
      (await administrator.post(userPage, `${userPage}/memberships`, { organisationId, role: 'headOfService' })).status,
    ).toBe(303);
    expect(pageText((await administrator.get(userPage)).text)).toMatch(/Merton YJS Head of service Remove/);
    const events = await world.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'membership.change'));
    expect(events.at(-1)!.before).toEqual({ organisationId, role: 'qaLead' });
    expect(events.at(-1)!.after).toEqual({ organisationId, role: 'headOfService' });

    await administrator.post(userPage, `${userPage}/memberships/${organisationId}/remove`, {});
    expect(pageText((await administrator.get(userPage)).text)).toContain('No roles in any service.');
    await administrator.post(userPage, `${userPage}/memberships`, { organisationId, role: 'qaLead' });
  });
});

describe('API tokens', () => {
  it('a read token reads and gets 403 on anything that writes; a write token writes', async () => {
    const reader = await world.services.users.createApiToken(null, admin.id, 'reader', ['read']);
    const writer = await world.services.users.createApiToken(null, admin.id, 'writer', ['read', 'write']);
    expect((await api(reader).get('/inspections')).status).toBe(200);
    const refused = await api(reader).post('/organisations', { name: 'Ealing YJS' });
    expect(refused.status).toBe(403);
    expect((refused.body as { error: { message: string } }).error.message).toContain(
      "create a token with the 'write' scope",
    );
    expect((await world.services.organisations.list()).map((o) => o.name)).not.toContain('Ealing YJS');
    expect((await api(writer).post('/organisations', { name: 'Ealing YJS' })).status).toBe(201);
  });

  it('are created with a scope and revoked on "your API tokens", shown once', async () => {
    const user = await signIn(world, 'quinn@example.org');
    const noName = await user.post('/account/api-tokens', '/account/api-tokens', { name: ' ', scope: 'read' });
    expect(noName.status).toBe(400);
    expect(pageText(noName.text)).toContain('There is a problem Enter a name for the token');
    const created = await user.post('/account/api-tokens', '/account/api-tokens', { name: 'Dashboard', scope: 'read' });
    expect(created.status).toBe(200);
    const token = /<code class="app-token" id="new-token">(yj_[\w-]+)<\/code>/.exec(created.text)![1]!;
    expect(pageText(created.text)).toMatch(/Dashboard Read only .* Active Revoke Dashboard/);
    expect((await api(token).get('/inspections')).status).toBe(200);
    expect((await api(token).post('/organisations', { name: 'Nope YJS' })).status).toBe(403);
    // Never shown again.
    expect((await user.get('/account/api-tokens')).text).not.toContain(token);

    const id = /action="\/account\/api-tokens\/([0-9a-f-]{36})\/revoke"/.exec(created.text)![1]!;
    const stranger = await signIn(world, 'admin@example.org');
    // An administrator may revoke anyone's; another user may not: tested with a fresh non-admin below.
    const other = await addUser(world, 'olive@example.org', { organisationId });
    const olive = await signIn(world, other.email);
    expect((await olive.post('/account/api-tokens', `/account/api-tokens/${id}/revoke`, {})).status).toBe(404);
    expect((await api(token).get('/inspections')).status).toBe(200);

    const revoked = await user.post('/account/api-tokens', `/account/api-tokens/${id}/revoke`, {});
    expect(revoked.status).toBe(303);
    expect(pageText((await user.get(revoked.headers.location!)).text)).toMatch(/Dashboard Read only .* Revoked/);
    expect((await api(token).get('/inspections')).status).toBe(401);
    expect(stranger).toBeDefined();
  });
});

describe('yj-inspect tokens and retention', () => {
  it('creates a read-only token, lists it and revokes it; runs retention dry', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'yj-tokens-'));
    const saved = { url: process.env.DATABASE_URL, password: process.env.YJ_USER_PASSWORD };
    delete process.env.DATABASE_URL;
    process.env.YJ_USER_PASSWORD = 'a long and unusual passphrase';
    const run = async (...argv: string[]) => {
      let out = '';
      let err = '';
      const status = await main([...argv, '--data-dir', dataDir], {
        stdout: (t) => (out += t),
        stderr: (t) => (err += t),
        cwd: dataDir,
      });
      return { status, out, err };
    };
    try {
      expect((await run('users', 'add', '--email', 'cli@example.org', '--name', 'Cli')).status).toBe(0);
      expect((await run('tokens', 'create', '--email', 'cli@example.org', '--scope', 'admin')).err).toContain(
        '--scope must be one of read, write; got "admin"',
      );
      const created = await run(
        'tokens',
        'create',
        '--email',
        'cli@example.org',
        '--scope',
        'read',
        '--name',
        'nightly',
      );
      const token = created.out.trim();
      expect(token).toMatch(/^yj_/);
      const listed = await run('tokens', 'list', '--email', 'cli@example.org');
      expect(listed.out).toMatch(/^[0-9a-f-]{36} {2}read {8}active {3}\d{4}-\d\d-\d\d {2}nightly$/m);
      const id = listed.out.slice(0, 36);
      const revoked = await run('tokens', 'revoke', '--id', id);
      expect(revoked).toMatchObject({ status: 0, out: 'Revoked the token "nightly" of cli@example.org.\n' });
      expect((await run('tokens', 'revoke', '--id', id)).err).toContain(`no active token has the id ${id}`);
      expect((await run('retention', 'run', '--dry-run')).out).toBe('No inspection is past its retention.\n');
      const opened = await openServices(loadConfig({}, { dataDir }));
      try {
        expect(await opened.services.users.apiTokenOf(token)).toBeNull();
      } finally {
        await opened.close();
      }
    } finally {
      if (saved.url) process.env.DATABASE_URL = saved.url;
      if (saved.password === undefined) delete process.env.YJ_USER_PASSWORD;
      else process.env.YJ_USER_PASSWORD = saved.password;
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

void csrfTokenOf;
