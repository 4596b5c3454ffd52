import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../src/demo/demo.js';
import { accessibilityViolations, launchChromium, serve, signInThroughPage } from '../../support/browser.js';
import { atStage } from '../../support/stages.js';
import { addUser, openTestWorld, type TestWorld } from '../../support/web.js';

/**
 * The pages this change touched, in Chromium with axe (WCAG 2.2 AA), as the demo's inspector and board chair
 * use them (the supertest tests show the same pages work without JavaScript): the cases list found by filters and pages, the warning before someone else's case, the overview and
 * the ratings without what the role may not use.
 */
let world: TestWorld;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let password: string;

beforeAll(async () => {
  world = await openTestWorld();
  password = (await seedDemo(world.database.db, world.services.users))!.password;
  // Twenty more cases than the demo's 39, for a second page.
  const admin = await addUser(world, 'admin@pages.test', { isAdmin: true });
  const [demo] = await world.services.inspections.list(admin);
  const extra = Array.from({ length: 20 }, (_, i) => `EXTRA-${String(i + 1).padStart(2, '0')},court`);
  await world.services.cases.importCsv(admin, demo!.id, ['ref,domain', ...extra].join('\n'));
  server = await serve(world);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await world?.close();
});

async function signedIn(email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(15_000);
  await signInThroughPage(page, server.url, email, password);
  return page;
}

async function expectAccessible(page: Page, what: string) {
  expect(await accessibilityViolations(page), `${what} (${page.url()})`).toEqual([]);
}

describe("an inspector's pages", () => {
  it('finds their cases with the filters and pages, and is warned before another inspector’s case', async () => {
    const page = await signedIn('inspector@demo.invalid');
    await page
      .getByRole('link', { name: /Hackney/ })
      .first()
      .click();
    await expectAccessible(page, 'overview as an inspector');
    expect(await page.getByRole('link', { name: 'Sample' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Cases', exact: true }).click();
    await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
    await expectAccessible(page, 'cases list');
    expect(await page.getByRole('button', { name: 'Add a case' }).count()).toBe(0);
    await page.getByRole('link', { name: /^Next/ }).click();
    await page.waitForURL(/page=2/);
    await expectAccessible(page, 'cases list, page 2');

    await page.getByRole('group', { name: 'Inspector' }).getByLabel('My cases').check();
    await page.getByRole('group', { name: 'Kind of case' }).getByLabel('Out-of-court disposals').check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('heading', { name: 'Selected filters' }).waitFor();
    await expectAccessible(page, 'cases list, filtered');
    const refs = await page.locator('tbody .govuk-table__row').count();
    expect(refs).toBeGreaterThan(0);
    for (const cell of await page.locator('tbody .govuk-table__row td:nth-child(4)').allInnerTexts())
      expect(cell).toContain('(you)');

    await page.getByRole('link', { name: 'Clear filters' }).first().click();
    // A case of the lead inspector's: the warning page first.
    const leadsCase = page
      .locator('tbody .govuk-table__row', { hasNotText: '(you)' })
      .first()
      .getByRole('link')
      .first();
    await leadsCase.click();
    await page
      .getByRole('link', { name: /Assessment/ })
      .first()
      .click();
    await page.getByRole('heading', { name: /This case is allocated to/ }).waitFor();
    await expectAccessible(page, 'warning before another inspector’s case');
    await page.getByRole('button', { name: 'Assess this case anyway' }).click();
    await page.getByRole('button', { name: 'Save and continue' }).waitFor();
  }, 120_000);
});

describe("a board chair's pages", () => {
  it('shows no ratings during fieldwork, then, once published, the ratings with no drill-down or decision links', async () => {
    const page = await signedIn('board.chair@demo.invalid');
    await page.getByRole('table').getByRole('link').first().click();
    await expectAccessible(page, 'overview as the board chair');
    // The demo is at fieldwork: the board sees the ratings only when the report is published.
    expect(await page.getByRole('link', { name: 'Ratings', exact: true }).count()).toBe(0);
    await atStage(world, /\/inspections\/([0-9a-f-]{36})/.exec(page.url())![1]!, 'published');
    await page.reload();
    await page.getByRole('link', { name: 'Ratings', exact: true }).click();
    await expectAccessible(page, 'ratings as the board chair');
    expect(await page.getByRole('link', { name: /Record a decision/ }).count()).toBe(0);
    expect(await page.locator('a[href*="/key-questions/"]').count()).toBe(0);
    expect(await page.locator('a[href*="/judgement"]').count()).toBe(0);
  }, 60_000);
});
