import { atStage } from '../../support/stages.js';
import { sql } from 'drizzle-orm';
import type { Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../src/platform/db/connect.js';
import { csvColumns } from '../../../src/features/audit/service.js';
import { pageText } from '../../support/web.js';
import {
  browserFor,
  emailOf,
  openSecurityWorld,
  type Browser,
  type SecurityWorld,
  type UserKey,
} from '../../policy/world.js';

interface StoredEvent {
  user_id: string | null;
  action: string;
  subject_id: string;
  before: unknown;
  after: unknown;
  request_id: string | null;
}

let world: SecurityWorld;
let browsers: Partial<Record<UserKey, Browser>>;
let caseId: string;
/** What each scripted request changed: the response, who sent it, and the events it must have left. */
const steps: { name: string; response: Response; who: UserKey; actions: string[]; withBefore: boolean }[] = [];

const eventsOf = async (requestId: string) =>
  rowsOf<StoredEvent>(
    await world.database.db.execute(
      sql`select user_id, action, subject_id, before, after, request_id from audit_events where request_id = ${requestId} order by id`,
    ),
  );

async function post(who: UserKey, path: string, form: Record<string, string | string[]>) {
  const browser = (browsers[who] ??= await browserFor(world, who));
  return browser.agent
    .post(path)
    .type('form')
    .send({ ...form, _csrf: browser.csrf });
}

async function step(name: string, who: UserKey, actions: string[], withBefore: boolean, send: () => Promise<Response>) {
  const response = await send();
  const text = pageText(response.text);
  expect(response.status, `${name}: ${text.slice(text.indexOf('There is a problem'), 400)}`).toBeLessThan(400);
  steps.push({ name, response, who, actions, withBefore });
  return response;
}

beforeAll(async () => {
  world = await openSecurityWorld();
  browsers = {};
  const { inspectionId } = world.ids;
  const base = `/inspections/${inspectionId}`;
  // Before a new case leaves 2.2 without a computed rating.
  await step('decide discretion', 'ratingsPanel', ['discretion.apply'], false, () =>
    post('ratingsPanel', `${base}/ratings/2.2/discretion`, { rating: 'Good', rationale: 'Strong planning overall' }),
  );
  const created = await step('add a case', 'leadInspector', ['case.create'], false, () =>
    post('leadInspector', `${base}/cases/new`, {
      ref: 'AUD-1',
      domain: 'court',
      disposal: 'referralOrder',
      caseManagerInterviewed: 'no',
    }),
  );
  const ref = /added=([\w-]+)/.exec(created.headers.location!)![1]!;
  caseId = (await world.services.cases.list(world.users.leadInspector, inspectionId)).find((c) => c.ref === ref)!.id;
  await step('edit the case', 'leadInspector', ['case.update'], true, () =>
    post('leadInspector', `${base}/cases/${caseId}/edit`, {
      ref: 'AUD-1',
      domain: 'court',
      disposal: 'referralOrder',
      sex: 'female',
      caseManagerInterviewed: 'no',
    }),
  );
  await step('allocate it', 'leadInspector', ['case.allocate'], true, () =>
    post('leadInspector', `${base}/cases/allocate`, { caseIds: [caseId], userId: world.users.inspector.id }),
  );
  await step('answer a key question', 'inspector', ['answers.save'], true, () =>
    post('inspector', `${base}/cases/${caseId}/standards/2.1/key-questions/2.1.1`, {
      'answers[2.1.1]': 'yes',
      'evidence[2.1.1]': '<script>alert(1)</script>',
      version: '1',
      action: 'continue',
    }),
  );
  await step('judge a standard', 'leadInspector', ['judgement.save'], true, () =>
    post('leadInspector', `${base}/standards/1.3/judgement`, {
      rating: 'Good',
      strengths: 'Strong partnerships',
      areasForImprovement: 'None recorded',
    }),
  );
  await step('add an evidence note', 'inspector', ['evidence.add'], false, () =>
    post('inspector', `${base}/standards/1.3/evidence`, { source: 'document', note: 'Board minutes, March' }),
  );
  // Changes made outside the web forms (the CLI, the administrators' services) are audited the same way.
  const admin = { ...world.users.administrator, requestId: 'script-team' };
  await world.services.inspections.addTeamMember(admin, inspectionId, world.users.auditor.id, 'inspector');
  await world.services.users.addMembership(
    { ...admin, requestId: 'script-membership' },
    world.users.auditor.id,
    world.ids.organisationId,
    'auditor',
  );
  await world.services.users.createApiToken({ ...admin, requestId: 'script-token' }, admin.id, 'audit test');
  await step('export the trail', 'administrator', ['audit.export'], false, async () => {
    const browser = (browsers.administrator ??= await browserFor(world, 'administrator'));
    return browser.get('/audit/export.csv');
  });
});
afterAll(() => world.close());

describe('the audit trail after a scripted session of changes', () => {
  it('has an event for every change: its user, its request id, and what it was before and after', async () => {
    expect(steps).toHaveLength(8);
    for (const { name, response, who, actions, withBefore } of steps) {
      const requestId = response.headers['x-request-id'] as string;
      const events = await eventsOf(requestId);
      expect(
        events.map((e) => e.action),
        name,
      ).toEqual(expect.arrayContaining(actions));
      for (const event of events) {
        expect(event.user_id, name).toBe(world.users[who].id);
        expect(event.after, name).not.toBeNull();
        if (withBefore) expect(event.before, `${name}: before`).not.toBeNull();
      }
    }
  });

  it('records team, membership and token changes made through the services, with their request ids', async () => {
    expect((await eventsOf('script-team')).map((e) => e.action)).toEqual(['team.add']);
    const [membership] = await eventsOf('script-membership');
    expect(membership).toMatchObject({
      action: 'membership.add',
      before: { role: 'auditor' },
      after: { role: 'auditor' },
    });
    expect((await eventsOf('script-token')).map((e) => e.action)).toEqual(['apiToken.create']);
  });

  it("shows the case's history: who, what, before and after, request id", async () => {
    const auditor = await browserFor(world, 'auditor');
    const page = await auditor.get(`/inspections/${world.ids.inspectionId}/cases/${caseId}/history`);
    expect(page.status).toBe(200);
    const text = pageText(page.text);
    expect(text).toMatch(/case\.create .* case\.update .* case\.allocate .* answers\.save/);
    expect(text).toContain(`leadinspector (${emailOf('leadInspector')})`);
    expect(text).toMatch(/sex Before: \(none\) After: female/);
    const editRequest = steps.find((s) => s.name === 'edit the case')!.response.headers['x-request-id'] as string;
    expect(text).toContain(editRequest);
    // Evidence is shown as text, never as markup.
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.text).not.toContain('<script>alert(1)');
  });

  it("shows a standard's history: the judgement and the evidence note", async () => {
    const path = `/inspections/${world.ids.inspectionId}/standards/1.3/history`;
    // During an HMIP inspection the evidence stays with the team: the service's QA lead is refused.
    expect((await (await browserFor(world, 'qaLead')).get(path)).status).toBe(403);
    const page = await (await browserFor(world, 'inspector')).get(path);
    expect(page.status).toBe(200);
    const text = pageText(page.text);
    expect(text).toMatch(/judgement\.save .*rating Before: .* After: Good/);
    expect(text).toContain('Board minutes, March');
  });

  it("links a rating's workings to the standard's history only for those who may read it", async () => {
    const path = `/inspections/${world.ids.inspectionId}/ratings/2.2`;
    const history = `/inspections/${world.ids.inspectionId}/standards/2.2/history`;
    expect((await (await browserFor(world, 'ratingsPanel')).get(path)).text).toContain(`href="${history}"`);
    // The board reads the ratings once the report is published, and never the history behind them.
    await atStage(world, world.ids.inspectionId, 'published');
    const board = await browserFor(world, 'boardMember');
    const page = await board.get(path);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain(`href="${history}"`);
    expect((await board.get(history)).status).toBe(403);
    await atStage(world, world.ids.inspectionId, 'fieldwork');
  });

  it('lets administrators filter the whole trail by user, action, inspection and dates', async () => {
    const admin = await browserFor(world, 'administrator');
    const count = async (query: string) => {
      const page = await admin.get(`/audit?${query}`);
      expect(page.status, query).toBe(200);
      return Number(/(\d+) events?/.exec(pageText(page.text))![1]);
    };
    const inspector = encodeURIComponent(emailOf('inspector'));
    expect(await count(`user=${inspector}&inspection=${world.ids.inspectionId}`)).toBe(2);
    expect(await count('action=case.update')).toBe(1);
    const today = new Date().toISOString().slice(0, 10);
    const all = await count('');
    expect(await count(`from=${today}&to=${today}`)).toBe(all);
    expect(await count('to=2000-01-01')).toBe(0);
    expect(await count(`inspection=${world.ids.otherInspectionId}`)).toBe(1);
    const refused = await admin.get('/audit?from=2026-03-31&to=2026-03-01&user=%3Cb%3Eme');
    expect(refused.status).toBe(400);
    expect(pageText(refused.text)).toContain('To must be the same as or after From');
    expect(refused.text).toContain('value="&lt;b&gt;me"');
  });

  it('exports the filtered trail as CSV, formulas defused, and audits the export', async () => {
    const admin = await browserFor(world, 'administrator');
    const risky = await world.services.users.create(null, { email: 'risky@security.test', displayName: '@SUM(1,1)' });
    await world.services.users.createApiToken(risky, risky.id, 'formula');
    const defused = await admin.get('/audit/export.csv?user=risky%40security.test');
    expect(defused.text).toContain(`"'@SUM(1,1)"`);
    expect(defused.text).not.toContain(`,"@SUM`);
    const csv = await admin.get(`/audit/export.csv?action=answers.save&inspection=${world.ids.inspectionId}`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="yj-inspect-audit-/);
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(csvColumns.join(','));
    expect(lines.slice(1).every((line) => line.includes('"answers.save"'))).toBe(true);
    const [exported] = await eventsOf(csv.headers['x-request-id'] as string);
    expect(exported).toMatchObject({
      action: 'audit.export',
      user_id: world.users.administrator.id,
      after: { rows: lines.length - 1, filters: { action: 'answers.save' } },
    });
  });
});
