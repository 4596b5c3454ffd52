import type { Browser, Page } from 'playwright-core';
import type { Actor } from '../../../src/platform/audit.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, launchChromium, serve, signInThroughPage } from '../../support/browser.js';
import { addUser, openTestWorld, type TestWorld } from '../../support/web.js';

/** An inspector assesses a whole case in Chromium, with the page's script; an administrator redacts. */
let world: TestWorld;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let page: Page;
let inspectionId: string;
let first: string;
let second: string;
let carol: Actor;
const personal = 'John Smith (DOB 12/03/2008)';

const caseUrl = (caseId: string) => `${server.url}/inspections/${inspectionId}/cases/${caseId}`;

async function expectAccessible(what: string) {
  expect(await accessibilityViolations(page), what).toEqual([]);
}

/** Every key question that applies answered Yes: the inspector's own judgement, one click each. */
async function answerKeyQuestionsYes() {
  for (const group of await page.locator('[data-kind="keyQuestion"]').all())
    await group.locator('input[type="radio"][value="yes"]').check();
}

beforeAll(async () => {
  world = await openTestWorld();
  const admin = await addUser(world, 'admin@example.org', { isAdmin: true });
  const service = (await world.services.organisations.create(admin, { name: 'Service A YJS' })).id;
  const lead = await addUser(world, 'lead@example.org', { organisationId: service });
  carol = await addUser(world, 'carol@example.org');
  inspectionId = (
    await world.services.inspections.create(lead, {
      organisationId: service,
      framework: 'hmip-youth-2021',
      kind: 'internalAudit',
    })
  ).id;
  await world.services.inspections.addTeamMember(lead, inspectionId, carol.id, 'inspector');
  const add = async (ref: string) =>
    (
      await world.services.cases.add(lead, inspectionId, {
        ref,
        domain: 'court',
        disposal: 'referralOrder',
        rosh: 'medium',
        swb: 'high',
      })
    ).id;
  first = await add('C-001');
  second = await add('C-002');
  await world.services.cases.allocate(lead, inspectionId, [first, second], carol.id);
  server = await serve(world);
  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(15_000);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await world?.close();
});

describe('assessing a case in the browser', () => {
  it('through standard pages: a draft, bulk answers, personal data held back, and complete to the next case', async () => {
    await signInThroughPage(page, server.url, 'carol@example.org');
    await page.goto(caseUrl(first));
    await expectAccessible('case page');
    await page.getByRole('link', { name: '2.1 Assessment' }).click();
    await page.waitForURL(/\/standards\/2\.1$/);
    await expectAccessible('standard page');
    const card = page.locator('.app-case-card');
    await expect.poll(() => card.innerText()).toContain('Referral order');
    expect(await card.innerText()).toContain('carol');

    // A draft, saved as the inspector goes: the page can be left and come back to.
    await page.locator('#answers_2_1_1_1-2').check();
    await expect.poll(() => page.getByRole('status').innerText(), { timeout: 15_000 }).toContain('Draft saved');
    await page.reload();
    expect(await page.locator('#answers_2_1_1_1-2').isChecked()).toBe(true);

    // Bulk answers keep the exception chosen, without a page load.
    const before = page.url();
    await page.getByRole('button', { name: 'Answer the remaining prompts Yes', exact: true }).click();
    await expect.poll(() => page.getByRole('status').innerText(), { timeout: 15_000 }).toContain('Draft saved');
    expect(page.url()).toBe(before);
    expect(await page.locator('#answers_2_1_1_1-2').isChecked()).toBe(true);
    expect(await page.locator('#answers_2_1_2_1').isChecked()).toBe(true);
    await expect
      .poll(() => page.locator('#remaining').innerText(), { timeout: 15_000 })
      .toContain('3 questions left on this page');

    // Personal data is held back: nothing is saved until the inspector confirms it.
    await answerKeyQuestionsYes();
    await page.locator('#evidence_2_1_1').fill(`Met ${personal} at school`);
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect
      .poll(() => page.locator('.govuk-error-summary').innerText(), { timeout: 15_000 })
      .toContain('Evidence for 2.1.1 was not saved');
    await expectAccessible('standard page with personal data held back');
    let stored = await world.services.assessment.get(carol, inspectionId, first);
    // The judgement was saved as a draft when clicked; the note with the name was not, by the script or the form.
    expect(stored.answers['2.1.1']?.answer).toBe('yes');
    expect(stored.answers['2.1.1']?.evidence).toBe('');
    await page.getByLabel('I have checked: the evidence for key question 2.1.1 is not personal data').check();
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.waitForURL(/\/standards\/2\.2$/);

    for (const [standard, next] of [
      ['2.2', /\/standards\/2\.3$/],
      ['2.3', /\/standards\/2\.4$/],
      ['2.4', /\/check$/],
    ] as const) {
      expect(page.url()).toContain(`/standards/${standard}`);
      await page.getByRole('button', { name: 'Answer the remaining prompts Yes', exact: true }).click();
      await answerKeyQuestionsYes();
      await page.getByRole('button', { name: 'Save and continue' }).click();
      await page.waitForURL(next);
    }
    await expectAccessible('check your answers');
    await page.getByRole('button', { name: 'Mark as complete' }).click();
    await page.waitForURL(new RegExp(`/cases/${second}\\?completed=C-001`));
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Case C-001 is complete');
    await expectAccessible('the next case');
    stored = await world.services.assessment.get(carol, inspectionId, first);
    expect(stored.answers['2.1.1']?.evidence).toContain(personal);
  }, 120_000);

  it('an administrator redacts the personal text: it is then nowhere in the history', async () => {
    const admin = await (await browser.newContext()).newPage();
    page = admin;
    await signInThroughPage(page, server.url, 'admin@example.org');
    await page.goto(`${caseUrl(first)}/history`);
    expect(await page.locator('main').innerText()).toContain('John Smith');
    await page.goto(caseUrl(first));
    await page.getByRole('link', { name: 'Redact personal data' }).click();
    await expectAccessible('redaction page');
    await page.getByLabel('Evidence for 2.1.1', { exact: true }).check();
    await page.getByLabel('The text to redact').fill(personal);
    await page.getByLabel('Why is it redacted?').fill('A child named in the evidence');
    await page.getByRole('button', { name: 'Redact the text' }).click();
    await expect
      .poll(() => page.locator('main').innerText(), { timeout: 15_000 })
      .toContain('A child named in the evidence');
    await page.goto(`${caseUrl(first)}/history`);
    const history = await page.locator('main').innerText();
    expect(history).not.toContain('John Smith');
    expect(history).toContain('[redacted]');
    await page.goto(`${caseUrl(first)}/check`);
    expect(await page.locator('main').innerText()).not.toContain('John Smith');
  }, 60_000);
});
