import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/platform/logger.js';
import { createApp } from '../../src/platform/web/app.js';
import { addUser, openTestWorld, signIn, type TestWorld } from '../support/web.js';

/** The request log: one JSON line per request, with who and what, never what was typed. */
let world: TestWorld;
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  const opened = await openTestWorld();
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger = createLogger('info', sink);
  world = {
    ...opened,
    app: createApp(opened.services, { config: { production: false }, logger, secret: 'test-secret' }),
  };
});
afterAll(() => world.close());

describe('the request log', () => {
  it('writes one line per request with its id, user, method, path, status and duration, and no body or query', async () => {
    const user = await addUser(world, 'logged@example.org', { isAdmin: true });
    const session = await signIn(world, user.email);
    lines.length = 0;
    const response = await session.get('/audit?user=Jordan%20Smith%20born%202009');
    expect(response.status).toBe(200);
    const secret = 'Jordan Smith lives at 4 Privet Drive';
    await session.agent.post('/organisations').type('form').send({ name: secret, _csrf: 'x' });
    expect(lines).toHaveLength(2);
    const [get, post] = lines as { req: Record<string, unknown>; res: Record<string, unknown>; [k: string]: unknown }[];
    expect(get!.req).toEqual({ id: response.headers['x-request-id'], method: 'GET', path: '/audit' });
    expect(get!.res).toEqual({ status: 200 });
    expect(get!.userId).toBe(user.id);
    expect(typeof get!.responseTime).toBe('number');
    expect(post!.req).toMatchObject({ method: 'POST', path: '/organisations' });
    const written = JSON.stringify(lines);
    expect(written).not.toContain('Jordan');
    expect(written).not.toContain('Privet');
    expect(written).not.toContain('cookie');
  });
});
