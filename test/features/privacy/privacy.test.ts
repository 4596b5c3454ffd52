import { count, eq } from 'drizzle-orm';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, auditEvents, cases, inspections } from '../../../src/platform/db/core-tables.js';
import type { Actor } from '../../../src/platform/audit.js';
import { seedDemo } from '../../../src/demo/demo.js';
import { addUser, openTestWorld, pageText, signIn, type TestWorld } from '../../support/web.js';

let world: TestWorld;
let admin: Actor;
let inspectionId: string;
let organisationId: string;
let serviceName: string;
let ines: Actor;

const ratingsBox = async (user: Awaited<ReturnType<typeof signIn>>) => {
  const html = (await user.get(`/inspections/${inspectionId}/ratings`)).text;
  const start = html.indexOf('id="ratings-box"');
  return pageText(html.slice(start, html.indexOf('</table>', start)));
};
const caseCount = async () =>
  (await world.database.db.select({ n: count() }).from(cases).where(eq(cases.inspectionId, inspectionId)))[0]!.n;

beforeAll(async () => {
  world = await openTestWorld();
  admin = await addUser(world, 'admin@example.org', { isAdmin: true });
  await seedDemo(world.database.db, world.services.users);
  inspectionId = (await world.services.inspections.list(admin)).find((i) => i.title.includes('Hackney'))!.id;
  organisationId = (await world.services.inspections.get(admin, inspectionId)).organisationId;
  serviceName = (await world.services.organisations.list()).find((o) => o.id === organisationId)!.name;
  await addUser(world, 'head@example.org', { organisationId, role: 'headOfService' });
  await addUser(world, 'qa@example.org', { organisationId, role: 'qaLead' });
  ines = await addUser(world, 'ines@example.org', { organisationId, role: 'qaLead' });
  await world.services.inspections.addTeamMember(admin, inspectionId, ines.id, 'inspector');
  const elsewhere = await world.services.organisations.create(admin, { name: 'Elsewhere YJS' });
  await addUser(world, 'other@example.org', { organisationId: elsewhere.id, role: 'headOfService' });
});
afterAll(() => world.close());

describe('a warning when evidence looks like it names a child', () => {
  it('saves the answer and shows a warning text naming what it found', async () => {
    const user = await signIn(world, 'ines@example.org');
    const [first] = await world.services.cases.list(admin, inspectionId);
    // Her own case: a case allocated to someone else first asks whether to assess it anyway.
    await world.services.cases.allocate(admin, inspectionId, [first!.id], ines.id);
    const page = `/inspections/${inspectionId}/cases/${first!.id}/standards/2.1/key-questions/2.1.1`;
    const form = await user.get(page);
    const version = /name="version" value="(\d+)"/.exec(form.text)![1]!;
    const saved = await user.post(page, page, {
      version,
      'answers[2.1.1]': 'yes',
      'evidence[2.1.1]': 'Spoke with John Smith, DOB 14/03/2008, about his plan.',
      action: 'continue',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`${page}?saved=1`);
    const shown = pageText((await user.get(saved.headers.location!)).text);
    expect(shown).toContain(
      'Warning Your answers are saved. Evidence for 2.1.1: This may contain a name or a date of birth (“John Smith”, “DOB”, “14/03/2008”).',
    );
    const [stored] = await world.database.db.select().from(answers).where(eq(answers.caseId, first!.id));
    expect(stored).toBeDefined();

    const clean = await user.post(page, page, {
      version: String(Number(version) + 1),
      'answers[2.1.1]': 'yes',
      'evidence[2.1.1]': 'Case C-003: the case manager used AssetPlus well.',
      action: 'continue',
    });
    expect(clean.status).toBe(303);
    expect(clean.headers.location).not.toContain('saved=1');
  });
});

describe('retention of case data', () => {
  it('is set by the head of service, not a QA lead, and another service’s users do not see it', async () => {
    const qa = await signIn(world, 'qa@example.org');
    expect(pageText((await qa.get('/privacy/retention')).text)).toContain('You do not set how long case data is kept');
    expect((await qa.post('/privacy/retention', `/privacy/retention/${organisationId}`, { months: '6' })).status).toBe(
      403,
    );
    const other = await signIn(world, 'other@example.org');
    expect(
      (await other.post('/privacy/retention', `/privacy/retention/${organisationId}`, { months: '6' })).status,
    ).toBe(404);

    const head = await signIn(world, 'head@example.org');
    const wrong = await head.post('/privacy/retention', `/privacy/retention/${organisationId}`, {
      months: 'two years',
    });
    expect(wrong.status).toBe(400);
    expect(pageText(wrong.text)).toContain('There is a problem Enter the number of months as a whole number, like 24');
    expect(wrong.text).toContain('value="two years"');
    const saved = await head.post('/privacy/retention', `/privacy/retention/${organisationId}`, { months: '12' });
    expect(saved.status).toBe(303);
    expect(pageText((await head.get(saved.headers.location!)).text)).toContain(`Retention saved for ${serviceName}.`);
    const [event] = await world.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'organisation.retention'));
    expect(event).toMatchObject({ before: { retentionMonths: null }, after: { retentionMonths: 12 } });
  });

  it('deletes the cases and answers of a published inspection past it, keeping the ratings and the audit trail', async () => {
    const administrator = await signIn(world, 'admin@example.org');
    // Not yet published: nothing is due, whatever the dates.
    expect(pageText((await administrator.get('/privacy/retention')).text)).toContain('None: no inspection');
    await world.database.db.update(inspections).set({ status: 'published' }).where(eq(inspections.id, inspectionId));
    const before = await ratingsBox(administrator);
    expect(before).toContain('Overall rating Good');
    const cases = await caseCount();
    expect(cases).toBeGreaterThan(0);

    const preview = pageText((await administrator.get('/privacy/retention')).text);
    expect(preview).toMatch(
      new RegExp(`${serviceName.replace(/[()]/g, '\\$&')} 10 February 2023 12 months ${cases} \\d+`),
    );
    const dryRun = await world.services.privacy.run(null, { dryRun: true });
    expect(dryRun.map((i) => i.id)).toEqual([inspectionId]);
    expect(await caseCount()).toBe(cases);
    // Only administrators run it.
    const head = await signIn(world, 'head@example.org');
    expect((await head.post('/privacy/retention', '/privacy/retention/run', {})).status).toBe(404);

    const run = await administrator.post('/privacy/retention', '/privacy/retention/run', {});
    expect(run.status).toBe(303);
    expect(pageText((await administrator.get(run.headers.location!)).text)).toContain(
      'Case data deleted from 1 inspection. Their ratings are kept.',
    );
    expect(await caseCount()).toBe(0);
    expect(await ratingsBox(administrator)).toBe(before);
    const [deleted] = await world.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'inspection.caseDataDelete'));
    expect(deleted).toMatchObject({ inspectionId, before: { cases }, after: { ratingsKept: true } });
    // The answers' own audit events are still there.
    const answerEvents = await world.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.inspectionId, inspectionId));
    expect(answerEvents.length).toBeGreaterThan(1);
    // Done once: the next run finds nothing.
    expect(await world.services.privacy.run(null, { dryRun: false })).toEqual([]);
  });
});

describe('everything held about a user', () => {
  it('downloads as JSON for the user, with no secrets, and is audited', async () => {
    const user = await signIn(world, 'ines@example.org');
    const download = await user.get('/account/export');
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toContain('application/json');
    expect(download.headers['content-disposition']).toBe(
      'attachment; filename="yj-inspect-user-ines@example.org.json"',
    );
    const held = JSON.parse(download.text) as Record<string, unknown> & {
      user: { email: string };
      auditTrail: { action: string }[];
    };
    expect(held.user.email).toBe('ines@example.org');
    expect(held.serviceRoles).toEqual([{ organisationId, organisation: serviceName, role: 'qaLead' }]);
    expect((held.inspectionTeams as { role: string }[])[0]!.role).toBe('inspector');
    expect((held.sessions as unknown[]).length).toBeGreaterThan(0);
    expect(held.auditTrail.map((e) => e.action)).toEqual(expect.arrayContaining(['user.create', 'membership.add']));
    expect(download.text).not.toMatch(/argon2|token_?hash|passwordHash/i);
    const [event] = await world.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'user.export'));
    expect(event).toBeDefined();
  });

  it('downloads for an administrator, and for nobody else', async () => {
    const ines = (await world.services.users.findByEmail('ines@example.org'))!;
    const administrator = await signIn(world, 'admin@example.org');
    const download = await administrator.get(`/admin/users/${ines.id}/export`);
    expect(download.status).toBe(200);
    expect((JSON.parse(download.text) as { user: { email: string } }).user.email).toBe('ines@example.org');
    const head = await signIn(world, 'head@example.org');
    expect((await head.get(`/admin/users/${ines.id}/export`)).status).toBe(404);
    expect((await supertest(world.app).get('/account/export')).status).toBe(303);
  });
});
