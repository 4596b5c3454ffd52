import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/platform/audit.js';
import { addUser, openTestWorld, pageText, signIn, type TestWorld } from '../../support/web.js';

let world: TestWorld;
let admin: Actor;

beforeAll(async () => {
  world = await openTestWorld();
  admin = await addUser(world, 'admin@example.org', { isAdmin: true });
  const organisationId = (await world.services.organisations.create(admin, { name: 'Cyngor Gwynedd YJS' })).id;
  await addUser(world, 'heddwen@example.org', { organisationId, role: 'headOfService' });
});
afterAll(() => world.close());

describe('user administration in Welsh', () => {
  it('shows the users page in Welsh, the roles too, and links to the languages page', async () => {
    const browser = await signIn(world, 'admin@example.org');
    const page = await browser.get('/admin/users?lang=cy');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="cy"');
    const text = pageText(page.text);
    expect(text).toContain('Defnyddwyr');
    expect(text).toContain('Creu defnyddiwr');
    expect(text).toContain('Cyngor Gwynedd YJS (Pennaeth gwasanaeth)');
    expect(text).not.toContain('Head of service');
    expect(page.text).toContain('href="/admin/languages"');
  });

  it('shows the English users page as before', async () => {
    const browser = await signIn(world, 'admin@example.org');
    const text = pageText((await browser.get('/admin/users?lang=en')).text);
    expect(text).toContain('Cyngor Gwynedd YJS (Head of service)');
    expect(text).toContain('Languages: the Welsh catalogues and their review');
  });
});

describe('the languages page', () => {
  it('lists each Welsh catalogue file, how many messages it holds and whether a Welsh speaker has reviewed it', async () => {
    const browser = await signIn(world, 'admin@example.org');
    const page = await browser.get('/admin/languages?lang=en');
    expect(page.status).toBe(200);
    const text = pageText(page.text);
    expect(text).toContain('Languages');
    expect(text).toContain('Reviewed by a Welsh speaker');
    // The platform's own file and this feature's, each with its count, neither reviewed yet.
    const rows = [...page.text.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].map((row) =>
      pageText(row[1]!).trim(),
    );
    const files = world.services.administration.languageReview(admin);
    expect(files.length).toBeGreaterThanOrEqual(3);
    const admins = files.find((file) => file.file === 'features/admin/locales/cy.json')!;
    expect(admins.reviewed).toBe(false);
    expect(admins.messages).toBeGreaterThan(40);
    expect(rows).toContain(`features/admin/locales/cy.json ${admins.messages} Waiting for review`);
    expect(rows.some((row) => row.startsWith('platform/web/locales/cy.json '))).toBe(true);
    expect(text).toContain(`Reviewed by a Welsh speaker: 0 of ${files.length} files.`);
  });

  it('shows in Welsh', async () => {
    const browser = await signIn(world, 'admin@example.org');
    const page = await browser.get('/admin/languages?lang=cy');
    expect(page.text).toContain('<html lang="cy"');
    const text = pageText(page.text);
    expect(text).toContain('Ieithoedd');
    expect(text).toContain('Yn aros am adolygiad');
    expect(text).toContain("Wedi'u hadolygu gan siaradwr Cymraeg: 0 o");
    expect(text).not.toContain('Waiting for review');
  });

  it('does not exist for anyone but a system administrator', async () => {
    const head = await signIn(world, 'heddwen@example.org');
    const refused = await head.get('/admin/languages');
    expect(refused.status).toBe(404);
    expect(pageText(refused.text)).not.toContain('catalogue');
    const signedOut = await (await import('supertest')).default(world.app).get('/admin/languages');
    expect(signedOut.status).toBe(303);
  });
});
