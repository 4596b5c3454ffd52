import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../src/platform/db/connect.js';
import { browserFor, openSecurityWorld, type Browser, type SecurityWorld } from '../../policy/world.js';

/** What an attacker types: SQL that would change data if it were spliced into a query, and markup. */
const payloads = [
  `'; DROP TABLE cases; --`,
  `' OR '1'='1`,
  `x'); UPDATE users SET is_admin = true; --`,
  `<script>alert("xss")</script>`,
  `"><img src=x onerror=alert(1)>`,
  `{{ 7 * 7 }}`,
];
/** Markup that must never reach a page as markup. */
const raw = ['<script>alert("xss")', '<img src=x onerror', '"><img'];

let world: SecurityWorld;
let lead: Browser;
let panel: Browser;
let base: string;

const counts = async () =>
  rowsOf<{ cases: number; admins: number; users: number; inspections: number }>(
    await world.database.db.execute(
      sql`select (select count(*) from cases)::int as cases, (select count(*) from users where is_admin)::int as admins,
        (select count(*) from users)::int as users, (select count(*) from inspections)::int as inspections`,
    ),
  ).at(0)!;

function expectNoMarkup(html: string, where: string) {
  for (const markup of raw) expect(html, where).not.toContain(markup);
  // A template expression typed by a user is shown, not evaluated.
  expect(html, where).not.toMatch(/>\s*49\s*</);
}

const send = (browser: Browser, path: string, form: Record<string, string>) =>
  browser.agent
    .post(path)
    .type('form')
    .send({ ...form, _csrf: browser.csrf });

beforeAll(async () => {
  world = await openSecurityWorld();
  lead = await browserFor(world, 'leadInspector');
  panel = await browserFor(world, 'ratingsPanel');
  base = `/inspections/${world.ids.inspectionId}`;
});
afterAll(() => world.close());

describe.each(payloads)('the payload %s', (payload) => {
  it('is refused as a case reference, shown back escaped, and changes nothing', async () => {
    const before = await counts();
    const response = await send(lead, `${base}/cases/new`, { ref: payload, domain: 'court' });
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/Case reference must be (letters, digits|40 characters or fewer)/);
    expectNoMarkup(response.text, 'case form');
    expect(await counts()).toEqual(before);
  });

  it('is stored as plain text in judgements and evidence, and shown escaped', async () => {
    const before = await counts();
    const judged = await send(lead, `${base}/standards/1.3/judgement`, {
      rating: 'Good',
      strengths: payload,
      areasForImprovement: payload,
    });
    expect(judged.status).toBe(303);
    const noted = await send(lead, `${base}/standards/1.3/evidence`, { source: 'document', note: payload });
    expect(noted.status).toBe(303);
    const page = await lead.get(`${base}/standards/1.3/judgement`);
    expectNoMarkup(page.text, 'judgement page');
    const stored = await world.services.judgements.judgement(world.users.leadInspector, world.ids.inspectionId, '1.3');
    expect(stored.judgement?.strengths).toBe(payload);
    expect(stored.notes.at(-1)?.note).toBe(payload);
    expectNoMarkup((await lead.get(`${base}/standards/1.3/history`)).text, 'standard history');
    expect(await counts()).toEqual(before);
  });

  it('is kept as typed in key-question evidence and a discretion rationale, shown escaped', async () => {
    const before = await counts();
    const path = `${base}/cases/${world.ids.caseId}/standards/2.1/key-questions/2.1.1`;
    const { version } = (
      await world.services.assessment.get(world.users.inspector, world.ids.inspectionId, world.ids.caseId)
    ).case;
    const saved = await send(lead, path, {
      'answers[2.1.1]': 'yes',
      'evidence[2.1.1]': payload,
      version: String(version),
      action: 'continue',
    });
    expect(saved.status).toBe(303);
    expectNoMarkup((await lead.get(path)).text, 'key question');
    expectNoMarkup((await lead.get(`${base}/cases/${world.ids.caseId}/history`)).text, 'case history');
    const refused = await send(panel, `${base}/ratings/2.4/discretion`, { rating: 'Good', rationale: payload });
    expect(refused.status).toBe(400);
    expectNoMarkup(refused.text, 'discretion form');
    expect(await counts()).toEqual(before);
  });

  it('is kept as typed in an inspection title, shown escaped on the list and the overview', async () => {
    const qaLead = await browserFor(world, 'qaLead');
    const before = await counts();
    const created = await send(qaLead, '/inspections', {
      organisationId: world.ids.organisationId,
      framework: 'hmip-youth-2021',
      kind: 'mockInspection',
      title: payload,
    });
    expect(created.status).toBe(303);
    expect(await counts()).toEqual({ ...before, inspections: before.inspections + 1 });
    const overview = await qaLead.get(created.headers.location!);
    expect(overview.status).toBe(200);
    expectNoMarkup(overview.text, 'overview');
    expectNoMarkup((await qaLead.get('/inspections')).text, 'inspections list');
    const stored = await world.services.inspections.get(
      world.users.qaLead,
      created.headers.location!.split('/').at(-1)!,
    );
    expect(stored.title).toBe(payload);
  });

  it('is not reflected as markup from query parameters, and matches nothing it should not', async () => {
    const before = await counts();
    const q = encodeURIComponent(payload);
    for (const path of [
      `${base}/cases?added=${q}&updated=${q}&imported=${q}`,
      `${base}/ratings?decision=${q}`,
      `${base}/standards/1.3/judgement?saved=${q}`,
      `/inspections?${q}=${q}`,
    ]) {
      const response = await lead.get(path);
      expect(response.status, path).toBe(200);
      expectNoMarkup(response.text, path);
    }
    const signIn = await (await import('supertest')).default(world.app).get(`/sign-in?returnTo=${q}`);
    expect(signIn.status).toBe(200);
    expectNoMarkup(signIn.text, 'sign-in');
    const admin = await browserFor(world, 'administrator');
    const trail = await admin.get(`/audit?user=${q}&action=${q}&inspection=${q}&from=${q}&to=${q}`);
    expect(trail.status).toBe(400);
    expectNoMarkup(trail.text, 'audit filters');
    const byUser = await admin.get(`/audit?user=${q}`);
    expect(byUser.status).toBe(200);
    expect(byUser.text).toContain('0 events');
    const csv = await admin.get(`/audit/export.csv?user=${q}`);
    expect(csv.text.trim().split('\r\n')).toHaveLength(1);
    expect(await counts()).toEqual(before);
  });

  it('gets 404, not an error or data, as an id in a path', async () => {
    const id = encodeURIComponent(payload);
    for (const path of [
      `/inspections/${id}`,
      `${base}/cases/${id}`,
      `${base}/ratings/${id}`,
      `${base}/standards/${id}/history`,
    ]) {
      const response = await lead.get(path);
      expect(response.status, path).toBe(404);
      expectNoMarkup(response.text, path);
    }
    const api = await world.services.users.createApiToken(null, world.users.leadInspector.id, 'injection');
    const response = await (
      await import('supertest')
    )
      .default(world.app)
      .get(`/api/v1/inspections/${id}/cases`)
      .set('Authorization', `Bearer ${api}`);
    expect(response.status).toBe(404);
  });
});
