import { afterAll, describe, expect, it } from 'vitest';
import { addUser, openTestWorld, pageText, signIn } from '../../support/web.js';

const world = await openTestWorld();
afterAll(() => world.close());
await addUser(world, 'admin@example.org', { isAdmin: true });

describe('the audit trail in Welsh', () => {
  it('shows its heading, filters, count and table in Welsh', async () => {
    const admin = await signIn(world, 'admin@example.org');
    const page = await admin.get('/audit?lang=cy');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="cy"');
    const text = pageText(page.text);
    expect(text).toContain('Llwybr archwilio');
    expect(text).toContain('Unrhyw arolygiad');
    expect(text).toMatch(/\d+ digwyddiad\./);
    expect(text).toContain('Pryd Pwy Beth');
    expect(text).not.toContain('Every change anyone made');
  });

  it('names a wrong filter in Welsh, and in English as before', async () => {
    const admin = await signIn(world, 'admin@example.org');
    const welsh = await admin.get('/audit?from=2026-02-30&to=2026-01-01&lang=cy');
    expect(welsh.status).toBe(400);
    expect(pageText(welsh.text)).toContain('O: rhaid iddo fod yn ddyddiad go iawn');
    const english = await admin.get('/audit?from=2026-02-30&lang=en');
    expect(english.status).toBe(400);
    expect(pageText(english.text)).toContain('From must be a real date');
  });

  it('counts one event in the singular, in English and in Welsh', async () => {
    const admin = await signIn(world, 'admin@example.org');
    // One user was created: one user.create event.
    const english = pageText((await admin.get('/audit?action=user.create&lang=en')).text);
    expect(english).toContain('1 event. Download it as CSV (the download is itself recorded).');
    const welsh = pageText((await admin.get('/audit?action=user.create&lang=cy')).text);
    expect(welsh).toContain('1 digwyddiad. Ei lawrlwytho fel CSV (caiff y lawrlwytho ei hun ei gofnodi).');
  });
});
