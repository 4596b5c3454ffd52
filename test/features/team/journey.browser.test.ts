import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/platform/audit.js';
import { createServices } from '../../../src/platform/services.js';
import { createApp } from '../../../src/platform/web/app.js';
import { accessibilityViolations, launchChromium, serve, signInThroughPage } from '../../support/browser.js';
import { openTestDatabase } from '../../support/database.js';
import { openSmtpServer } from '../../support/smtp.js';
import { addUser, type TestWorld } from '../../support/web.js';

/**
 * In Chromium: a lead inspector creates an HMIP inspection, invites two inspectors and a ratings panel member
 * by email; each sets a password through the link in their email and signs in; the lead moves the inspection
 * on from planning once its cases are allocated; the service and its board see only the overview. axe on
 * every new page.
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

describe('an inspection run by its team, in the browser', () => {
  it('creates the inspection, invites the team by email, and moves on from planning', async () => {
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

    // Cases, allocated to the two inspectors: then planning can end.
    const team = await world.services.team.list(lead, inspectionId);
    const inspectors = team.filter((m) => m.role === 'inspector');
    for (const [i, inspector] of inspectors.entries()) {
      const added = await world.services.cases.add(lead, inspectionId, {
        ref: `C-${i + 1}`,
        domain: 'court',
        disposal: 'referralOrder',
        rosh: 'medium',
        swb: 'medium',
      });
      await world.services.cases.allocate(lead, inspectionId, [added.id], inspector.userId);
    }
    await page.goto(`${server.url}/inspections/${inspectionId}`);
    await page.getByRole('button', { name: 'Move on to fieldwork' }).click();
    await page.waitForURL(new RegExp(`/inspections/${inspectionId}`));
    expect(await page.locator('main').innerText()).toMatch(/Stage\s+Fieldwork/);
    await expectAccessible(page, 'the overview, in fieldwork');

    // The service and its board: the overview, not the cases, the ratings or the report.
    for (const email of ['head@journey.test', 'board@journey.test']) {
      const theirs = await newPage();
      await signInThroughPage(theirs, server.url, email);
      expect((await theirs.goto(`${server.url}/inspections/${inspectionId}`))?.status()).toBe(200);
      expect((await theirs.goto(`${server.url}/inspections/${inspectionId}/report`))?.status()).toBe(403);
      expect((await theirs.goto(`${server.url}/inspections/${inspectionId}/ratings`))?.status()).toBe(403);
      await theirs.context().close();
    }
    await page.context().close();
  }, 240_000);
});
