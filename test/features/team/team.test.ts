import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../../src/platform/audit.js';
import { rowsOf } from '../../../src/platform/db/connect.js';
import { createServices } from '../../../src/platform/services.js';
import { createApp } from '../../../src/platform/web/app.js';
import { openTestDatabase } from '../../support/database.js';
import { openSmtpServer, type ReceivedMail } from '../../support/smtp.js';
import { addUser, csrfTokenOf, pageText, signIn, type TestWorld } from '../../support/web.js';

let received: ReceivedMail[];
let smtp: Awaited<ReturnType<typeof openSmtpServer>>;
let world: TestWorld;
let lead: Actor;
let colleague: Actor;
let inspectionId: string;

beforeAll(async () => {
  smtp = await openSmtpServer();
  received = smtp.received;
  const transport = smtp.transport;
  const database = await openTestDatabase();
  const services = createServices(database, { mailer: { from: 'yj-inspect <team@example.org>', transport } });
  const app = createApp(services, { config: { production: false }, secret: 'test-secret' });
  world = { database, services, app, close: () => database.close() };
  const admin = await addUser(world, 'admin@team.test', { isAdmin: true });
  const inspectorate = await services.organisations.create(admin, {
    name: 'HMI Probation',
    kind: 'inspectorate',
  } as never);
  const service = await services.organisations.create(admin, { name: 'Merton YJS' });
  lead = await addUser(world, 'lead@team.test', { organisationId: inspectorate.id, role: 'qaLead' });
  colleague = await addUser(world, 'colleague@team.test', { organisationId: inspectorate.id, role: 'auditor' });
  await addUser(world, 'head@team.test', { organisationId: service.id, role: 'headOfService' });
  const inspection = await services.inspections.create(lead, {
    organisationId: service.id,
    framework: 'hmip-youth-2021',
    kind: 'hmipInspection',
  });
  inspectionId = inspection.id;
});

afterAll(async () => {
  await world?.close();
  await smtp.close();
});

const teamPage = () => `/inspections/${inspectionId}/team`;
const linkIn = (body: string) => /https?:\/\/\S+\/invitations\/[\w-]+/.exec(body)?.[0];

describe('the inspection team', () => {
  it("the lead chooses among the inspectorate's users, not the inspected service's", async () => {
    const page = await (await signIn(world, lead.email)).get(teamPage());
    expect(page.status).toBe(200);
    expect(page.text).toContain('colleague (colleague@team.test)');
    expect(page.text).not.toContain('head@team.test');
    const candidates = await world.services.team.candidates(lead, inspectionId);
    expect(candidates.map((c) => c.email)).toContain('colleague@team.test');
    expect(candidates.map((c) => c.email)).not.toContain('head@team.test');
    expect(candidates.map((c) => c.email)).not.toContain('lead@team.test');
  });

  it('adds a colleague as an inspector, audited, and a missing choice names the field', async () => {
    const browser = await signIn(world, lead.email);
    const empty = await browser.post(teamPage(), teamPage(), { userId: '', role: 'inspector' });
    expect(empty.status).toBe(400);
    expect(pageText(empty.text)).toContain('Select a person to add');
    const added = await browser.post(teamPage(), teamPage(), { userId: colleague.id, role: 'inspector' });
    expect(added.status).toBe(303);
    const page = await browser.get(added.headers.location!);
    expect(pageText(page.text)).toContain('colleague is on the team.');
    expect(pageText(page.text)).toMatch(/colleague colleague@team\.test Inspector/);
    const audit = rowsOf<{ action: string }>(
      await world.database.db.execute(
        sql`select action from audit_events where inspection_id = ${inspectionId} and subject_id = ${colleague.id}`,
      ),
    );
    expect(audit.map((a) => a.action)).toContain('team.add');
  });

  it('an inspector on the team cannot manage it', async () => {
    const page = await (await signIn(world, colleague.email)).get(teamPage());
    expect(page.status).toBe(403);
  });

  it('invites someone new by email: the link sets a password once, then they sign in and see the inspection', async () => {
    const browser = await signIn(world, lead.email);
    const bad = await browser.post(teamPage(), `${teamPage()}/invitations`, {
      displayName: 'Pat Panel',
      email: 'not-an-email',
      inviteRole: 'ratingsPanel',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('value="Pat Panel"');
    expect(pageText(bad.text)).toContain('Enter an email address in the correct format');
    received.length = 0;
    const sent = await browser.post(teamPage(), `${teamPage()}/invitations`, {
      displayName: 'Pat Panel',
      email: 'pat@team.test',
      inviteRole: 'ratingsPanel',
    });
    expect(sent.status).toBe(303);
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(['pat@team.test']);
    const link = linkIn(received[0]!.body)!;
    expect(link).toBeDefined();
    const path = new URL(link).pathname;
    const team = pageText((await browser.get(teamPage())).text);
    expect(team).toMatch(/Pat Panel pat@team\.test Ratings panel member 0 Invited/);

    const visitor = supertest.agent(world.app);
    const form = await visitor.get(path);
    expect(form.status).toBe(200);
    expect(pageText(form.text)).toContain('Set your password');
    const weak = await visitor
      .post(path)
      .type('form')
      .send({ password: 'short', confirm: 'short', _csrf: csrfTokenOf(form.text) });
    expect(weak.status).toBe(400);
    expect(pageText(weak.text)).toContain('Password must be 12 characters or more');
    const password = 'correct horse battery staple';
    const done = await visitor
      .post(path)
      .type('form')
      .send({ password, confirm: password, _csrf: csrfTokenOf(form.text) });
    expect(done.status).toBe(200);
    expect(pageText(done.text)).toContain('Your password is set');

    const again = await visitor.get(path);
    expect(again.status).toBe(410);
    expect(pageText(again.text)).toContain('It has already been used');
    const pat = await signIn(world, 'pat@team.test');
    expect((await pat.get(`/inspections/${inspectionId}`)).status).toBe(200);
  });

  it('an invitation link stops working after 7 days', async () => {
    const sent = await world.services.team.invite(
      lead,
      inspectionId,
      { email: 'late@team.test', displayName: 'Late Inspector', role: 'inspector' },
      'http://localhost',
    );
    const token = sent.link.split('/').at(-1)!;
    const eightDays = new Date(Date.now() + 8 * 86_400_000);
    expect((await world.services.invitations.lookUp(token, eightDays)).state).toBe('expired');
    await expect(
      world.services.invitations.accept(
        token,
        { password: 'correct horse battery staple', confirm: 'correct horse battery staple' },
        eightDays,
      ),
    ).rejects.toThrow(/no longer works/);
  });

  it('removes a member, but not one with cases still allocated, nor the lead', async () => {
    const browser = await signIn(world, lead.email);
    const leadGone = await browser.post(teamPage(), `${teamPage()}/${lead.id}/remove`, {});
    expect(leadGone.status).toBe(400);
    expect(pageText(leadGone.text)).toContain('The lead inspector stays on the team');
    const added = await world.services.cases.add(lead, inspectionId, {
      ref: 'C1',
      domain: 'court',
      disposal: 'referralOrder',
    });
    await world.database.db.execute(sql`update cases set allocated_to = ${colleague.id} where id = ${added.id}`);
    const busy = await browser.post(teamPage(), `${teamPage()}/${colleague.id}/remove`, {});
    expect(busy.status).toBe(400);
    expect(pageText(busy.text)).toContain('colleague has 1 case allocated: allocate them to someone else first');
    await world.database.db.execute(sql`update cases set allocated_to = null where id = ${added.id}`);
    const removed = await browser.post(teamPage(), `${teamPage()}/${colleague.id}/remove`, {});
    expect(removed.status).toBe(303);
    const page = pageText((await browser.get(removed.headers.location!)).text);
    expect(page).toContain('colleague is no longer on the team.');
    expect(page).not.toMatch(/colleague colleague@team\.test Inspector/);
  });
});

describe('the team through the API', () => {
  it('is in the OpenAPI document, and adds and removes with a token', async () => {
    const api = supertest(world.app);
    const document = (await api.get('/api/v1/openapi.json')).body as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    expect(document.paths['/inspections/{id}/team']?.post?.operationId).toBe('addTeamMember');
    expect(document.paths['/inspections/{id}/team/{userId}']?.delete?.operationId).toBe('removeTeamMember');
    const token = await world.services.users.createApiToken(null, lead.id, 'test', ['read', 'write']);
    const auth = { Authorization: `Bearer ${token}` };
    const bad = await api
      .post(`/api/v1/inspections/${inspectionId}/team`)
      .set(auth)
      .send({ userId: colleague.id, role: 'boss' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('role');
    const ok = await api
      .post(`/api/v1/inspections/${inspectionId}/team`)
      .set(auth)
      .send({ userId: colleague.id, role: 'ratingsPanel' });
    expect(ok.status).toBe(201);
    const listed = await api.get(`/api/v1/inspections/${inspectionId}/team`).set(auth);
    expect((listed.body as { team: { email: string; role: string }[] }).team).toContainEqual(
      expect.objectContaining({ email: 'colleague@team.test', role: 'ratingsPanel' }),
    );
    expect((await api.delete(`/api/v1/inspections/${inspectionId}/team/${colleague.id}`).set(auth)).status).toBe(200);
  });
});

describe('administrators create and invite users', () => {
  it('creates a user with a role and emails an invitation; others never see the page', async () => {
    const admin = await signIn(world, 'admin@team.test');
    const empty = await admin.post('/admin/users/new', '/admin/users', { displayName: '', email: '' });
    expect(empty.status).toBe(400);
    expect(pageText(empty.text)).toContain('Enter their name');
    received.length = 0;
    const created = await admin.post('/admin/users/new', '/admin/users', {
      displayName: 'Sam New',
      email: 'sam@team.test',
    });
    expect(created.status).toBe(303);
    expect(received[0]!.to).toEqual(['sam@team.test']);
    expect(linkIn(received[0]!.body)).toBeDefined();
    expect((await (await signIn(world, lead.email)).get('/admin/users/new')).status).toBe(404);
  });
});
