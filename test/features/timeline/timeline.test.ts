import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../src/platform/db/core-tables.js';
import { addUser, openTestWorld, signIn, type TestWorld, pageText } from '../../support/web.js';

let world: TestWorld;
let ealing: string;
let hackney: string;
let demoLike: string;

const read = pageText;
/** What a box of the form holds. */
const boxValue = (html: string, name: string) => {
  const input = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
  expect(input, `input ${name}`).toBeDefined();
  return /value="([^"]*)"/.exec(input!)?.[1] ?? '';
};
/** The summary-list row with this key, as read. */
const row = (html: string, key: string) => {
  const text = read(html);
  const start = text.indexOf(` ${key} `);
  expect(start, `row ${key}`).toBeGreaterThan(-1);
  return text.slice(start, start + 160);
};
const date = (field: string, day: number, month: number, year: number) => ({
  [`${field}-day`]: String(day),
  [`${field}-month`]: String(month),
  [`${field}-year`]: String(year),
});
const timelinePath = (id: string) => `/inspections/${id}/timeline`;

beforeAll(async () => {
  world = await openTestWorld();
  const admin = await addUser(world, 'admin@example.org', { isAdmin: true });
  const serviceA = (await world.services.organisations.create(admin, { name: 'Service A YJS' })).id;
  const serviceB = (await world.services.organisations.create(admin, { name: 'Service B YJS' })).id;
  const a = await addUser(world, 'a@example.org', { organisationId: serviceA });
  // HMIP and joint inspections are started by the inspectorate.
  const hmip = await world.services.organisations.create(admin, { name: 'HMIP', kind: 'inspectorate' });
  await world.services.users.addMembership(admin, a.id, hmip.id, 'qaLead');
  await addUser(world, 'b@example.org', { organisationId: serviceB });
  const create = (kind: 'hmipInspection' | 'jointInspection', title: string, fieldworkStart?: string) =>
    world.services.inspections.create(a, {
      organisationId: serviceA,
      framework: 'hmip-youth-2021',
      kind,
      title,
      fieldworkStart,
    });
  ealing = (await create('hmipInspection', 'Ealing-like inspection', '2023-07-10')).id;
  hackney = (await create('jointInspection', 'Hackney-like inspection')).id;
  // As the demo stores Hackney: its fieldwork start and end, no second week.
  demoLike = (
    await world.services.inspections.create(a, {
      organisationId: serviceA,
      framework: 'hmip-youth-2021',
      kind: 'jointInspection',
      fieldworkStart: '2023-01-16',
      fieldworkEnd: '2023-02-10',
    })
  ).id;
});
afterAll(() => world.close());

describe('the inspection timeline', () => {
  it('proposes every date from the fieldwork start, marked as proposed, on the page and the overview', async () => {
    const user = await signIn(world, 'a@example.org');
    const page = await user.get(timelinePath(ealing));
    expect(page.status).toBe(200);
    expect(row(page.text, 'Notice date')).toMatch(/^ Notice date 12 June 2023 Proposed Four weeks' notice/);
    expect(row(page.text, 'Evidence in advance due')).toMatch(/26 June 2023 Proposed/);
    expect(row(page.text, 'Inspectors arrive')).toMatch(
      /10 July 2023 Inspectors arrive on the Monday of the fifth week/,
    );
    expect(row(page.text, 'Fieldwork days')).toMatch(/10 July 2023 to 14 July 2023 \(5 days\)/);
    expect(row(page.text, 'Case window start')).toMatch(/11 July 2022 Proposed/);
    expect(row(page.text, 'Case window end')).toMatch(/5 May 2023 Proposed The Friday ten weeks before/);
    // The form holds only what is stored: the fieldwork start.
    expect(boxValue(page.text, 'fieldworkStart-day')).toBe('10');
    expect(boxValue(page.text, 'noticeDate-day')).toBe('');

    const overview = await user.get(`/inspections/${ealing}`);
    expect(row(overview.text, 'Notice')).toMatch(/^ Notice 12 June 2023 Proposed Change notice date/);
    expect(row(overview.text, 'Case window')).toMatch(/11 July 2022 Proposed to 5 May 2023 Proposed/);
    expect(overview.text).toContain(`href="${timelinePath(ealing)}"`);
    expect(overview.text).toMatch(/govuk-task-list__link[^>]*>\s*Timeline\s*<\/a>/);
    expect(read(overview.text)).toContain('Timeline 5 proposed dates to check In progress');
  });

  it('fills the form with the proposed dates without saving, then saves two separate weeks (Hackney)', async () => {
    const user = await signIn(world, 'a@example.org');
    const path = timelinePath(hackney);
    expect(read((await user.get(`/inspections/${hackney}`)).text)).toContain('Timeline Enter the fieldwork start');
    const filled = await user.post(path, path, {
      action: 'propose',
      ...date('fieldworkStart', 16, 1, 2023),
      ...date('secondWeekStart', 6, 2, 2023),
    });
    expect(filled.status).toBe(200);
    expect(filled.text).toContain('The proposed dates are filled in from the fieldwork start');
    const boxes = (field: string) => ['day', 'month', 'year'].map((part) => boxValue(filled.text, `${field}-${part}`));
    expect(boxes('noticeDate')).toEqual(['19', '12', '2022']);
    expect(boxes('evidenceDue')).toEqual(['2', '1', '2023']);
    expect(boxes('fieldworkEnd')).toEqual(['10', '2', '2023']);
    expect(boxes('caseWindowFrom')).toEqual(['17', '1', '2022']);
    expect(boxes('caseWindowTo')).toEqual(['11', '11', '2022']);
    expect(boxes('secondWeekStart')).toEqual(['6', '2', '2023']);
    expect(row((await user.get(path)).text, 'Fieldwork start')).toMatch(/Not set/);

    const form = Object.fromEntries(
      [
        'noticeDate',
        'evidenceDue',
        'fieldworkStart',
        'secondWeekStart',
        'fieldworkEnd',
        'caseWindowFrom',
        'caseWindowTo',
      ].flatMap((field) =>
        ['day', 'month', 'year'].map((part) => [`${field}-${part}`, boxValue(filled.text, `${field}-${part}`)]),
      ),
    );
    const saved = await user.post(path, path, { ...form, action: 'save' });
    expect(saved.status).toBe(303);
    const page = await user.get(saved.headers.location!);
    expect(page.text).toContain('Timeline saved');
    expect(read(page.text)).not.toMatch(/Proposed [A-Z]/);
    expect(row(page.text, 'Fieldwork days')).toMatch(
      /16 January 2023 to 20 January 2023 \(5 days\) 6 February 2023 to 10 February 2023 \(5 days\)/,
    );
    const overview = await user.get(`/inspections/${hackney}`);
    // The timeline's own rows: the overview names the fieldwork stage above them too.
    const timeline = overview.text.slice(overview.text.indexOf('id="timeline"'));
    expect(row(timeline, 'Fieldwork')).toMatch(
      /16 January 2023 to 20 January 2023 6 February 2023 to 10 February 2023/,
    );
    expect(row(overview.text, 'Case window')).toMatch(/17 January 2022 to 11 November 2022/);
    expect(read(overview.text)).toMatch(
      /Timeline Notice, evidence in advance, fieldwork and case window set Completed/,
    );
    const audit = await world.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'inspection.timeline'));
    expect(audit.map((event) => event.inspectionId)).toEqual([hackney]);
  });

  it('reads a joint inspection ending weeks after it starts as two separate weeks, to be checked', async () => {
    const user = await signIn(world, 'a@example.org');
    const page = await user.get(timelinePath(demoLike));
    expect(row(page.text, 'Second fieldwork week')).toMatch(/6 February 2023 Proposed The week of the fieldwork end/);
    expect(row(page.text, 'Fieldwork days')).toMatch(
      /16 January 2023 to 20 January 2023 \(5 days\) 6 February 2023 to 10 February 2023 \(5 days\)/,
    );
    expect(row(page.text, 'Fieldwork end')).toMatch(/10 February 2023 The last weekday of the second fieldwork week/);
    // Using the proposed dates keeps the two weeks rather than dropping the second.
    const filled = await user.post(timelinePath(demoLike), timelinePath(demoLike), {
      action: 'propose',
      ...date('fieldworkStart', 16, 1, 2023),
      ...date('fieldworkEnd', 10, 2, 2023),
    });
    expect(filled.status).toBe(200);
    expect(['day', 'month', 'year'].map((part) => boxValue(filled.text, `secondWeekStart-${part}`))).toEqual([
      '6',
      '2',
      '2023',
    ]);
    expect(boxValue(filled.text, 'fieldworkEnd-day')).toBe('10');
  });

  it('keeps a date the team changed, and the rest proposed', async () => {
    const user = await signIn(world, 'a@example.org');
    const path = timelinePath(ealing);
    const response = await user.post(path, path, {
      ...date('fieldworkStart', 10, 7, 2023),
      ...date('evidenceDue', 30, 6, 2023),
      action: 'save',
    });
    expect(response.status).toBe(303);
    const page = await user.get(path);
    expect(row(page.text, 'Evidence in advance due')).toMatch(
      /30 June 2023 Set by the team \(proposed: 26 June 2023\)/,
    );
    expect(row(page.text, 'Notice date')).toMatch(/12 June 2023 Proposed/);
    expect(boxValue(page.text, 'evidenceDue-day')).toBe('30');
  });

  it('refuses dates out of order or not real, naming the field and keeping what was typed', async () => {
    const user = await signIn(world, 'a@example.org');
    const path = timelinePath(ealing);
    const response = await user.post(path, path, {
      ...date('fieldworkStart', 10, 7, 2023),
      ...date('evidenceDue', 1, 6, 2023),
      ...date('caseWindowTo', 31, 2, 2023),
      action: 'save',
    });
    expect(response.status).toBe(400);
    const text = read(response.text);
    expect(text).toContain('There is a problem');
    expect(text).toContain('Case window end must be a real date');
    expect(response.text).toContain('href="#caseWindowTo-day"');
    expect(boxValue(response.text, 'caseWindowTo-day')).toBe('31');

    const outOfOrder = await user.post(path, path, {
      ...date('fieldworkStart', 10, 7, 2023),
      ...date('evidenceDue', 1, 6, 2023),
      action: 'save',
    });
    expect(outOfOrder.status).toBe(400);
    expect(read(outOfOrder.text)).toContain('Evidence in advance must be due after the notice date, 12 June 2023');
    expect(outOfOrder.text).toContain('href="#evidenceDue-day"');
    expect(['day', 'month', 'year'].map((part) => boxValue(outOfOrder.text, `evidenceDue-${part}`))).toEqual([
      '1',
      '6',
      '2023',
    ]);

    const thursday = await user.post(path, path, { ...date('fieldworkStart', 13, 7, 2023), action: 'propose' });
    expect(thursday.status).toBe(400);
    expect(read(thursday.text)).toContain('Fieldwork start must be a Monday');
    // Nothing of the refused forms was saved.
    const page = await user.get(path);
    expect(row(page.text, 'Evidence in advance due')).toMatch(/30 June 2023/);
    expect(row(page.text, 'Fieldwork start')).toMatch(/10 July 2023/);
  });

  it("gives another organisation's user a 404, and changes nothing", async () => {
    const b = await signIn(world, 'b@example.org');
    const page = await b.get(timelinePath(ealing));
    expect(page.status).toBe(404);
    expect(page.text).not.toContain('Ealing-like');
    const post = await b.post('/inspections', timelinePath(ealing), {
      ...date('fieldworkStart', 17, 7, 2023),
      action: 'save',
    });
    expect(post.status).toBe(404);
    const a = await signIn(world, 'a@example.org');
    expect(row((await a.get(timelinePath(ealing))).text, 'Fieldwork start')).toMatch(/10 July 2023/);
  });
});
