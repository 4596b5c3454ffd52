import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, inspections } from '../../../src/platform/db/core-tables.js';
import { judgements } from '../../../src/features/judgements/tables.js';
import { addUser, openTestWorld, pageText, signIn, type TestWorld } from '../../support/web.js';
import { dateParts, planWorld } from './support.js';

/** An improvement plan built through the pages, agreed, signed off, updated, and reported as of two dates. */
let world: TestWorld;
let setup: Awaited<ReturnType<typeof planWorld>>;
let planPath: string;
let head: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  world = await openTestWorld();
  setup = await planWorld(world);
  head = await signIn(world, setup.head.email);
});
afterAll(() => world.close());

const areaIdOn = (html: string, number: number) =>
  new RegExp(`/areas/([0-9a-f-]{36})"[^>]*>Edit<span class="govuk-visually-hidden"> area ${number}<`).exec(html)?.[1];

describe('an improvement plan through the pages', () => {
  it('a head of service turns the inspection recommendations into a plan, one area each', async () => {
    const form = await head.get('/plans/new');
    expect(form.status).toBe(200);
    expect(pageText(form.text)).toContain('Riverside YJS: Riverside YJS inspection 2023');
    const missing = await head.post('/plans/new', '/plans', { source: '', title: '', startFrom: '' });
    expect(missing.status).toBe(400);
    expect(pageText(missing.text)).toContain('Enter a title for the plan');
    expect(pageText(missing.text)).toContain('Select the service');

    const created = await head.post('/plans/new', '/plans', {
      source: `${setup.organisation.id}/${setup.inspection.id}`,
      title: 'Post-inspection improvement plan',
      startFrom: 'recommendations',
    });
    expect(created.status).toBe(303);
    planPath = created.headers.location!.replace(/\?.*$/, '');
    const plan = pageText((await head.get(planPath)).text);
    expect(plan).toContain('1. Develop and embed effective management oversight');
    expect(plan).toContain('2. Review out-of-court disposal policy with the YJS');
    expect(plan).toContain('Answers recommendation 2');
  });

  it('areas and actions are edited with errors by field and what was typed kept', async () => {
    const page = await head.get(planPath);
    const area1 = areaIdOn(page.text, 1)!;
    const area2 = areaIdOn(page.text, 2)!;
    const areaForm = `${planPath}/areas/${area1}`;
    const bad = await head.post(areaForm, areaForm, {
      number: '2',
      domain: 'D1 Governance and Leadership',
      text: 'Kept text',
    });
    expect(bad.status).toBe(400);
    expect(pageText(bad.text)).toContain('The plan already has an area 2');
    expect(bad.text).toContain('Kept text');
    const saved = await head.post(areaForm, areaForm, {
      number: '1',
      domain: 'D1 Governance and Leadership',
      standardId: '1.1',
      text: 'Develop and embed effective management oversight',
      source: 'Recommendation 1',
    });
    expect(saved.status).toBe(303);

    const newAction = `${planPath}/areas/${area1}/actions/new`;
    const wrong = await head.post(newAction, newAction, {
      text: 'Train managers on the QA audit tool',
      owners: '',
      status: 'notStarted',
      ...dateParts('targetDate', '2023-02-30'),
    });
    expect(wrong.status).toBe(400);
    expect(pageText(wrong.text)).toContain('Enter at least one owner');
    expect(pageText(wrong.text)).toContain('Target date must be a real date');
    expect(wrong.text).toContain('Train managers on the QA audit tool');

    const first = await head.post(newAction, newAction, {
      text: 'Train managers on the QA audit tool',
      owners: 'head, SG',
      status: 'notStarted',
      targets: '2.2',
      ...dateParts('commencementDate', '2023-09-01'),
      ...dateParts('targetDate', '2023-12-31'),
    });
    expect(first.status).toBe(303);
    const second = await head.post(`${planPath}/areas/${area2}/actions/new`, `${planPath}/areas/${area2}/actions/new`, {
      text: 'Joint review of the OOCD policy with the police',
      owners: 'MM',
      status: 'inProgress',
      ...dateParts('commencementDate', '2023-10-01'),
      ...dateParts('targetDate', '2024-03-31'),
    });
    expect(second.status).toBe(303);
    const plan = pageText((await head.get(planPath)).text);
    expect(plan).toContain('D1 Governance and Leadership');
    expect(plan).toContain(
      'Train managers on the QA audit tool head, SG 1 September 2023 31 December 2023 Not started',
    );
  });

  it('the lead inspector agrees and the chair signs off; others cannot', async () => {
    const early = await signIn(world, setup.chair.email);
    const waiting = pageText((await early.get(`${planPath}/sign-off`)).text);
    expect(waiting).toContain('You can sign the plan off once the lead inspector has agreed');
    expect(waiting).not.toContain('Sign off the plan I agree');
    const refused = await early.post(`${planPath}/sign-off`, `${planPath}/sign-off`, dateParts('date', '2023-09-19'));
    expect(refused.status).toBe(400);
    expect(pageText(refused.text)).toContain('The lead inspector has not agreed the plan yet');
    const lead = await signIn(world, setup.lead.email);
    const agreed = await lead.post(`${planPath}/sign-off`, `${planPath}/agree`, {
      ...dateParts('date', '2023-09-20'),
      note: '',
    });
    expect(agreed.status).toBe(303);
    const chair = await signIn(world, setup.chair.email);
    const tooLate = await chair.post(`${planPath}/sign-off`, `${planPath}/sign-off`, dateParts('date', '2999-01-01'));
    expect(tooLate.status).toBe(400);
    expect(pageText(tooLate.text)).toContain('Date must be today or in the past');
    const signed = await chair.post(`${planPath}/sign-off`, `${planPath}/sign-off`, dateParts('date', '2023-09-26'));
    expect(signed.status).toBe(303);
    const page = pageText((await chair.get(`${planPath}/sign-off`)).text);
    expect(page).toContain('Agreed by the lead inspector 20 September 2023 lead');
    expect(page).toContain('Signed off by the chair 26 September 2023 chair');

    const auditor = await signIn(world, setup.auditor.email);
    expect((await auditor.get(planPath)).status).toBe(200);
    expect(
      (await auditor.post(`${planPath}/sign-off`, `${planPath}/sign-off`, dateParts('date', '2023-09-26'))).status,
    ).toBe(403);
    expect(
      (await head.post(`${planPath}/sign-off`, `${planPath}/sign-off`, dateParts('date', '2023-09-26'))).status,
    ).toBe(403);
    expect(
      (await chair.post(`${planPath}/sign-off`, `${planPath}/agree`, dateParts('date', '2023-09-26'))).status,
    ).toBe(403);
  });

  it('owners add progress updates; a change after sign-off shows as such', async () => {
    const page = await head.get(planPath);
    const actionPath = /href="(\/plans\/[^"]+\/actions\/[0-9a-f-]{36})">Train managers/.exec(page.text)![1]!;
    const empty = await head.post(actionPath, `${actionPath}/updates`, {
      ...dateParts('date', '2023-11-15'),
      note: '',
      status: '',
    });
    expect(empty.status).toBe(400);
    expect(pageText(empty.text)).toContain('Enter a note, or choose a new status');
    const done = await head.post(actionPath, `${actionPath}/updates`, {
      ...dateParts('date', '2023-11-15'),
      note: 'Training delivered to all six managers',
      evidenceLink: 'https://example.org/training-register',
      status: 'completed',
    });
    expect(done.status).toBe(303);
    const action = pageText((await head.get(actionPath)).text);
    expect(action).toContain('Completion date 15 November 2023');
    expect(action).toContain('Training delivered to all six managers');
    expect(action).toContain('Not started to Completed');
    expect(pageText((await head.get(planPath)).text)).toContain('The plan has changed since the chair signed it off');
    expect(pageText((await head.get(`${planPath}/history`)).text)).toMatch(/Progress update After sign-off head/);
  });

  it('the progress report as of two dates gives the figures of each date', async () => {
    const chair = await signIn(world, setup.chair.email);
    const october = pageText((await chair.get(`${planPath}/report?asOf=2023-10-31`)).text);
    expect(october).toContain('Progress as at 31 October 2023: 2 actions, 0 completed; RAG 0 red, 1 amber, 1 green');
    const april = pageText((await chair.get(`${planPath}/report?asOf-day=2&asOf-month=4&asOf-year=2024`)).text);
    expect(april).toContain('Progress as at 2 April 2024: 2 actions, 1 completed; RAG 1 red, 0 amber, 1 green');
    expect(april).toContain(
      'Joint review of the OOCD policy with the police MM 1 October 2023 31 March 2024 In progress',
    );
    const bad = await chair.get(`${planPath}/report?asOf-day=31&asOf-month=2&asOf-year=2024`);
    expect(bad.status).toBe(400);
    expect(pageText(bad.text)).toContain('Date must be a real date');

    const xlsx = await chair
      .get(`${planPath}/report.xlsx?asOf=2024-04-02`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as ArrayBuffer);
    const rows = workbook.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    const joint = rows.find((r) => r.includes('Joint review of the OOCD policy with the police'))!;
    expect(joint).toContain('In progress');
    expect(joint).toContain('Red');
    expect((joint.find((c) => c instanceof Date) as Date).toISOString().slice(0, 10)).toBe('2023-10-01');
    const downloads = await world.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'plan.download'), eq(auditEvents.userId, setup.chair.id)));
    expect(downloads.map((d) => (d.after as { what: string }).what)).toContain('report.xlsx');
  });

  it('the dashboard lists what is overdue and RAG by domain', async () => {
    const dashboard = pageText((await head.get(`${planPath}/dashboard?asOf=2024-04-02`)).text);
    expect(dashboard).toMatch(/Overdue \(1\) .*Joint review of the OOCD policy/);
    expect(dashboard).toContain('D1 Governance and Leadership 0 0 1 1 1');
  });

  it('beside an action, the figures of later audits of the same service for the standards it targets', async () => {
    const page = await head.get(planPath);
    const actionPath = /href="(\/plans\/[^"]+\/actions\/[0-9a-f-]{36})">Train managers/.exec(page.text)![1]!;
    const editPath = /href="([^"]+\/edit)">Edit the action/.exec((await head.get(actionPath)).text)![1]!;
    const current = await head.get(editPath);
    const field = (name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(current.text)?.[1] ?? '';
    const edited = await head.post(editPath, editPath, {
      text: 'Train managers on the QA audit tool',
      owners: 'head, SG',
      status: 'completed',
      targets: '1.1, 2.2',
      ...dateParts('commencementDate', '2023-09-01'),
      ...dateParts('targetDate', '2023-12-31'),
      ...dateParts('completionDate', '2023-11-15'),
    });
    expect(edited.status).toBe(303);
    expect(field('owners')).toBe('head, SG');
    expect(pageText((await head.get(actionPath)).text)).toContain(
      'No later inspection or internal audit of the service has figures for 1.1, 2.2 yet',
    );
    const [audit] = await world.database.db
      .insert(inspections)
      .values({
        organisationId: setup.organisation.id,
        frameworkId: 'hmip-youth-2021',
        kind: 'internalAudit',
        title: 'Internal audit, summer 2024',
        fieldworkStart: '2024-06-03',
      })
      .returning();
    await world.database.db.insert(judgements).values({ inspectionId: audit!.id, standardId: '1.1', rating: 'Good' });
    const impact = pageText((await head.get(actionPath)).text);
    expect(impact).toContain('Internal audit, summer 2024 Internal audit 3 June 2024 1.1 Good Rating');
    expect(impact).not.toMatch(/ 2\.2 (Good|Outstanding|Inadequate|Requires)/);
  });

  it('someone from another service gets not found', async () => {
    const admin = setup.admin;
    const other = await world.services.organisations.create(admin, { name: 'Elsewhere YJS' });
    const stranger = await addUser(world, 'stranger@elsewhere.example.org');
    await world.services.users.addMembership(null, stranger.id, other.id, 'headOfService');
    const client = await signIn(world, stranger.email);
    expect((await client.get(planPath)).status).toBe(404);
    expect((await client.get(`${planPath}/report.xlsx`)).status).toBe(404);
    expect(pageText((await client.get('/plans')).text)).not.toContain('Post-inspection improvement plan');
  });
});
