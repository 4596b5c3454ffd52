import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/platform/audit.js';
import {
  accessibilityViolations,
  expectAccessible as expectAccessibleAt,
  launchChromium,
  serve,
  signInThroughPage,
} from '../../support/browser.js';
import { addUser, openTestWorld, type TestWorld } from '../../support/web.js';

/**
 * axe (WCAG 2.2 AA) in Chromium on the QA lead's trend pages with figures, predictions and the national
 * context, the board's report with the plan's actions, and the national pages, the import form with its error.
 */
let world: TestWorld;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let page: Page;
let organisationId: string;

beforeAll(async () => {
  world = await openTestWorld();
  const admin = await addUser(world, 'admin@axe.test', { isAdmin: true });
  organisationId = (await world.services.organisations.create(admin, { name: 'Newcastle YJS' })).id;
  const lead: Actor = await addUser(world, 'lead@axe.test', { organisationId, role: 'qaLead' });
  const auditor = await addUser(world, 'auditor@axe.test', { organisationId, role: 'auditor' });
  const programme = await world.services.qaProgrammes.create(lead, organisationId, {
    title: 'Assessment audit',
    framework: 'hmip-youth-2021',
    frequency: 'quarterly',
    standards: ['2.1'],
    selection: 'byHand',
    auditors: [auditor.id],
  } as never);
  for (const [periodStart, yes] of [
    ['2026-01-01', 2],
    ['2026-04-01', 6],
  ] as const) {
    const { cases, round } = await world.services.qaProgrammes.startRound(lead, programme.id, {
      periodStart,
      population: ['ref,domain', ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `AX-${n},court`)].join('\n'),
      refs: 'AX-1 AX-2 AX-3 AX-4 AX-5 AX-6 AX-7 AX-8',
    });
    for (const [i, c] of cases.entries()) {
      const answer = i < yes ? 'yes' : 'no';
      await world.services.assessment.save(auditor, round.inspectionId, c.id, {
        answers: { '2.1.1': answer, '2.1.2': answer, '2.1.3': answer },
        evidence: {},
      });
    }
  }
  await world.services.national.importFile(
    admin,
    (await import('../../../src/features/national/index.js')).shippedNationalFile().text,
    'shipped',
  );
  server = await serve(world);
  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(10_000);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await world?.close();
});

const expectAccessible = (path: string) => expectAccessibleAt(page, server.url, path);

describe('QA and national pages (axe, WCAG 2.2 AA) in Chromium', () => {
  it("the QA lead's trend pages and the board's report", async () => {
    await signInThroughPage(page, server.url, 'lead@axe.test');
    await expectAccessible(`/services/${organisationId}/qa/trends`);
    expect(await page.getByText('National context').count()).toBeGreaterThan(0);
    await expectAccessible(`/services/${organisationId}/qa/trends?standard=2.1`);
    await expectAccessible(`/services/${organisationId}/qa/board-report?quarter=2026-Q2`);
    await expectAccessible('/national?score=20');
  });

  it('the national import form, and with its error', async () => {
    await page.context().clearCookies();
    await signInThroughPage(page, server.url, 'admin@axe.test');
    await expectAccessible('/national/import');
    await page.getByLabel('Or paste the CSV').fill('la_name,la_ref\nA,a');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    expect(await page.getByText('There is a problem').count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
