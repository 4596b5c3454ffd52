import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, launchChromium, serve, signInThroughPage } from '../../support/browser.js';
import { cmsFile, cmsHeader, cmsRows } from '../../support/population.js';
import { addUser, openTestWorld, type TestWorld } from '../../support/web.js';

/** axe (WCAG 2.2 AA) in Chromium on every planning page, and on each form with its errors showing. */
let world: TestWorld;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let page: Page;
let base: string;

beforeAll(async () => {
  world = await openTestWorld();
  const admin = await addUser(world, 'admin@example.org', { isAdmin: true });
  const service = (await world.services.organisations.create(admin, { name: 'Service A YJS' })).id;
  const lead = await addUser(world, 'lead@example.org', { organisationId: service });
  const inspector = await addUser(world, 'ines@example.org', { organisationId: service });
  const inspection = await world.services.inspections.create(lead, {
    organisationId: service,
    framework: 'hmip-youth-2021',
    kind: 'mockInspection',
  });
  await world.services.inspections.addTeamMember(lead, inspection.id, inspector.id, 'inspector');
  await world.services.timeline.saveTimeline(lead, inspection.id, {
    fieldworkStart: '2022-08-08',
    caseWindowFrom: '2021-08-09',
    caseWindowTo: '2022-06-03',
  });
  base = `/inspections/${inspection.id}`;
  server = await serve(world);
  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(10_000);
  await signInThroughPage(page, server.url, 'lead@example.org');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await world?.close();
});

async function expectAccessible(path?: string) {
  if (path) {
    const response = await page.goto(`${server.url}${path}`);
    expect(response?.status(), path).toBeLessThan(400);
  }
  expect(await accessibilityViolations(page), path ?? page.url()).toEqual([]);
}

describe('planning pages: accessibility (axe, WCAG 2.2 AA) in Chromium', () => {
  it('population: the upload form and its errors, the mapping step and its problems, the imported summary', async () => {
    await expectAccessible(`${base}/population`);
    await page.getByRole('button', { name: 'Continue to the columns' }).click();
    await page.getByText('There is a problem').waitFor();
    await expectAccessible();

    await page.getByLabel(/paste/i).fill([cmsHeader, ...cmsRows(2, 1, 0)].join('\n').replace(',Male,', ',Boy,'));
    await page.getByRole('button', { name: 'Continue to the columns' }).click();
    await page.getByRole('heading', { name: 'Choose the columns' }).waitFor();
    await expectAccessible();
    // "Child ID" is proposed from its name; a required column left out is an error on the form.
    await page.getByLabel('Case reference').selectOption('');
    await page.getByRole('button', { name: 'Check and import' }).click();
    await page.getByText('There is a problem').waitFor();
    await expectAccessible();
    await page.getByLabel('Case reference').selectOption('Child ID');
    await page.getByRole('button', { name: 'Check and import' }).click();
    await page.getByText('Problems in the file').waitFor();
    await expectAccessible();

    await page.goto(`${server.url}${base}/population`);
    await page.getByLabel('Upload a CSV file').setInputFiles({
      name: 'eligible.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(cmsFile(cmsRows(40, 30, 3))),
    });
    await page.getByRole('button', { name: 'Continue to the columns' }).click();
    // Nothing is remembered from a refused import: the column is proposed from its name again.
    expect(await page.getByLabel('Case reference').inputValue()).toBe('Child ID');
    await page.getByRole('button', { name: 'Check and import' }).click();
    await page.getByText('73 eligible cases imported').waitFor();
    await expectAccessible();
  });

  it('sample size, with a chosen size and with errors', async () => {
    await expectAccessible(`${base}/sample-size?size=30`);
    expect(await page.locator('#formula').innerText()).toContain('n0 = z²');
    await page.getByLabel('Confidence level').fill('eighty');
    await page.getByRole('button', { name: 'Work out the sample size' }).click();
    await page.getByText('There is a problem').waitFor();
    await expectAccessible();
  });

  it('sample: the draw form and its errors, the drawn sample, then the replacement form once used', async () => {
    await expectAccessible(`${base}/sample`);
    await page.getByLabel('Seed (optional)').fill('-1');
    await page.getByRole('button', { name: 'Draw the sample' }).click();
    await page.getByText('There is a problem').waitFor();
    await expectAccessible();
    await page.getByLabel('Seed (optional)').fill('42');
    await page.getByRole('button', { name: 'Draw the sample' }).click();
    await page.getByText('Sample drawn', { exact: true }).waitFor();
    await expectAccessible();
    await page.getByRole('button', { name: 'Use this sample' }).click();
    await page.waitForURL(/\/cases/);
    await page.goto(`${server.url}${base}/sample`);
    await page.getByRole('button', { name: 'Replace with the next reserve case' }).click();
    await page.getByText('There is a problem').waitFor();
    await expectAccessible();
  });

  it('allocation and the interview form with its errors', async () => {
    await expectAccessible(`${base}/allocation`);
    await page.getByRole('button', { name: 'Balance allocation' }).click();
    await page.getByText(/cases allocated/).waitFor();
    await expectAccessible();
    await page
      .getByRole('link', { name: /Change interview for case/ })
      .first()
      .click();
    await expectAccessible();
    await page.getByLabel('Day').fill('31');
    await page.getByLabel('Month').fill('2');
    await page.getByLabel('Year').fill('2022');
    await page.getByRole('button', { name: 'Save interview' }).click();
    await page.getByText('There is a problem').waitFor();
    await expectAccessible();
  });

  it('the overview links to the planning tasks', async () => {
    await expectAccessible(base);
    for (const name of ['Eligible population', 'Sample', 'Allocation and interviews'])
      expect(await page.getByRole('link', { name, exact: true }).count(), name).toBe(1);
  });
});
