import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, launchChromium, serve, signInThroughPage } from '../../support/browser.js';
import { browserFor, emailOf, openSecurityWorld, type SecurityWorld } from '../../policy/world.js';

/** axe (WCAG 2.2 AA) on the audit trail's pages: a case's history, a standard's, the administrators' search. */
let world: SecurityWorld;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  world = await openSecurityWorld();
  // Something to show: an edit with before and after.
  const lead = await browserFor(world, 'leadInspector');
  await lead.agent
    .post(`/inspections/${world.ids.inspectionId}/standards/1.3/judgement`)
    .type('form')
    .send({ rating: 'Good', strengths: 'Strong partnerships', areasForImprovement: '', _csrf: lead.csrf });
  server = await serve(world);
  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(10_000);
  await signInThroughPage(page, server.url, emailOf('administrator'));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await world?.close();
});

async function expectAccessible(path: string, status = 200) {
  const response = await page.goto(`${server.url}${path}`);
  expect(response?.status(), path).toBe(status);
  expect(await accessibilityViolations(page), path).toEqual([]);
}

describe('the audit trail pages (axe, WCAG 2.2 AA) in Chromium', () => {
  it("a case's history and a standard's history", async () => {
    await expectAccessible(`/inspections/${world.ids.inspectionId}/cases/${world.ids.caseId}/history`);
    await expectAccessible(`/inspections/${world.ids.inspectionId}/standards/1.3/history`);
  });

  it('the whole trail, filtered, and with its errors', async () => {
    await expectAccessible('/audit');
    await expectAccessible(`/audit?action=judgement.save&inspection=${world.ids.inspectionId}`);
    await expectAccessible('/audit?from=2026-03-31&to=2026-03-01', 400);
    expect(await page.getByRole('link', { name: 'To must be the same as or after From' }).count()).toBe(1);
  });
});
