import { Writable } from 'node:stream';
import express from 'express';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/platform/web/app.js';
import { errorHandler } from '../../../src/platform/web/middleware/errors.js';
import { createLogger, requestLogger } from '../../../src/platform/logger.js';
import { csrfTokenOf } from '../../support/web.js';
import { apiFor, browserFor, emailOf, openSecurityWorld, type SecurityWorld } from '../../policy/world.js';

let world: SecurityWorld;
beforeAll(async () => {
  world = await openSecurityWorld();
});
afterAll(() => world.close());

/** A JSON error as the API promises it: `{ error: { status, message } }`, nothing else, no internals. */
function expectUniformError(response: supertest.Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = response.body as { error: { status: number; message: string } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.status).toBe(status);
  expect(body.error.message).toEqual(expect.any(String));
  expect(response.text).not.toMatch(/\bat \S+ \(|node_modules|\/src\/|Error:/);
}

describe('the JSON API answers errors in one shape, without internals', () => {
  it('404 for a path it does not have', async () => {
    expectUniformError(await supertest(world.app).get('/api/v1/no-such-thing'), 404);
    const api = await apiFor(world, 'leadInspector');
    expectUniformError(await api('get', '/api/v1/inspections/not-a-uuid'), 404);
  });

  it('405, with Allow, for a method a path does not take', async () => {
    const api = await apiFor(world, 'leadInspector');
    const response = await api('delete', '/api/v1/inspections');
    expectUniformError(response, 405);
    expect(response.headers.allow).toBe('GET, POST');
  });

  it('413 for a body over the limit, and 400 for one that is not JSON', async () => {
    const api = await apiFor(world, 'leadInspector');
    const big = await api('post', '/api/v1/inspections', { title: 'x'.repeat(1_100_000) });
    expectUniformError(big, 413);
    const broken = await api('post', '/api/v1/inspections').set('Content-Type', 'application/json').send('{"a":');
    expectUniformError(broken, 400);
  });

  it('500 with a request id and nothing of the error itself', async () => {
    const errors: { msg: string; requestId: string; err: { stack: string } }[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
          errors.push(JSON.parse(line) as (typeof errors)[number]);
        done();
      },
    });
    const app = express();
    app.use((_req, res, next) => {
      res.locals.requestId = 'req-500';
      next();
    });
    app.use(requestLogger(createLogger('info', sink)));
    app.get('/api/v1/boom', () => {
      throw new Error('password=hunter2 at /srv/app/src/secret.ts:12');
    });
    app.use(errorHandler);
    const response = await supertest(app).get('/api/v1/boom');
    expectUniformError(response, 500);
    expect(response.body).toEqual({
      error: { status: 500, message: 'Sorry, there is a problem with the service', requestId: 'req-500' },
    });
    // Logged for the operators, with its stack, under the request id.
    const failed = errors.find((e) => e.msg === 'request failed');
    expect(failed?.requestId).toBe('req-500');
    expect(failed?.err.stack).toContain('secret.ts:12');
  });
});

describe('pages', () => {
  it('413 for a form over the size limit, on a page rather than JSON', async () => {
    const browser = await browserFor(world, 'leadInspector');
    const response = await browser.agent
      .post(`/inspections/${world.ids.inspectionId}/cases/new`)
      .type('form')
      .send({ ref: 'x'.repeat(1_100_000), _csrf: browser.csrf });
    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toContain('The request is too large');
  });

  it('are never cached, case data above all', async () => {
    const browser = await browserFor(world, 'inspector');
    for (const path of [
      `/inspections/${world.ids.inspectionId}/cases`,
      `/inspections/${world.ids.inspectionId}/cases/${world.ids.caseId}`,
      `/inspections/${world.ids.inspectionId}/cases/${world.ids.caseId}/history`,
      `/inspections/${world.ids.inspectionId}/ratings`,
    ]) {
      const response = await browser.get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers['cache-control'], path).toBe('no-store');
    }
    const api = await apiFor(world, 'inspector');
    const answers = await api('get', `/api/v1/inspections/${world.ids.inspectionId}/cases/${world.ids.caseId}/answers`);
    expect(answers.headers['cache-control']).toBe('no-store');
  });

  it('run only scripts of their own, each with the nonce of the response; no inline handlers', async () => {
    const browser = await browserFor(world, 'leadInspector');
    const nonces = new Set<string>();
    for (const path of [
      '/sign-in',
      '/inspections',
      `/inspections/${world.ids.inspectionId}/cases/${world.ids.caseId}`,
    ]) {
      const response = await (path === '/sign-in' ? supertest(world.app).get(path) : browser.get(path));
      const policy = response.headers['content-security-policy'] as string;
      const directives: Record<string, string[]> = Object.fromEntries(
        policy.split(';').map((d): [string, string[]] => {
          const [name = '', ...values] = d.trim().split(/\s+/);
          return [name, values];
        }),
      );
      const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
      expect(nonce, path).toBeDefined();
      nonces.add(nonce!);
      expect(directives['script-src'], path).toEqual(["'self'", `'nonce-${nonce}'`]);
      expect(directives['default-src'], path).toEqual(["'self'"]);
      expect(directives['frame-ancestors'], path).toEqual(["'none'"]);
      expect(directives['object-src'], path).toEqual(["'none'"]);
      expect(policy, path).not.toContain('unsafe-inline');
      expect(policy, path).not.toContain('unsafe-eval');
      const scripts = response.text.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
      expect(response.text, path).not.toMatch(/\son[a-z]+\s*=\s*["']/i);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
    expect(nonces.size).toBe(3);
  });
});

describe('cookies in production', () => {
  it('are Secure, HttpOnly and SameSite, and the session changes at sign-in (no fixation)', async () => {
    const app = createApp(world.services, { config: { production: true, oidc: null } as never, secret: 'prod-secret' });
    const agent = supertest.agent(app);
    const page = await agent.get('/sign-in').set('X-Forwarded-Proto', 'https');
    const csrfCookie = [page.headers['set-cookie']].flat().find((c) => c?.startsWith('yj_csrf='))!;
    expect(csrfCookie).toMatch(/; Secure/);
    expect(csrfCookie).toMatch(/; HttpOnly/);
    expect(csrfCookie).toMatch(/; SameSite=Strict/);
    const planted = 'planted-session-value-chosen-by-an-attacker';
    const signedIn = await agent
      .post('/sign-in')
      .set('X-Forwarded-Proto', 'https')
      .set('Cookie', [`yj_session=${planted}`, csrfCookie.split(';')[0]!])
      .type('form')
      .send({ email: emailOf('inspector'), password: 'correct horse battery staple', _csrf: csrfTokenOf(page.text) });
    expect(signedIn.status).toBe(303);
    const cookies = [signedIn.headers['set-cookie']].flat() as string[];
    const session = cookies.find((c) => c.startsWith('yj_session='))!;
    expect(session).toMatch(/; Secure/);
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; SameSite=Lax/);
    expect(session).not.toContain(planted);
    // The planted value opens nothing.
    const withPlanted = await supertest(app).get('/inspections').set('Cookie', `yj_session=${planted}`);
    expect(withPlanted.status).toBe(303);
    expect(withPlanted.headers.location).toMatch(/^\/sign-in/);
  });
});
