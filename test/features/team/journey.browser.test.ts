import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/platform/audit.js';
import { cases } from '../../../src/platform/db/core-tables.js';
import { getFramework } from '../../../src/platform/framework-registry.js';
import { assessedCaseOf } from '../../../src/features/cases/index.js';
import { expectedKeyQuestions } from '../../../src/features/cases/service.js';
import { panelConsidersAll } from '../../support/stages.js';
import { createServices } from '../../../src/platform/services.js';
import { createApp } from '../../../src/platform/web/app.js';
import { accessibilityViolations, launchChromium, serve, signInThroughPage } from '../../support/browser.js';
import { openTestDatabase } from '../../support/database.js';
import { openSmtpServer } from '../../support/smtp.js';
import { addUser, type TestWorld } from '../../support/web.js';

/**
 * In Chromium: a lead inspector creates an HMIP inspection, invites two inspectors and a ratings panel member
 * by email; each sets a password through the link in their email and signs in; the inspectors assess their own
 * cases; the lead moves the inspection through every stage; the panel records a "stands" and a "moved"
 * decision; the service sees the draft only at factual accuracy and the board only the published report. axe
 * on every new page. (The lead's out-of-court cases and the judged standards are entered through the services.)
 */
let smtp: Awaited<ReturnType<typeof openSmtpServer>>;
let world: TestWorld;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let lead: Actor;
let serviceId: string;
const password = 'a long and memorable passphrase';
const invitees = [
  { name: 'Ines Inspector', email: 'ines@journey.test', role: 'inspector' },
  { name: 'Ian Inspector', email: 'ian@journey.test', role: 'inspector' },
  { name: 'Pat Panel', email: 'pat@journey.test', role: 'ratingsPanel' },
];

async function newPage() {
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

async function expectAccessible(page: Page, what: string) {
  expect(await accessibilityViolations(page), what).toEqual([]);
}

beforeAll(async () => {
  smtp = await openSmtpServer();
  const database = await openTestDatabase();
  const services = createServices(database, {
    mailer: { from: 'yj-inspect <team@journey.test>', transport: smtp.transport },
  });
  world = {
    database,
    services,
    app: createApp(services, { config: { production: false }, secret: 's' }),
    close: () => database.close(),
  };
  const admin = await addUser(world, 'admin@journey.test', { isAdmin: true });
  const inspectorate = await services.organisations.create(admin, {
    name: 'HMI Probation',
    kind: 'inspectorate',
  } as never);
  serviceId = (await services.organisations.create(admin, { name: 'Riverside YJS' })).id;
  lead = await addUser(world, 'lead@journey.test', { organisationId: inspectorate.id, role: 'qaLead' });
  await addUser(world, 'head@journey.test', { organisationId: serviceId, role: 'headOfService' });
  await addUser(world, 'board@journey.test', { organisationId: serviceId, role: 'boardMember' });
  server = await serve(world);
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await world?.close();
  await smtp?.close();
});

/** What the head of service and the board chair get at this stage: the status of each page. */
async function expectServiceAndBoard(
  inspectionId: string,
  service: { report: number; ratings: number; cases: number },
  board: { report: number; ratings: number },
) {
  for (const [email, expected] of [
    ['head@journey.test', service],
    ['board@journey.test', board],
  ] as const) {
    const theirs = await newPage();
    await signInThroughPage(theirs, server.url, email);
    const base = `${server.url}/inspections/${inspectionId}`;
    expect((await theirs.goto(base))?.status(), email).toBe(200);
    for (const [page, status] of Object.entries(expected))
      expect((await theirs.goto(`${base}/${page}`))?.status(), `${email} ${page}`).toBe(status);
    await theirs.context().close();
  }
}

describe('an inspection run by its team, in the browser', () => {
  it('from creation to closed: the team invited by email, its cases assessed, the panel, each stage shared as it should be', async () => {
    const page = await newPage();
    await signInThroughPage(page, server.url, lead.email);
    await page.goto(`${server.url}/inspections/new`);
    await page.getByLabel('Service inspected').selectOption({ label: 'Riverside YJS' });
    await page.getByLabel('HMIP inspection').check();
    await page.getByLabel(/2021/).first().check();
    await page.getByRole('button', { name: 'Create inspection' }).click();
    await page.waitForURL(/\/inspections\/[0-9a-f-]{36}$/);
    const inspectionId = /\/inspections\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
    expect(await page.locator('main').innerText()).toContain('Add the cases to inspect');
    await expectAccessible(page, 'the overview, in planning');

    await page.goto(`${server.url}/inspections/${inspectionId}/team`);
    await expectAccessible(page, 'the team page');
    for (const invitee of invitees) {
      await page.getByLabel('Full name').fill(invitee.name);
      await page.getByLabel('Email address').fill(invitee.email);
      await page.locator(`input[name="inviteRole"][value="${invitee.role}"]`).check();
      await page.getByRole('button', { name: 'Send invitation' }).click();
      await page.waitForURL(/\/team\?done=invited/);
    }
    expect(await page.locator('main').innerText()).toMatch(/Ian Inspector[\s\S]*Pat Panel/);

    for (const invitee of invitees) {
      const mail = smtp.received.find((m) => m.to.includes(invitee.email))!;
      const link = /https?:\/\/\S+\/invitations\/[\w-]+/.exec(mail.body)![0];
      const theirs = await newPage();
      await theirs.goto(link);
      await expectAccessible(theirs, 'the invitation page');
      await theirs.getByLabel('Password', { exact: true }).fill(password);
      await theirs.getByLabel('Confirm your password').fill(password);
      await theirs.getByRole('button', { name: 'Set password' }).click();
      await signInThroughPage(theirs, server.url, invitee.email, password);
      await theirs.goto(`${server.url}/inspections/${inspectionId}`);
      expect(await theirs.locator('h1').innerText()).toContain('Riverside');
      // The link works once.
      expect((await theirs.goto(link))?.status()).toBe(410);
      await theirs.context().close();
    }

    // Cases: a court case for each inspector, two out-of-court cases the lead assesses. Then planning can end.
    const team = await world.services.team.list(lead, inspectionId);
    const inspectors = team.filter((m) => m.role === 'inspector');
    const add = async (ref: string, domain: string, disposal: string, allocatedTo: string) => {
      const added = await world.services.cases.add(lead, inspectionId, {
        ref,
        domain,
        disposal,
        rosh: 'medium',
        swb: 'medium',
      });
      await world.services.cases.allocate(lead, inspectionId, [added.id], allocatedTo);
      return added.id;
    };
    // C-1 is Ines's, C-2 Ian's: each inspector below opens their own case (the team lists them by name).
    const inspectorOf = (email: string) => inspectors.find((m) => m.email === email)!.userId;
    const courtCases = [
      await add('C-1', 'court', 'referralOrder', inspectorOf(invitees[0]!.email)),
      await add('C-2', 'court', 'referralOrder', inspectorOf(invitees[1]!.email)),
    ];
    const outOfCourt = [
      await add('O-1', 'outOfCourt', 'communityResolution', lead.id),
      await add('O-2', 'outOfCourt', 'communityResolution', lead.id),
    ];
    const overview = `${server.url}/inspections/${inspectionId}`;
    await page.goto(overview);
    await page.getByRole('button', { name: 'Move on to fieldwork' }).click();
    await page.waitForURL(new RegExp(`/inspections/${inspectionId}`));
    expect(await page.locator('main').innerText()).toMatch(/Stage\s+Fieldwork/);
    await expectAccessible(page, 'the overview, in fieldwork');
    await expectServiceAndBoard(inspectionId, { report: 403, ratings: 403, cases: 403 }, { report: 403, ratings: 403 });

    // Each inspector assesses their own case, every key question Yes, standard by standard.
    for (const [i, invitee] of invitees.slice(0, 2).entries()) {
      const theirs = await newPage();
      await signInThroughPage(theirs, server.url, invitee.email, password);
      await theirs.goto(`${overview}/cases/${courtCases[i]}`);
      await theirs.getByRole('link', { name: '2.1 Assessment' }).click();
      for (const next of [/\/standards\/2\.2$/, /\/standards\/2\.3$/, /\/standards\/2\.4$/, /\/check$/]) {
        await theirs.getByRole('button', { name: 'Answer the remaining prompts Yes', exact: true }).click();
        for (const group of await theirs.locator('[data-kind="keyQuestion"]').all())
          await group.locator('input[type="radio"][value="yes"]').check();
        await theirs.getByRole('button', { name: 'Save and continue' }).click();
        await theirs.waitForURL(next);
      }
      await theirs.getByRole('button', { name: 'Mark as complete' }).click();
      await theirs.waitForURL(/completed=C-/);
      await theirs.context().close();
    }
    for (const caseId of outOfCourt) {
      const [row] = await world.database.db.select().from(cases).where(eq(cases.id, caseId));
      const expected = expectedKeyQuestions(getFramework('hmip-youth-2021'), assessedCaseOf(row!, {}));
      await world.services.assessment.save(lead, inspectionId, caseId, {
        answers: Object.fromEntries(expected.map((kq) => [kq.id, 'yes'])),
      });
    }
    for (const standardId of ['1.1', '1.2', '1.3', '1.4', '3.4', '4.1'])
      await world.services.judgements.saveJudgement(lead, inspectionId, standardId, {
        rating: 'Good',
        strengths: 'Seen',
      });

    await page.goto(overview);
    await page.getByRole('button', { name: 'Move on to ratings panel' }).click();
    await page.waitForURL(new RegExp(`/inspections/${inspectionId}`));
    expect(await page.locator('main').innerText()).toMatch(
      /Before moving on to factual accuracy\s+The ratings panel has \d+ standards still to consider/,
    );

    // The panel: 2.1 stands, 2.2 moves one band; a meeting is recorded; the rest stand.
    const panel = await newPage();
    await signInThroughPage(panel, server.url, invitees[2]!.email, password);
    for (const [standardId, choice] of [
      ['2.1', 'stands'],
      ['2.2', 'Good'],
    ] as const) {
      await panel.goto(`${overview}/ratings/${standardId}/discretion`);
      await expectAccessible(panel, `the discretion page of ${standardId}`);
      await panel.locator(`input[name="rating"][value="${choice}"]`).check();
      await panel.getByLabel('Rationale').fill('the quality of work in the cases seen');
      await panel.getByRole('button', { name: 'Record decision' }).click();
      await panel.waitForURL(/\/ratings\?decision=/);
    }
    await panel.goto(`${overview}/ratings/panel-meetings`);
    await expectAccessible(panel, 'the panel meetings page');
    await panel.getByLabel('Day').fill('17');
    await panel.getByLabel('Month').fill('3');
    await panel.getByLabel('Year').fill('2025');
    await panel.getByLabel('Pat Panel').check();
    await panel.getByLabel('2.1', { exact: true }).check();
    await panel.getByLabel('2.2', { exact: true }).check();
    await panel.getByRole('button', { name: 'Record the meeting' }).click();
    await panel.waitForURL(/recorded=1/);
    expect(await panel.locator('main').innerText()).toMatch(/Standards considered\s+2\.1, 2\.2/);
    await panel.context().close();
    const pat = (await world.services.users.findByEmail(invitees[2]!.email))!;
    await panelConsidersAll(world, pat, inspectionId);
    const { model } = await world.services.report.report(lead, inspectionId);
    const footnoted = model.domains.flatMap((d) => d.standards).filter((st) => st.discretion?.applied);
    expect(footnoted.map((st) => st.id)).toEqual(['2.2']);

    await page.goto(overview);
    await page.getByRole('button', { name: 'Move on to factual accuracy' }).click();
    await page.waitForURL(new RegExp(`/inspections/${inspectionId}`));
    expect(await page.locator('main').innerText()).toMatch(/Stage\s+Factual accuracy/);
    await expectServiceAndBoard(inspectionId, { report: 200, ratings: 403, cases: 403 }, { report: 403, ratings: 403 });

    await page.goto(`${overview}/report/publish`);
    await page.getByRole('button', { name: 'Publish version 1' }).click();
    await page.waitForURL(/\/report/);
    await page.goto(overview);
    expect(await page.locator('main').innerText()).toMatch(/Stage\s+Published/);
    await expectServiceAndBoard(inspectionId, { report: 200, ratings: 200, cases: 403 }, { report: 200, ratings: 200 });
    await page.getByRole('button', { name: 'Move on to closed' }).click();
    await page.waitForURL(new RegExp(`/inspections/${inspectionId}`));
    expect(await page.locator('main').innerText()).toMatch(/Stage\s+Closed/);
    await expectAccessible(page, 'the overview, closed');
    await page.context().close();
  }, 240_000);
});
