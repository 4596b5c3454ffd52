import { afterAll, describe, expect, it } from 'vitest';
import { currentLanguage, t, withLanguage } from '../../src/platform/i18n/index.js';
import { languageOf } from '../../src/platform/mail.js';
import { createServices } from '../../src/platform/services.js';
import { openTestDatabase } from '../support/database.js';

interface Sent {
  to: string;
  subject: string;
  language: string;
  /** A common word translated while the email was being sent: the language t() speaks there. */
  save: string;
}
const sent: Sent[] = [];
const database = await openTestDatabase();
const services = createServices(database, {
  mailer: {
    from: 'yj-inspect <test@example.org>',
    transport: {
      sendMail: (message: { to: string; subject: string }) => {
        sent.push({ to: message.to, subject: message.subject, language: currentLanguage(), save: t('Save') });
        return Promise.resolve();
      },
    },
  },
});
afterAll(() => database.close());

const admin = await services.users.create(null, {
  email: 'admin@example.org',
  displayName: 'Admin',
  password: 'correct horse battery staple',
  isAdmin: true,
});
const gwen = await services.users.create(null, {
  email: 'gwen@example.org',
  displayName: 'Gwen',
  password: 'correct horse battery staple',
  isAdmin: false,
});
await services.users.setLanguage(gwen, 'cy');
const invitation = { link: 'http://localhost:3000/invitations/abc', expiresAt: new Date() };

describe('an email in its recipient’s language', () => {
  it('is written in Welsh for a user who chose Welsh, whatever the sender’s language', async () => {
    sent.length = 0;
    await withLanguage('en', () => services.invitations.send(invitation, 'Gwen@Example.org', 'Admin', ''));
    expect(sent).toMatchObject([{ to: 'Gwen@Example.org', language: 'cy', save: 'Cadw' }]);
  });

  it('is written in the language of the page that sent it for someone who has not chosen one', async () => {
    sent.length = 0;
    const created = await withLanguage('cy', () =>
      services.userInvitations.createAndInvite(
        admin,
        { email: 'newcomer@example.org', displayName: 'Newcomer' },
        undefined,
      ),
    );
    expect(created.emailed).toBe(true);
    expect(sent).toMatchObject([{ to: 'newcomer@example.org', language: 'cy', save: 'Cadw' }]);
    sent.length = 0;
    await withLanguage('en', () => services.invitations.send(invitation, 'newcomer@example.org', 'Admin', ''));
    expect(sent).toMatchObject([{ to: 'newcomer@example.org', language: 'en', save: 'Save' }]);
  });

  it('reads an unknown or missing language as English', () => {
    expect(languageOf({ language: 'cy' })).toBe('cy');
    expect(languageOf({ language: null })).toBe('en');
    expect(languageOf({ language: 'fr' })).toBe('en');
    expect(languageOf(undefined)).toBe('en');
  });
});
