import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../../../src/features/accounts/tables.js';
import type { Actor } from '../../../src/platform/audit.js';
import { seedDemo } from '../../../src/demo/demo.js';
import { createApp } from '../../../src/platform/web/app.js';
import {
  accessibilityViolations,
  englishLeftOn,
  launchChromium,
  serve,
  signInThroughPage,
} from '../../support/browser.js';
import { addUser, openTestWorld, type TestWorld } from '../../support/web.js';

/**
 * Accounts in real Chromium: the timeout warning (opens, "stay signed in" keeps the session), a half-filled
 * form that outlives its session, and axe (WCAG 2.2 AA) on the account, token, user administration and
 * retention pages.
 */
let world: TestWorld;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let admin: Actor;
let inspector: Actor;
let inspectionId: string;

beforeAll(async () => {
  world = await openTestWorld();
  admin = await addUser(world, 'admin@example.org', { isAdmin: true });
  await seedDemo(world.database.db, world.services.users);
  inspectionId = (await world.services.inspections.list(admin)).find((i) => i.title.includes('Hackney'))!.id;
  const { organisationId } = await world.services.inspections.get(admin, inspectionId);
  inspector = await addUser(world, 'ines@example.org', { organisationId, role: 'headOfService' });
  await world.services.inspections.addTeamMember(admin, inspectionId, inspector.id, 'inspector');
  // The sign-in page with a single sign-on button: the button needs only the configuration, not the provider.
  world.app = createApp(world.services, {
    config: {
      production: false,
      oidc: {
        issuer: 'http://127.0.0.1:9',
        clientId: 'yj-inspect',
        redirectUri: 'http://127.0.0.1:9/sign-in/oidc/callback',
        name: 'Council account',
        allowedDomains: [],
        defaultRole: 'auditor',
      },
    },
    secret: 'test-secret',
  });
  server = await serve(world);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await world?.close();
});

const idleFor = (userId: string, minutes: number) =>
  world.database.db
    .update(sessions)
    .set({ lastSeenAt: new Date(Date.now() - minutes * 60_000) })
    .where(eq(sessions.userId, userId));

async function expectAccessible(page: Page, path: string) {
  const response = await page.goto(`${server.url}${path}`);
  expect(response?.status(), path).toBeLessThan(400);
  expect(await accessibilityViolations(page), path).toEqual([]);
}

describe('accounts in Chromium', () => {
  it('warns before the session times out, "stay signed in" keeps it, and says when it has ended', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await signInThroughPage(page, server.url, 'ines@example.org');
    // The page's clock, not the server's: 26 minutes pass with the page open and nothing sent.
    await page.clock.install();
    await page.goto(`${server.url}/inspections`);
    const dialog = page.getByRole('dialog', { name: 'You will be signed out soon' });
    await expect(dialog.isVisible()).resolves.toBe(false);
    await page.clock.fastForward('26:00');
    await dialog.waitFor();
    await expect(dialog.getByText(/You will be signed out in 4 minutes/).isVisible()).resolves.toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);

    await idleFor(inspector.id, 26);
    await dialog.getByRole('button', { name: 'Stay signed in' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const [row] = await world.database.db.select().from(sessions).where(eq(sessions.userId, inspector.id));
    expect(Date.now() - row!.lastSeenAt.getTime()).toBeLessThan(60_000);

    await page.clock.fastForward('31:00');
    await page.getByRole('heading', { name: 'You have been signed out' }).waitFor();
    await expect(page.getByText('What you typed on this page has been kept.').isVisible()).resolves.toBe(true);
    await context.close();
  });

  it('keeps what was typed in a form when the session ended before it was sent', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await signInThroughPage(page, server.url, 'ines@example.org');
    const judgement = `/inspections/${inspectionId}/standards/1.2/judgement`;
    await page.goto(`${server.url}${judgement}`);
    await page.getByLabel('Strengths').fill('Half an hour of careful writing about staff supervision.');
    await idleFor(inspector.id, 40);
    await page.getByRole('button', { name: 'Save judgement' }).click();
    await page.getByText('What you typed has been kept. Sign in to send it.').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Email address').fill('ines@example.org');
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Send what you typed' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Send what you typed' }).click();
    await page.waitForURL((url) => url.pathname === judgement);
    await expect(page.getByLabel('Strengths').inputValue()).resolves.toBe(
      'Half an hour of careful writing about staff supervision.',
    );
    await context.close();
  });

  it('passes axe on the sign-in page with single sign-on, account, password, API tokens, users, a user and retention', async () => {
    const anonymousContext = await browser.newContext();
    const anonymous = await anonymousContext.newPage();
    await expectAccessible(anonymous, '/sign-in');
    await expect(anonymous.getByRole('button', { name: 'Sign in with Council account' }).isVisible()).resolves.toBe(
      true,
    );
    await anonymousContext.close();

    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await signInThroughPage(page, server.url, 'admin@example.org');
    await expectAccessible(page, '/account');
    await expectAccessible(page, '/account/password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('There is a problem').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await expectAccessible(page, '/account/api-tokens');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByText('There is a problem').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Name').fill('Nightly export');
    await page.getByLabel('Read only').check();
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByText('Token created').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await expectAccessible(page, '/admin/users');
    await expectAccessible(page, `/admin/users/${inspector.id}`);
    await page.getByRole('button', { name: 'Save role' }).click();
    await page.getByText('There is a problem').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await expectAccessible(page, '/privacy/retention');
    await context.close();
  });

  // Last: it leaves both users' language as Welsh.
  it('warns in Welsh, counting down in Welsh, and passes axe on the Welsh pages', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await signInThroughPage(page, server.url, 'ines@example.org');
    await page.clock.install();
    await page.goto(`${server.url}/inspections?lang=cy`);
    const dialog = page.getByRole('dialog', { name: 'Byddwch yn cael eich allgofnodi cyn bo hir' });
    await page.clock.fastForward('26:00');
    await dialog.waitFor();
    await expect(dialog.getByText(/allgofnodi mewn 4 munud/).isVisible()).resolves.toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();

    const adminContext = await browser.newContext();
    const adminPage = await adminContext.newPage();
    adminPage.setDefaultTimeout(10_000);
    await signInThroughPage(adminPage, server.url, 'admin@example.org');
    for (const path of [
      '/account',
      '/account/password',
      '/account/api-tokens',
      '/admin/users',
      '/admin/users/new',
      `/admin/users/${inspector.id}`,
      '/admin/languages',
      '/privacy/retention',
      '/audit',
    ]) {
      await expectAccessible(adminPage, `${path}?lang=cy`);
      await expect(adminPage.locator('html').getAttribute('lang')).resolves.toBe('cy');
      // No text left in English where a Welsh one is held.
      expect(await englishLeftOn(adminPage), path).toEqual([]);
    }
    await adminContext.close();
  }, 90_000);
});
