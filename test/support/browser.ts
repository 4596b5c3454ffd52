import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import type { TestWorld } from './web.js';
import { t, withLanguage } from '../../src/platform/i18n/index.js';
import { loadConfig } from '../../src/platform/config.js';
import { launchChromium as launchChromiumAt } from '../../src/platform/pdf.js';

/** The Chromium of the environment's config (CHROMIUM_PATH, else Debian's). */
export const chromiumPath = loadConfig().chromiumPath;

/** A browser for the tests: the one launcher, shared with the PDF renderer, at config's Chromium. */
export const launchChromium = () => launchChromiumAt(chromiumPath);

/** Serves the test world's app on a free loopback port. */
export async function serve(world: TestWorld): Promise<{ url: string; close(): Promise<void> }> {
  const server = world.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Signs in through the form, as a person would, and waits for the inspections page. The button's name is
 * exact: the page may also have a single sign-on button.
 */
export async function signInThroughPage(
  page: Page,
  url: string,
  email: string,
  password = 'correct horse battery staple',
) {
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(/\/inspections/);
}

/** WCAG 2.2 AA violations on the page, as "rule: target" lines (empty when none). */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} (${v.help})`));
}

/** Opens the path and expects it to load and to have no WCAG 2.2 AA violation. */
export async function expectAccessible(page: Page, baseUrl: string, path: string) {
  const response = await page.goto(`${baseUrl}${path}`);
  expect(response?.status(), path).toBeLessThan(400);
  expect(await accessibilityViolations(page), path).toEqual([]);
}

// Run in the page (the tests' own TypeScript has no DOM types): its text nodes, trimmed. Recorded values
// (<code>) are data; a passage marked in another language (the toggle's English link) is meant to be so.
const collectWelshTexts = `(() => {
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style, template, code')) continue;
    if (parent.closest('[lang]')?.getAttribute('lang') !== 'cy') continue;
    const text = node.textContent.replace(/\\s+/g, ' ').trim();
    if (text) texts.push(text);
  }
  return texts;
})()`;

/** The texts a Welsh page printed in English although a Welsh one is held for them (catalogue or framework). */
export async function englishLeftOn(page: Page): Promise<string[]> {
  const texts = await page.evaluate<string[]>(collectWelshTexts);
  return withLanguage('cy', () => texts.filter((text) => t(text) !== text));
}
