import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, launchChromium, serve, signInThroughPage } from '../../support/browser.js';
import { openReportWorld, type ReportWorld } from './world.js';

/** The report in real Chromium: axe on the report and its edit pages, and the PDF turned into page images. */
let r: ReportWorld;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let page: Page;
let reportPath: string;

beforeAll(async () => {
  r = await openReportWorld();
  server = await serve(r.world);
  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(15_000);
  await signInThroughPage(page, server.url, 'lead@example.org');
  reportPath = `/inspections/${r.inspectionId}/report`;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await r?.world.close();
});

async function expectAccessible(path: string) {
  const response = await page.goto(`${server.url}${path}`);
  expect(response?.status(), path).toBeLessThan(400);
  expect(await accessibilityViolations(page), path).toEqual([]);
}

describe('the report in Chromium', () => {
  it('has no axe violations on the report, its edit pages and their errors', async () => {
    await expectAccessible(reportPath);
    await expectAccessible(`${reportPath}/prose`);
    await expectAccessible(`${reportPath}/standards/2.2`);
    await expectAccessible(`${reportPath}/surveys`);
    await expectAccessible(`${reportPath}/recommendations`);
    await expectAccessible(`${reportPath}/publish`);
    await expectAccessible(`${reportPath}/versions`);
    await page.goto(`${server.url}${reportPath}/surveys`);
    await page.getByLabel('Children who replied').fill('many');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('There is a problem').waitFor();
    expect(await page.getByLabel('Children who replied').inputValue()).toBe('many');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.goto(`${server.url}${reportPath}/recommendations`);
    await page.getByRole('button', { name: 'Add recommendation' }).click();
    await page.getByText('There is a problem').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.goto(`${server.url}${reportPath}/recommendations`);
    await page.getByRole('link', { name: 'Change recommendation 1' }).click();
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('has no axe violations in the downloaded single-file HTML report either', async () => {
    const response = await page.request.get(`${server.url}${reportPath}.html`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-disposition']).toMatch(/^attachment; filename=".+-report-v1-draft\.html"$/);
    const file = await (await browser.newContext()).newPage();
    await file.setContent(await response.text());
    expect(await file.getByRole('heading', { level: 1 }).textContent()).toBe('Hackney');
    expect(await accessibilityViolations(file)).toEqual([]);
    await file.context().close();
  });

  it('publishes through the page, and the published version reads the same', async () => {
    await page.goto(`${server.url}${reportPath}/publish`);
    await page.getByRole('button', { name: 'Publish version 1' }).click();
    await page.getByText('Version 1 of the report is published').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await expectAccessible(`${reportPath}/versions/1`);
    // Ten pages through axe, the report among them at its full length.
  }, 90_000);

  it('downloads a PDF whose pages render, numbered, none blank', async () => {
    const response = await page.request.get(`${server.url}${reportPath}.pdf`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'yj-report-'));
    try {
      const pdf = join(dir, 'report.pdf');
      writeFileSync(pdf, await response.body());
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      expect(text).toMatch(/Score\s+25\/36/);
      expect(text).toMatch(/Page 2 of \d+/);
      execFileSync('pdftoppm', ['-r', '30', '-gray', pdf, join(dir, 'page')]);
      const pages = readdirSync(dir).filter((f) => f.startsWith('page-') && f.endsWith('.pgm'));
      expect(pages.length).toBeGreaterThanOrEqual(2);
      for (const file of pages) {
        // A PGM (P5) image: header, then one byte per pixel; a page with content has dark pixels.
        const image = readFileSync(join(dir, file));
        const pixels = image.subarray(image.length - statSync(join(dir, file)).size + headerLength(image));
        const dark = pixels.filter((p) => p < 128).length;
        expect(dark / pixels.length, file).toBeGreaterThan(0.001);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The length of a binary PGM's header: "P5", width, height and maxval, each followed by whitespace. */
function headerLength(image: Buffer): number {
  let fields = 0;
  let i = 0;
  while (fields < 4) {
    while (/\s/.test(String.fromCharCode(image[i]!))) i++;
    while (!/\s/.test(String.fromCharCode(image[i]!))) i++;
    fields++;
  }
  return i + 1;
}
