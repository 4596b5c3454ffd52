import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, serve, signInThroughPage } from '../../support/browser.js';
import { addUser, openTestWorld, type TestWorld } from '../../support/web.js';

/**
 * An inspector's whole job in real Chromium, through the pages only: sign in, create an inspection, add a
 * case, assess it, hit a validation error without losing what was typed, and watch the ratings change.
 */
let world: TestWorld;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  world = await openTestWorld();
  const admin = await addUser(world, 'admin@example.org', { isAdmin: true });
  const organisation = await world.services.organisations.create(admin, { name: 'Riverside YJS' });
  await addUser(world, 'inspector@example.org', { organisationId: organisation.id });
  server = await serve(world);
  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(10_000);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await world?.close();
});

/** The rating shown beside a standard in the ratings box, e.g. "2.1 Assessment". */
async function ratingOf(standard: string): Promise<string> {
  const row = page.locator('.app-ratings-box tr', { hasText: standard }).first();
  return (await row.locator('td').last().innerText()).trim();
}

/** Answers one key question on the standard's page (every key question of a standard is on one page). */
async function answerKeyQuestion(id: string, answer: 'Yes' | 'No', evidence: string) {
  const question = page.getByRole('group', { name: new RegExp(`^${id.replaceAll('.', '\\.')} `) });
  await question.getByRole('radio', { name: answer, exact: true }).check();
  await page.getByLabel(`Evidence for key question ${id} (optional)`).fill(evidence);
}

describe('an inspector in the browser', () => {
  it('creates an inspection, adds and assesses a case, and sees the rating change', async () => {
    await signInThroughPage(page, server.url, 'inspector@example.org');

    await page.getByRole('button', { name: 'Create an inspection' }).click();
    await page.getByLabel('Service inspected').selectOption({ label: 'Riverside YJS' });
    await page.getByLabel('Internal audit').check();
    await page.getByLabel(/2021/).check();
    await page.getByRole('button', { name: 'Create inspection' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).innerText())
      .toContain('Riverside YJS: Internal audit');
    const inspectionUrl = page.url();

    await page.goto(`${inspectionUrl}/ratings`);
    expect(await ratingOf('2.1 Assessment')).toMatch(/not yet rated/i);

    await page.goto(`${inspectionUrl}/cases/new`);
    await page.getByLabel('Case reference').fill('RS-0042');
    await page.getByRole('radio', { name: 'Court disposals', exact: true }).check();
    await page.getByRole('button', { name: /Add case|Save/ }).click();
    await page.getByRole('link', { name: 'RS-0042', exact: true }).click();

    await page.getByRole('link', { name: '2.1 Assessment', exact: true }).click();
    // Forget the key question's own answer: the error is shown and the typed evidence is kept.
    await page
      .getByLabel('Evidence for key question 2.1.1 (optional)')
      .fill('Assessment drew on the police and school records.');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByText('There is a problem').waitFor();
    expect(await page.getByLabel('Evidence for key question 2.1.1 (optional)').inputValue()).toBe(
      'Assessment drew on the police and school records.',
    );

    await answerKeyQuestion('2.1.1', 'Yes', 'Assessment drew on the police and school records.');
    await answerKeyQuestion('2.1.2', 'Yes', 'Safety risks analysed with children’s social care.');
    await answerKeyQuestion('2.1.3', 'No', 'No analysis of the risk to the victim.');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    // Saving a standard leads to the case's next standard.
    await page.getByRole('heading', { name: /2\.2 Planning/ }).waitFor();

    await page.goto(`${inspectionUrl}/ratings`);
    // 100%, 100% and 0% of one case: the lowest key question sets the standard's rating.
    expect(await ratingOf('2.1 Assessment')).toBe('Inadequate');
  });
});
