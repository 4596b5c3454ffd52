import { eq } from 'drizzle-orm';
import supertest from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { users } from '../../../src/platform/db/core-tables.js';
import { addUser, openTestWorld, pageText, signIn } from '../../support/web.js';

const world = await openTestWorld();
afterAll(() => world.close());
await addUser(world, 'gwen@example.org');

describe('the language toggle', () => {
  it('shows a page in Welsh with ?lang=cy, in English with ?lang=en, and keeps the reader on the same page', async () => {
    const agent = supertest.agent(world.app);
    const welsh = await agent.get('/sign-in?lang=cy');
    expect(welsh.text).toContain('<html lang="cy"');
    expect(pageText(welsh.text)).toContain("Neidio i'r prif gynnwys");
    // The toggle's other link goes to the same page in English.
    expect(welsh.text).toContain('href="/sign-in?lang=en"');
    expect(welsh.text).toMatch(/<span aria-current="true" lang="cy">Cymraeg<\/span>/);

    // The cookie remembers the choice: the next page, without ?lang, is Welsh too.
    const next = await agent.get('/sign-in');
    expect(next.text).toContain('<html lang="cy"');

    const english = await agent.get('/sign-in?lang=en');
    expect(english.text).toContain('<html lang="en"');
    expect(english.text).toContain('Skip to main content');
  });

  it('keeps the page’s other query values in the toggle’s link', async () => {
    const page = await supertest(world.app).get('/sign-in?next=%2Finspections&lang=cy');
    expect(page.text).toContain('href="/sign-in?next=%2Finspections&amp;lang=en"');
  });

  it('remembers a signed-in user’s choice in their account, on another browser too', async () => {
    const browser = await signIn(world, 'gwen@example.org');
    await browser.get('/inspections?lang=cy');
    const [row] = await world.database.db.select().from(users).where(eq(users.email, 'gwen@example.org'));
    expect(row!.language).toBe('cy');

    const elsewhere = await signIn(world, 'gwen@example.org');
    const page = await elsewhere.get('/inspections');
    expect(page.text).toContain('<html lang="cy"');
    expect(page.text).toContain('Allgofnodi');
  });

  it('ignores a language it does not offer', async () => {
    const page = await supertest(world.app).get('/sign-in?lang=fr');
    expect(page.text).toContain('<html lang="en"');
  });
});
