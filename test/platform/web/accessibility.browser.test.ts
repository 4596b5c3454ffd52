import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../src/demo/demo.js';
import { accessibilityViolations, launchChromium, serve, signInThroughPage } from '../../support/browser.js';
import { openTestWorld, type TestWorld } from '../../support/web.js';

/**
 * axe (WCAG 2.2 AA) in real Chromium on every page type, signed in as the demo lead inspector, with the
 * demo inspection's data, and on each form with its errors showing.
 */
let world: TestWorld;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let inspectionPath: string;

beforeAll(async () => {
  world = await openTestWorld();
  const signIn = (await seedDemo(world.database.db, world.services.users))!;
  server = await serve(world);
  browser = await launchChromium();
  context = await browser.newContext();
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await signInThroughPage(page, server.url, signIn.email, signIn.password);
  inspectionPath = (await page.getByRole('link', { name: /Demo: Hackney/ }).getAttribute('href'))!;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await world?.close();
});

async function expectAccessible(path: string) {
  const response = await page.goto(`${server.url}${path}`);
  expect(response?.status(), path).toBeLessThan(400);
  expect(await accessibilityViolations(page), path).toEqual([]);
}

describe('accessibility (axe, WCAG 2.2 AA) in Chromium', () => {
  it('sign-in page, and with its errors', async () => {
    const anonymousContext = await browser.newContext();
    const anonymous = await anonymousContext.newPage();
    await anonymous.goto(`${server.url}/sign-in`);
    expect(await accessibilityViolations(anonymous)).toEqual([]);
    await anonymous.getByRole('button', { name: 'Sign in' }).click();
    await anonymous.getByText('There is a problem').waitFor();
    expect(await accessibilityViolations(anonymous)).toEqual([]);
    await anonymousContext.close();
  });

  it('inspections list, new inspection form and its errors, inspection overview', async () => {
    await expectAccessible('/inspections');
    await expectAccessible('/inspections/new');
    await page.getByRole('button', { name: 'Create inspection' }).click();
    await page.getByText('There is a problem').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await expectAccessible(inspectionPath);
    await expectAccessible(`${inspectionPath}/timeline`);
  });

  it('cases: list, case form and its errors, CSV import and its errors', async () => {
    await expectAccessible(`${inspectionPath}/cases`);
    await expectAccessible(`${inspectionPath}/cases/new`);
    await page.getByRole('button', { name: 'Add case' }).click();
    await page.getByText('There is a problem').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await expectAccessible(`${inspectionPath}/cases/import`);
    await page.getByLabel(/paste/i).fill('ref,domain\nX1,nowhere\n');
    await page.getByRole('button', { name: 'Check and import cases' }).click();
    await page.getByText('There is a problem').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('a standard page with its errors', async () => {
    await page.goto(`${server.url}${inspectionPath}/cases/new`);
    await page.getByLabel('Case reference').fill('A11Y-1');
    await page.getByRole('radio', { name: 'Court disposals', exact: true }).check();
    await page.getByRole('button', { name: 'Add case' }).click();
    await page.getByRole('link', { name: 'A11Y-1', exact: true }).click();
    await page.getByRole('link', { name: '2.1 Assessment', exact: true }).click();
    // Evidence without its key question's answer is the error a draft cannot hold.
    await page.getByLabel('Evidence for key question 2.1.1 (optional)').fill('Evidence, but no answer yet');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByText('There is a problem').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('case assessment: case, key question, check answers', async () => {
    await page.goto(`${server.url}${inspectionPath}/cases`);
    await page.getByRole('link', { name: 'DEMO-C01', exact: true }).click();
    const casePath = new URL(page.url()).pathname;
    await expectAccessible(casePath);
    await expectAccessible(`${casePath}/standards/2.2/key-questions/2.2.2`);
    await expectAccessible(`${casePath}/standards/2.2/check`);
  });

  it('ratings: the box, a standard, the cases behind a key question, the panel, a judged standard', async () => {
    await expectAccessible(`${inspectionPath}/ratings`);
    await expectAccessible(`${inspectionPath}/ratings/2.2`);
    await expectAccessible(`${inspectionPath}/ratings/2.2/key-questions/2.2.2`);
    // 3.3: out-of-court, untouched by the court case added above, eligible, with a decision in force.
    await expectAccessible(`${inspectionPath}/ratings/3.3/discretion`);
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.getByText('There is a problem').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await expectAccessible(`${inspectionPath}/standards/1.1/judgement`);
  });

  it('the page not found', async () => {
    await page.goto(`${server.url}/inspections/00000000-0000-0000-0000-000000000000`);
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
