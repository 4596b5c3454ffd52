import { eq } from 'drizzle-orm';
import supertest from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { auditEvents, users } from '../../../src/platform/db/core-tables.js';
import { t, withLanguage } from '../../../src/platform/i18n/index.js';
import { addUser, openTestWorld, pageText, signIn } from '../../support/web.js';

const world = await openTestWorld();
afterAll(() => world.close());
await addUser(world, 'bethan@example.org');
await addUser(world, 'iolo@example.org');

describe('the accounts pages in Welsh', () => {
  it('shows the sign-in page in Welsh, and its field errors', async () => {
    const agent = supertest.agent(world.app);
    const page = await agent.get('/sign-in?lang=cy');
    expect(page.text).toContain('<html lang="cy"');
    expect(pageText(page.text)).toContain('Mewngofnodi i yj-inspect');
    expect(pageText(page.text)).toContain('Cyfeiriad e-bost');
    expect(pageText(page.text)).not.toContain('Sign in to yj-inspect');
  });

  it('shows the account page in Welsh', async () => {
    const browser = await signIn(world, 'bethan@example.org');
    const page = await browser.get('/account?lang=cy');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="cy"');
    const text = pageText(page.text);
    expect(text).toContain('Eich cyfrif');
    expect(text).toContain('Allgofnodi ym mhobman');
    expect(text).not.toContain('Your account');
  });

  it('translates a message made in the code: a wrong password, in Welsh', async () => {
    const browser = await signIn(world, 'bethan@example.org');
    await browser.get('/account?lang=cy');
    const refused = await browser.post('/account/password', '/account/password', { current: 'wrong', password: 'x' });
    expect(refused.status).toBe(400);
    const text = pageText(refused.text);
    expect(text).toContain('Rhowch eich cyfrinair presennol yn gywir');
    expect(text).toContain("Rhaid i'r cyfrinair fod yn 12 nod neu fwy");
  });
});

describe('the sentences the accounts code makes', () => {
  it('are translated with their values, in the Welsh plural forms', () => {
    withLanguage('cy', () => {
      expect(t('Too many attempts, try again in 15 minutes')).toBe(
        'Gormod o ymdrechion, rhowch gynnig arall arni ymhen 15 munud',
      );
      expect(t('Too many attempts, try again in 1 minute')).toBe(
        'Gormod o ymdrechion, rhowch gynnig arall arni ymhen 1 munud',
      );
      expect(t('Signing in with Council account did not succeed: try again')).toBe(
        'Ni lwyddodd mewngofnodi gyda Council account: rhowch gynnig arall arni',
      );
    });
    expect(t('Too many attempts, try again in 1 minute')).toBe('Too many attempts, try again in 1 minute');
  });
});

describe('choosing a language on the account page', () => {
  it('offers English and Cymraeg, saves the choice in the account, and the pages follow it', async () => {
    const browser = await signIn(world, 'iolo@example.org');
    const page = await browser.get('/account');
    expect(page.text).toContain('<html lang="en"');
    expect(pageText(page.text)).toContain('Which language should yj-inspect use for you?');
    expect(page.text).toMatch(/<input[^>]*name="language"[^>]*value="cy"/);

    const saved = await browser.post('/account', '/account/language', { language: 'cy' });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe('/account?languageChanged=1');
    const [row] = await world.database.db.select().from(users).where(eq(users.email, 'iolo@example.org'));
    expect(row!.language).toBe('cy');
    const audited = await world.database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, row!.id));
    expect(audited.map((event) => event.action)).toContain('user.language');

    // Another browser, no cookie: the account's choice decides.
    const elsewhere = await signIn(world, 'iolo@example.org');
    const after = await elsewhere.get('/account?languageChanged=1');
    expect(after.text).toContain('<html lang="cy"');
    expect(pageText(after.text)).toContain("Mae eich dewis o iaith wedi'i gadw.");
    expect(after.text).toMatch(/<input[^>]*value="cy"[^>]*checked/);

    const back = await elsewhere.post('/account', '/account/language', { language: 'en' });
    expect(back.status).toBe(303);
    expect((await elsewhere.get('/account')).text).toContain('<html lang="en"');
  });

  it('refuses a language it does not offer, naming the field', async () => {
    const browser = await signIn(world, 'iolo@example.org');
    const refused = await browser.post('/account', '/account/language', { language: 'fr' });
    expect(refused.status).toBe(400);
    expect(pageText(refused.text)).toContain('Select the language yj-inspect should use for you');
    expect(refused.text).toContain('href="#language"');
  });
});
