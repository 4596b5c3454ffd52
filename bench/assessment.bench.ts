/**
 * Assessing a case as an inspector would, in Chromium: one court case and one out-of-court case of the demo,
 * every answer Yes, through the standard pages (with the page's script), beside the old flow (one page per key
 * question) measured in the same run, on each database. Counted from the case's page, which the previous
 * case's "Mark as complete" lands on, to the page after the case is done. Goal: a court case in at most 6
 * page loads and 30 clicks (the old flow: 83 clicks, 21 page loads).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { loadConfig } from '../src/platform/config.js';
import { answers, cases, inspections } from '../src/platform/db/core-tables.js';
import { openServices } from '../src/platform/server.js';
import { createApp } from '../src/platform/web/app.js';
import { seedDemo } from '../src/demo/demo.js';
import { launchChromium, signInThroughPage } from '../test/support/browser.js';
import { scratchDatabase } from '../test/support/database.js';

interface Tally {
  loads: number;
  clicks: number;
  keys: number;
  pageTimes: number[];
}

/** Clicks, key presses and page loads as a person makes them, with the time each page took. */
function counted(page: Page) {
  const tally: Tally = { loads: 0, clicks: 0, keys: 0, pageTimes: [] };
  return {
    tally,
    async click(target: Locator) {
      tally.clicks++;
      await target.click();
    },
    /** A click that loads a page: counted as both, timed to the new page's load. */
    async load(target: Locator | string) {
      const started = performance.now();
      if (typeof target === 'string') {
        tally.clicks++; // following the link the case's page offered
        await page.goto(target);
      } else {
        tally.clicks++;
        await Promise.all([page.waitForEvent('load'), target.click()]);
      }
      tally.loads++;
      tally.pageTimes.push(performance.now() - started);
    },
  };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

const yesRadios = (scope: Page | Locator) => scope.locator('form input[type="radio"][value="yes"]');

/** The new flow: one page per standard, the prompts answered Yes in bulk, the judgements one click each. */
async function assessByStandard(page: Page, base: string, caseId: string) {
  const c = counted(page);
  await page.goto(`${base}/cases/${caseId}`);
  await c.load(page.locator('.govuk-task-list__link').first());
  while (page.url().includes('/standards/')) {
    await c.click(page.getByRole('button', { name: 'Answer the remaining prompts Yes', exact: true }));
    for (const judgement of await page.locator('[data-kind="keyQuestion"] input[value="yes"]').all())
      await c.click(judgement);
    await c.load(page.getByRole('button', { name: 'Save and continue' }));
  }
  if (!page.url().endsWith('/check')) throw new Error(`expected check your answers, at ${page.url()}`);
  await c.load(page.getByRole('button', { name: 'Mark as complete' }));
  if (!page.url().includes('completed=')) throw new Error(`the case was not completed: ${page.url()}`);
  return c.tally;
}

/** The old flow: a page per key question, each prompt and judgement clicked, back to the case per standard. */
async function assessByKeyQuestion(
  page: Page,
  base: string,
  caseId: string,
  standardIds: string[],
  first: Map<string, string>,
) {
  const c = counted(page);
  await page.goto(`${base}/cases/${caseId}`);
  for (const standardId of standardIds) {
    await c.load(`${base}/cases/${caseId}/standards/${standardId}/key-questions/${first.get(standardId)}`);
    while (page.url().includes('/key-questions/')) {
      for (const radio of await yesRadios(page).all()) await c.click(radio);
      await c.load(page.getByRole('button', { name: 'Save and continue' }));
    }
    await c.load(page.getByRole('button', { name: 'Back to case' }));
  }
  return c.tally;
}

async function measure(label: string, env: NodeJS.ProcessEnv) {
  const dataDir = mkdtempSync(join(tmpdir(), 'yj-assess-bench-'));
  const { services, close } = await openServices(loadConfig(env, { dataDir }));
  const browser = await launchChromium();
  const server = createApp(services, { config: { production: false }, secret: 'bench' }).listen(0, '127.0.0.1');
  try {
    const { db } = services.database;
    const signIn = await seedDemo(db, services.users);
    if (!signIn) throw new Error('the demo was already loaded');
    const [demo] = await db.select().from(inspections).where(eq(inspections.isDemo, true));
    // The demo's cases are assessed already: four of the demo inspector's own start again, in fieldwork.
    await db.update(inspections).set({ status: 'fieldwork' }).where(eq(inspections.id, demo!.id));
    const refs = ['DEMO-C02', 'DEMO-C04', 'DEMO-O02', 'DEMO-O04'];
    const rows = await db
      .select({ id: cases.id, ref: cases.ref })
      .from(cases)
      .where(and(eq(cases.inspectionId, demo!.id), inArray(cases.ref, refs)));
    const id = (ref: string) => rows.find((r) => r.ref === ref)!.id;
    await db.delete(answers).where(
      inArray(
        answers.caseId,
        rows.map((r) => r.id),
      ),
    );
    const framework = (
      await services.ratings.rate({ id: demo!.createdBy!, email: '', displayName: '', isAdmin: false }, demo!.id)
    ).framework;
    const standardsOf = (domain: string) =>
      framework.standards.filter((s) => s.assessment === 'caseBased' && s.caseDomain === domain).map((s) => s.id);
    const first = new Map(framework.standards.map((s) => [s.id, s.keyQuestions[0]?.id ?? '']));

    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(30_000);
    await signInThroughPage(page, url, 'inspector@demo.invalid', signIn.password);
    const base = `${url}/inspections/${demo!.id}`;
    const results = [
      ['Court case, standard pages', await assessByStandard(page, base, id('DEMO-C02'))],
      [
        'Court case, old flow (a page per key question)',
        await assessByKeyQuestion(page, base, id('DEMO-C04'), standardsOf('court'), first),
      ],
      ['Out-of-court case, standard pages', await assessByStandard(page, base, id('DEMO-O02'))],
      [
        'Out-of-court case, old flow',
        await assessByKeyQuestion(page, base, id('DEMO-O04'), standardsOf('outOfCourt'), first),
      ],
    ] as const;
    console.log(`\n${label}`);
    console.log('flow'.padEnd(50), 'loads', 'clicks', ' keys', '  p50 ms', '  p95 ms');
    for (const [name, t] of results)
      console.log(
        name.padEnd(50),
        String(t.loads).padStart(5),
        String(t.clicks).padStart(6),
        String(t.keys).padStart(5),
        percentile(t.pageTimes, 50).toFixed(0).padStart(8),
        percentile(t.pageTimes, 95).toFixed(0).padStart(8),
      );
    const court = results[0][1];
    console.log(
      `Goal (court case, every answer Yes): at most 6 page loads and 30 clicks: ${court.loads} loads, ${court.clicks} clicks: ${court.loads <= 6 && court.clicks <= 30 ? 'met' : 'NOT met'}`,
    );
  } finally {
    await browser.close();
    server.close();
    server.closeAllConnections();
    await close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const embedded = { ...process.env };
delete embedded.DATABASE_URL;
await measure('Embedded database (PGlite)', embedded);
const serverUrl = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
try {
  const scratch = await scratchDatabase(serverUrl, 'yj_bench');
  try {
    await measure('PostgreSQL server', { ...process.env, DATABASE_URL: scratch.url });
  } finally {
    await scratch.drop();
  }
} catch (error) {
  console.log(
    `\nPostgreSQL server: not measured (${(error as Error).message}). Set DATABASE_URL to a server to measure it.`,
  );
}
process.exit(0);
