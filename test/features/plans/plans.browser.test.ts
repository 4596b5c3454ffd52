import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../src/demo/demo.js';
import { accessibilityViolations, launchChromium, serve, signInThroughPage } from '../../support/browser.js';
import { openTestWorld, type TestWorld } from '../../support/web.js';

/**
 * The improvement plan in Chromium, as the "done when" says: the demo head of service turns the demo
 * inspection's recommendations into a plan, the chair signs it off, an owner updates an action, and the board's
 * progress report comes out as HTML, PDF and XLSX. axe (WCAG 2.2 AA) on every plan page type, and its errors.
 */
let world: TestWorld;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let password: string;

beforeAll(async () => {
  world = await openTestWorld();
  password = (await seedDemo(world.database.db, world.services.users))!.password;
  server = await serve(world);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await world?.close();
});

async function signedIn(email: string): Promise<Page> {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  page.setDefaultTimeout(15_000);
  await signInThroughPage(page, server.url, email, password);
  return page;
}

async function expectAccessible(page: Page, what: string) {
  expect(await accessibilityViolations(page), `${what} (${page.url()})`).toEqual([]);
}

describe('improvement plan in the browser', () => {
  let planUrl: string;

  it('the head of service makes a plan from the recommendations, adds and updates an action', async () => {
    const page = await signedIn('head.of.service@demo.invalid');
    await page.getByRole('link', { name: 'Improvement plans' }).click();
    await expectAccessible(page, 'plan list');
    await page
      .getByRole('button', { name: 'Create an improvement plan for Hackney Youth Justice Service (demo)' })
      .click();
    await expectAccessible(page, 'new plan');
    await page.getByRole('button', { name: 'Create plan' }).click();
    await page.getByText('There is a problem').waitFor();
    await expectAccessible(page, 'new plan with errors');
    const option = await page.locator('#source option', { hasText: 'Demo: Hackney' }).getAttribute('value');
    await page.getByLabel('Service and inspection').selectOption(option);
    await page.getByLabel('Title').fill('Hackney improvement plan 2023');
    await page.getByLabel("The inspection's recommendations").check();
    await page.getByRole('button', { name: 'Create plan' }).click();
    await page.getByText('Plan created').waitFor();
    planUrl = page.url().replace(/\?.*$/, '');
    expect(await page.locator('.app-plan-area').count()).toBe(6);
    await expectAccessible(page, 'plan');

    await page.getByRole('link', { name: 'Edit area 1' }).click();
    await expectAccessible(page, 'area form');
    await page.getByLabel('Domain or heading').fill('D1 Governance and Leadership');
    await page.getByRole('button', { name: 'Save area' }).click();

    await page.getByRole('link', { name: 'Add an action to area 1' }).click();
    await page.getByRole('button', { name: 'Save action' }).click();
    await page.getByText('There is a problem').waitFor();
    await expectAccessible(page, 'action form with errors');
    await page.getByLabel('Action', { exact: true }).fill('Quarterly case audits by every manager');
    await page.getByLabel('Owners').fill('Demo Head of Service, SG');
    await page.locator('#targetDate-day').fill('31');
    await page.locator('#targetDate-month').fill('3');
    await page.locator('#targetDate-year').fill('2024');
    await page.getByLabel('In progress').check();
    await page.getByLabel('Standards or key questions').fill('1.1');
    await page.getByRole('button', { name: 'Save action' }).click();
    await page.getByText('Action saved').waitFor();
    await expectAccessible(page, 'action page');

    await page.getByRole('button', { name: 'Add update' }).click();
    await page.getByText('There is a problem').waitFor();
    await expectAccessible(page, 'action page with errors');
    await page.getByLabel('Note').fill('First round of audits done');
    await page.getByLabel('Completed').check();
    await page.getByRole('button', { name: 'Add update' }).click();
    await page.getByText('Progress update added').waitFor();

    for (const [link, what] of [
      ['Dashboard', 'dashboard'],
      ['Progress report as of a date', 'report'],
      ['Agreement and sign-off', 'sign-off'],
      ['History', 'history'],
      ['Import areas and actions', 'import'],
    ] as const) {
      await page.goto(planUrl);
      await page.getByRole('link', { name: link }).click();
      await expectAccessible(page, what);
    }
    await page.goto(`${server.url}/plans/my-actions`);
    await expectAccessible(page, 'my actions');
    await page.getByRole('button', { name: 'Make a calendar address' }).click();
    await expectAccessible(page, 'my actions with the calendar address');
  }, 120_000);

  it('an export imports back through the mapping step', async () => {
    const page = await signedIn('head.of.service@demo.invalid');
    await page.goto(`${server.url}/plans`);
    await page.getByRole('link', { name: 'HMIP Post-Inspection Improvement Plan August 2023' }).click();
    const csv = await (await page.request.get(`${page.url()}/export.csv`)).body();
    await page.goto(planUrl);
    await page.getByRole('link', { name: 'Import areas and actions' }).click();
    await page.getByRole('button', { name: 'Upload and choose columns' }).click();
    await page.getByText('There is a problem').waitFor();
    await expectAccessible(page, 'import with errors');
    await page.getByLabel('File').setInputFiles({ name: 'ealing.csv', mimeType: 'text/csv', buffer: csv });
    await page.getByRole('button', { name: 'Upload and choose columns' }).click();
    await page.getByRole('heading', { name: 'Choose the columns' }).waitFor();
    await expectAccessible(page, 'import mapping');
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByText('There is a problem').waitFor();
    // Areas 1 to 6 exist already (from the recommendations): every clash is named, nothing imported.
    expect(await page.locator('#import-problems').innerText()).toContain('The plan already has an area 1');
    await expectAccessible(page, 'import mapping with problems');
  }, 60_000);

  it('the chair signs off once the lead inspector agrees, and the progress report comes out as HTML, PDF and XLSX', async () => {
    const page = await signedIn('board.chair@demo.invalid');
    await page.goto(`${planUrl}/sign-off`);
    // Not before the lead inspector has agreed it: the page says why, with no form.
    await page.getByText('The lead inspector has not agreed it yet').waitFor();
    expect(await page.getByRole('button', { name: 'Sign off the plan' }).count()).toBe(0);
    await expectAccessible(page, 'sign-off awaiting agreement');
    const lead = await signedIn('lead.inspector@demo.invalid');
    await lead.goto(`${planUrl}/sign-off`);
    await lead.getByRole('button', { name: 'Agree the plan' }).click();
    await lead.getByText('Agreement recorded').waitFor();
    await page.goto(`${planUrl}/sign-off`);
    await page.getByRole('button', { name: 'Sign off the plan' }).click();
    await page.getByText('Sign-off recorded').waitFor();
    await expectAccessible(page, 'sign-off done');
    await page.goto(`${planUrl}/report?asOf-day=31&asOf-month=2&asOf-year=2024`);
    await page.getByText('There is a problem').waitFor();
    await expectAccessible(page, 'report with a date that is not one');
    await page.locator('#asOf-day').fill('1');
    await page.locator('#asOf-month').fill('4');
    await page.locator('#asOf-year').fill('2024');
    await page.getByRole('button', { name: 'Show' }).click();
    expect(await page.locator('#report-summary').innerText()).toContain('Progress as at 1 April 2024');
    const pdf = await page.request.get(`${planUrl}/report.pdf?asOf=2024-04-01`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await page.request.get(`${planUrl}/report.xlsx?asOf=2024-04-01`);
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');
  }, 60_000);
});
