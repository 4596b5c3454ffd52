import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../src/demo/demo.js';
import { accessibilityViolations, englishLeftOn, launchChromium, serve } from '../../support/browser.js';
import { openTestWorld, type TestWorld } from '../../support/web.js';

/**
 * The demo's main pages in Welsh, in real Chromium: each is `lang="cy"`, passes axe (WCAG 2.2 AA), and shows
 * no sentence that the catalogues (or a framework's own Welsh) hold in Welsh but the page printed in English.
 * The toggle takes the reader back to the same page in English.
 */
let world: TestWorld;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let page: Page;
let inspectionPath: string;
let casePath: string;

beforeAll(async () => {
  world = await openTestWorld();
  const signIn = (await seedDemo(world.database.db, world.services.users))!;
  server = await serve(world);
  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${server.url}/sign-in?lang=cy`);
  await page.locator('#email').fill(signIn.email);
  await page.locator('#password').fill(signIn.password);
  await page.locator('form[action="/sign-in"] button[type="submit"]').click();
  await page.waitForURL(/\/inspections$/);
  inspectionPath = (await page.getByRole('link', { name: /Demo: Hackney/ }).getAttribute('href'))!;
  await page.goto(`${server.url}${inspectionPath}/cases`);
  await page.getByRole('link', { name: 'DEMO-C01', exact: true }).click();
  casePath = new URL(page.url()).pathname;
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await world?.close();
});

/** Each piece of Welsh text the page shows (its text nodes, outside passages marked in another language), trimmed. */
async function expectWelsh(path: string) {
  const response = await page.goto(`${server.url}${path}`);
  expect(response?.status(), path).toBeLessThan(400);
  expect(await page.locator('html').getAttribute('lang'), path).toBe('cy');
  expect(await englishLeftOn(page), path).toEqual([]);
  expect(await accessibilityViolations(page), path).toEqual([]);
}

describe('the service in Welsh, in Chromium', () => {
  it('inspections, an inspection, its timeline and its cases', async () => {
    await expectWelsh('/inspections');
    await expectWelsh(inspectionPath);
    await expectWelsh(`${inspectionPath}/timeline`);
    await expectWelsh(`${inspectionPath}/cases`);
  });

  it('a case and its assessment pages', async () => {
    await expectWelsh(casePath);
    await expectWelsh(`${casePath}/standards/2.2/key-questions/2.2.2`);
    await expectWelsh(`${casePath}/standards/2.2/check`);
  });

  it('ratings, a standard’s workings, a judgement, the report', async () => {
    await expectWelsh(`${inspectionPath}/ratings`);
    await expectWelsh(`${inspectionPath}/ratings/2.2`);
    await expectWelsh(`${inspectionPath}/standards/1.1/judgement`);
    await expectWelsh(`${inspectionPath}/report`);
  });

  it('improvement plans, moderation, the account', async () => {
    await expectWelsh('/plans');
    await expectWelsh('/moderation');
    await expectWelsh('/account');
  });

  it('a form’s errors in Welsh', async () => {
    await page.goto(`${server.url}/inspections/new`);
    await page.locator('form[method="post"] button[type="submit"]').last().click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('.govuk-error-summary__title').textContent()).toContain('Mae problem wedi codi');
    expect(await englishLeftOn(page)).toEqual([]);
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('the toggle takes the reader to the same page in English, and back', async () => {
    await page.goto(`${server.url}${inspectionPath}/cases`);
    await page.locator('a[hreflang="en"]').click();
    await page.waitForURL(/lang=en/);
    expect(new URL(page.url()).pathname).toBe(`${inspectionPath}/cases`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.locator('a[hreflang="cy"]').click();
    await page.waitForURL(/lang=cy/);
    expect(await page.locator('html').getAttribute('lang')).toBe('cy');
  });
});
