import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { throttleRules } from '../../src/features/accounts/service/throttle.js';
import { openReportWorld, type ReportWorld } from '../features/report/world.js';
import { call, race } from '../support/http.js';

/**
 * Two application processes on one PostgreSQL server, as a scaled deployment runs them: a session, the sign-in
 * throttle, versioned writes and recommendation numbers hold across both. The embedded database belongs to one
 * process: a second server on its data directory refuses to start and names the first.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const password = 'correct horse battery staple';
const processes: ChildProcess[] = [];
let r: ReportWorld;
const servers: string[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'yj-two-servers-'));

/** `yj-inspect serve` as its own process; resolves with its URL once it listens, or with its exit. */
function serve(env: Record<string, string>): Promise<{ url?: string; status?: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', 'serve', '--port', '0'], {
    cwd: root,
    env: { ...process.env, ...env },
  });
  processes.push(child);
  let stdout = '';
  let stderr = '';
  return new Promise((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /running at (http:\/\/localhost:\d+)/.exec(stdout)?.[1];
      if (url) resolve({ url, stderr });
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (status) => resolve({ status, stderr }));
  });
}

/** A browser of sorts: keeps cookies (for whichever server it asks) and posts forms with their CSRF token. */
function browser() {
  const cookies = new Map<string, string>();
  const request = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      cookies.set(name!, value.join('='));
    }
    return { status: response.status, text: await response.text(), location: response.headers.get('location') };
  };
  return {
    get: (url: string) => request(url),
    /** Opens the form page first, as a person would, then posts to `action` on the same server. */
    async prepare(formUrl: string, action: string, fields: Record<string, string>) {
      const page = await request(formUrl);
      const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
      const body = new URLSearchParams({ ...fields, _csrf: token }).toString();
      return () =>
        request(action, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    },
  };
}

beforeAll(async () => {
  r = await openReportWorld();
  if (r.world.database.kind === 'server') {
    // One after the other: each opens the same, already migrated, database.
    for (let i = 0; i < 2; i++) {
      const started = await serve({ DATABASE_URL: r.world.database.location });
      expect(started.url, started.stderr).toBeDefined();
      servers.push(started.url!);
    }
  }
}, 120_000);
afterAll(async () => {
  for (const child of processes) child.kill('SIGTERM');
  await Promise.all(
    processes.map(
      (child) => new Promise((resolve) => (child.exitCode !== null ? resolve(0) : child.once('exit', resolve))),
    ),
  );
  await r.world.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const onServer = () => r.world.database.kind === 'server';

describe('two servers on one database', () => {
  it('the embedded database: a second server on the same data directory refuses, naming the first', async () => {
    if (onServer()) return expect(servers).toHaveLength(2);
    const first = await serve({ YJ_DATA_DIR: dataDir, DATABASE_URL: '' });
    expect(first.url, first.stderr).toBeDefined();
    const second = await serve({ YJ_DATA_DIR: dataDir, DATABASE_URL: '' });
    expect(second.status).toBe(2);
    expect(second.stderr).toContain(first.url);
  }, 120_000);

  it('a session started on one is the same session on the other, and signing out everywhere ends it on both', async () => {
    if (!onServer()) return expect(r.world.database.kind).toBe('embedded');
    const [a, b] = servers as [string, string];
    const person = browser();
    const signIn = await person.prepare(`${a}/sign-in`, `${a}/sign-in`, { email: 'lead@example.org', password });
    expect((await signIn()).status).toBe(303);
    expect((await person.get(`${b}/inspections`)).status).toBe(200);
    const everywhere = await person.prepare(`${b}/account`, `${b}/account/sign-out-everywhere`, {});
    expect((await everywhere()).status).toBe(303);
    const after = await person.get(`${a}/inspections`);
    expect(after.status).toBe(303);
    expect(after.location).toMatch(/^\/sign-in/);
  }, 60_000);

  it(`the throttle counts across both: of 40 wrong passwords at once, ${throttleRules.perAccount} are checked`, async () => {
    if (!onServer()) return expect(r.world.database.kind).toBe('embedded');
    const attempts = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const base = servers[i % 2]!;
        return browser().prepare(`${base}/sign-in`, `${base}/sign-in`, {
          email: 'board@example.org',
          password: `wrong guess ${i}`,
        });
      }),
    );
    const statuses = (await Promise.all(attempts.map((attempt) => attempt()))).map((a) => a.status);
    expect(statuses.filter((s) => s === 400)).toHaveLength(throttleRules.perAccount);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - throttleRules.perAccount);
    const right = await browser().prepare(`${servers[1]}/sign-in`, `${servers[1]}/sign-in`, {
      email: 'board@example.org',
      password,
    });
    expect((await right()).status).toBe(429);
  }, 60_000);

  it('32 writers with the same version, split over both: exactly one wins', async () => {
    if (!onServer()) return expect(r.world.database.kind).toBe('embedded');
    const token = await r.world.services.users.createApiToken(null, r.inspector.id, 'two servers');
    const before = (await r.world.services.judgements.judgement(r.lead, r.inspectionId, '1.2')).judgement?.version ?? 0;
    const { answers, byStatus } = await race(32, (i) =>
      call(servers[i % 2]!, token, 'PUT', `/inspections/${r.inspectionId}/judgements/1.2`, {
        strengths: `writer ${i}`,
        expectedVersion: before,
      }),
    );
    expect(byStatus).toEqual({ 200: 1, 409: 31 });
    const winner = answers.find((a) => a.status === 200)!.body as { strengths: string };
    const stored = await r.world.services.judgements.judgement(r.lead, r.inspectionId, '1.2');
    expect(stored.judgement).toMatchObject({ version: before + 1, strengths: winner.strengths });
  }, 60_000);

  it('32 new recommendations at once, split over both, get 32 different numbers', async () => {
    if (!onServer()) return expect(r.world.database.kind).toBe('embedded');
    const token = await r.world.services.users.createApiToken(null, r.inspector.id, 'numbers');
    const { answers } = await race(32, (i) =>
      call(servers[i % 2]!, token, 'POST', `/inspections/${r.inspectionId}/recommendations`, {
        actor: 'service',
        text: `recommendation ${i}`,
      }),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(32).fill(201));
    expect(new Set(answers.map((a) => (a.body as { number: number }).number)).size).toBe(32);
    const list = (await r.world.services.report.recommendations.list(r.lead, r.inspectionId)).recommendations;
    expect(new Set(list.map((x) => x.number)).size).toBe(list.length);
  }, 60_000);
});
