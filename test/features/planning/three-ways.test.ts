import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main.js';
import type { Actor } from '../../../src/platform/audit.js';
import { cmsFile, cmsMapping, cmsRows } from '../../support/population.js';
import { addUser, csrfTokenOf, openTestWorld, signIn, type TestWorld } from '../../support/web.js';

/**
 * One population, one seed, one set of strata: the sample page, the API and `yj-inspect sample` draw the
 * same cases, because they read the file with the same reader and draw with the same sampler, sized by
 * the framework's rule (court first).
 */
let world: TestWorld;
let lead: Actor;
let inspectionId: string;
let base: string;
let user: Awaited<ReturnType<typeof signIn>>;
const dir = mkdtempSync(join(tmpdir(), 'yj-three-ways-'));
// A case management system's export: its own headers, a BOM, Windows line ends, DD/MM/YYYY and Excel dates.
const file = cmsFile(cmsRows(70, 40, 10));
const seed = 424242;
const strata = ['sex', 'disposal', 'rosh', 'swb'];

beforeAll(async () => {
  world = await openTestWorld();
  const admin = await addUser(world, 'admin@example.org', { isAdmin: true });
  const service = (await world.services.organisations.create(admin, { name: 'Service A YJS' })).id;
  lead = await addUser(world, 'lead@example.org', { organisationId: service });
  inspectionId = (
    await world.services.inspections.create(lead, {
      organisationId: service,
      framework: 'hmip-youth-2021',
      kind: 'mockInspection',
    })
  ).id;
  base = `/inspections/${inspectionId}`;
  await world.services.timeline.saveTimeline(lead, inspectionId, {
    fieldworkStart: '2022-08-08',
    caseWindowFrom: '2021-08-09',
    caseWindowTo: '2022-06-03',
  });
  user = await signIn(world, 'lead@example.org');
  const page = await user.get(`${base}/population`);
  const imported = await user.agent
    .post(`${base}/population/import`)
    .field('_csrf', csrfTokenOf(page.text))
    .field('csvText', file)
    .field(Object.fromEntries(Object.entries(cmsMapping)));
  expect(imported.status).toBe(303);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await world.close();
});

const listed = (html: string, className: string) => {
  const list = new RegExp(`class="[^"]*${className}[^"]*">(.*?)</[uo]l>`, 's').exec(html)?.[1] ?? '';
  return [...list.matchAll(/<li>([^<]+)<\/li>/g)].map((m) => m[1]!);
};

describe('the same sample three ways', () => {
  it('the page, the API and the command line draw the same cases, sized court first', async () => {
    const drawn = await user.post(`${base}/sample`, `${base}/sample/draw`, {
      confidence: '80',
      margin: '5',
      split: 'ratio',
      strata,
      seed: String(seed),
    });
    expect(drawn.status).toBe(303);
    const pageHtml = (await user.get(`${base}/sample`)).text;
    const page = { court: listed(pageHtml, 'app-sample-court'), outOfCourt: listed(pageHtml, 'app-sample-outOfCourt') };

    const token = await world.services.users.createApiToken(null, lead.id, 'three ways', ['read', 'write']);
    const response = await supertest(world.app)
      .post(`/api/v1/inspections/${inspectionId}/sample/draws`)
      .set('authorization', `Bearer ${token}`)
      .send({ seed, strata });
    expect(response.status).toBe(201);
    const api = response.body as { sampleByDomain: typeof page; sampleSize: object; sizing: string };

    writeFileSync(join(dir, 'eligible.csv'), file);
    let stdout = '';
    let stderr = '';
    const status = await runCli(
      [
        'sample',
        '--population',
        'eligible.csv',
        '--seed',
        String(seed),
        '--strata',
        strata.join(','),
        '--format',
        'json',
      ],
      { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir },
    );
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    const cli = JSON.parse(stdout) as typeof api;

    // 70 court cases: n = 164.24 / (1 + 163.24 / 70) = 49.3, so 50; out of court 50 × 40 / 60 = 33.
    expect(api.sizing).toBe('courtFirst');
    expect(api.sampleSize).toEqual({ court: 50, outOfCourt: 33, total: 83 });
    expect(cli.sampleSize).toEqual(api.sampleSize);
    expect(page.court).toHaveLength(50);
    expect(api.sampleByDomain).toEqual(page);
    expect(cli.sampleByDomain).toEqual(page);
  });
});
