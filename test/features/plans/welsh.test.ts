import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../../src/platform/db/core-tables.js';
import { createServices } from '../../../src/platform/services.js';
import { binaryBody, csrfTokenOf, openTestWorld, pageText, signIn, type TestWorld } from '../../support/web.js';
import { planWorld } from './support.js';

/** The improvement plan in Cymraeg: its pages, an import's problems by line, the board's workbook, the reminders. */
let world: TestWorld;
let setup: Awaited<ReturnType<typeof planWorld>>;
let planPath: string;

beforeAll(async () => {
  world = await openTestWorld();
  setup = await planWorld(world);
  const plan = await world.services.plans.plans.create(setup.head, {
    organisationId: setup.organisation.id,
    title: 'Cynllun Glan yr Afon',
    startFrom: 'blank',
  });
  planPath = `/plans/${plan.id}`;
  const area = await world.services.plans.edits.saveArea(setup.head, plan.id, null, {
    number: '1',
    domain: 'D1 Governance and Leadership',
    text: 'Develop and embed effective management oversight',
  });
  for (const [text, targetDate] of [
    ['Train managers on the QA audit tool', '2024-03-01'],
    ['Review the supervision policy', '2024-04-10'],
  ] as const)
    await world.services.plans.edits.saveAction(setup.head, plan.id, area.id, null, {
      text,
      owners: [setup.head.email],
      commencementDate: '2023-10-01',
      targetDate,
      completionDate: null,
      status: 'notStarted',
    });
});
afterAll(() => world.close());

describe('the improvement plan in Welsh', () => {
  it('shows the plan and its dashboard in Welsh with ?lang=cy, and in English as before with ?lang=en', async () => {
    const head = await signIn(world, setup.head.email);
    const plan = await head.get(`${planPath}?lang=cy`);
    expect(plan.status).toBe(200);
    expect(plan.text).toContain('<html lang="cy"');
    const planText = pageText(plan.text);
    expect(planText).toContain('Camau gweithredu heddiw 2 o gamau gweithredu: 0 wedi');
    expect(planText).toContain('Adroddiad cynnydd ar ddyddiad');
    expect(planText).toContain('Cytundeb a chymeradwyaeth');
    // Statuses are words of the plan: shown in Welsh. The action's own text is the service's, left as written.
    expect(planText).toContain('Train managers on the QA audit tool');
    expect(planText).toContain('Heb ddechrau');
    expect(planText).not.toContain('Not started');

    const dashboard = await head.get(`${planPath}/dashboard?asOf=2024-03-20&lang=cy`);
    expect(dashboard.text).toContain('<html lang="cy"');
    const text = pageText(dashboard.text);
    expect(text).toContain('Dangosfwrdd: Cynllun Glan yr Afon');
    expect(text).toContain('Yn hwyr (1)');
    expect(text).toContain('RAG fesul parth');
    expect(text).toContain('Cynnydd dros amser');
    expect(text).toContain('Ar 20 Mawrth 2024: 2 o gamau gweithredu');
    expect(text).not.toContain('Progress over time');

    const english = pageText((await head.get(`${planPath}/dashboard?asOf=2024-03-20&lang=en`)).text);
    expect(english).toContain('Dashboard: Cynllun Glan yr Afon');
    expect(english).toContain('As of 20 March 2024: 2 actions, 0 completed; 1 red, 1 amber, 0 green.');
  });

  it('shows the headings and sources yj-inspect wrote itself in Welsh, and the service’s own words as written', async () => {
    const made = await world.services.plans.plans.create(setup.head, {
      organisationId: setup.organisation.id,
      inspectionId: setup.inspection.id,
      title: 'From the recommendations',
      startFrom: 'recommendations',
    });
    const head = await signIn(world, setup.head.email);
    const text = pageText((await head.get(`/plans/${made.id}?lang=cy`)).text);
    expect(text).toContain('Y gwasanaeth cyfiawnder ieuenctid 1. Develop and embed effective management oversight');
    expect(text).toContain('Argymhelliad 1. Safon 1.1. Yn ateb argymhelliad 1.');
    expect(text).toContain('Yr heddlu 2. Review out-of-court disposal policy with the YJS');
    const english = pageText((await head.get(`/plans/${made.id}?lang=en`)).text);
    expect(english).toContain('The youth justice service 1. Develop and embed effective management oversight');
    expect(english).toContain('Recommendation 1. Standard 1.1. Answers recommendation 1.');
  });

  it('names the line of an import problem in Welsh, with the field in Welsh too', async () => {
    const head = await signIn(world, setup.head.email);
    const form = await head.get(`${planPath}/import?lang=cy`);
    expect(pageText(form.text)).toContain('Mewnforio meysydd a chamau gweithredu');
    // The user's choice is kept in their account: the steps after the form are in Welsh as well.
    const csv = ['No,Area,Action,Start', '2,Grow our own talent,Apprenticeships,sometime'].join('\n');
    const mapping = await head.agent
      .post(`${planPath}/import`)
      .field('_csrf', csrfTokenOf(form.text))
      .field('asAt-day', '1')
      .field('asAt-month', '3')
      .field('asAt-year', '2024')
      .attach('file', Buffer.from(csv), 'plan.csv');
    expect(mapping.status).toBe(200);
    expect(pageText(mapping.text)).toContain('Mae gan y ffeil 1 o resi ar ôl ei phennawd');
    const hidden = (name: string) =>
      new RegExp(`name="${name}" value="([^"]*)"`)
        .exec(mapping.text)![1]!
        .replaceAll('&quot;', '"')
        .replaceAll('&amp;', '&')
        .replaceAll('&#39;', "'");
    const refused = await head.agent
      .post(`${planPath}/import/confirm`)
      .type('form')
      .send({
        _csrf: csrfTokenOf(mapping.text),
        table: hidden('table'),
        asAt: hidden('asAt'),
        'mapping[areaNumber]': '0',
        'mapping[areaText]': '1',
        'mapping[actionText]': '2',
        'mapping[commencementDate]': '3',
      });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('<html lang="cy"');
    const text = pageText(refused.text);
    expect(text).toContain('Ni fewnforiwyd dim: un broblem');
    expect(text).toContain(
      'Llinell 2: Nid yw\'r dyddiad cychwyn "sometime" yn ddyddiad, fel 2023-09-01 neu Sept 2023 (Dyddiad cychwyn)',
    );
    expect(text).not.toContain('Line 2');
  });

  it('writes the board’s workbook in Welsh when it is downloaded from a Welsh page', async () => {
    const head = await signIn(world, setup.head.email);
    const download = await head.agent
      .get(`${planPath}/report.xlsx?asOf=2024-03-20&lang=cy`)
      .buffer(true)
      .parse(binaryBody);
    expect(download.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(download.body as ArrayBuffer);
    const sheet = workbook.getWorksheet('Cynnydd')!;
    const cell = (row: number, column: number) => sheet.getRow(row).getCell(column).value;
    expect(cell(2, 1)).toBe('Cynnydd ar 2024-03-20');
    expect([1, 2, 3, 6, 8].map((c) => cell(4, c))).toEqual([
      "Maes i'w wella",
      'Cam gweithredu',
      'Perchennog/perchnogion y cam gweithredu',
      'Statws',
      'RAG',
    ]);
    // Each action's status and RAG as of the date, in Welsh: the first overdue (red), the second due within a month.
    expect([6, 7].map((row) => [cell(row, 6), cell(row, 8)])).toEqual([
      ['Heb ddechrau', 'Coch'],
      ['Heb ddechrau', 'Ambr'],
    ]);
  });

  it('sends the digest and the calendar feed in the language their owner chose', async () => {
    await world.database.db.update(users).set({ language: 'cy' }).where(eq(users.id, setup.head.id));
    await world.services.plans.reminders.setEmailDigest(setup.head, true);
    const mails: { to: string; subject: string; text: string }[] = [];
    const transport = {
      sendMail: (mail: { to: string; subject: string; text: string }) => Promise.resolve(void mails.push(mail)),
    };
    // The same database's services, built with a mailer.
    const reminders = createServices(world.database, { mailer: { from: 'plans@example.org', transport } }).plans
      .reminders;
    await reminders.sendDigest('2024-03-20');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Cynllun gwella: 1 yn hwyr, 1 i'w cwblhau cyn bo hir");
    expect(mails[0]!.text).toContain('Yn hwyr (1):');
    expect(mails[0]!.text).toContain(
      '- 2024-03-01: Train managers on the QA audit tool (Riverside YJS, Cynllun Glan yr Afon, maes 1; Heb ddechrau)',
    );

    const token = await world.services.plans.reminders.newCalendarToken(setup.head);
    const feed = (await world.services.plans.reminders.calendarFeed(token))!.replace(/\r\n[ \t]/g, '');
    expect(feed).toContain("SUMMARY:I'w gwblhau: Review the supervision policy");
    expect(feed).toContain('Statws: Heb ddechrau.');

    // Another owner who chose nothing gets English, as before.
    await world.database.db.update(users).set({ language: null }).where(eq(users.id, setup.head.id));
    mails.length = 0;
    await reminders.sendDigest('2024-03-20');
    expect(mails[0]!.subject).toBe('Improvement plan: 1 overdue, 1 due soon');
  });
});
