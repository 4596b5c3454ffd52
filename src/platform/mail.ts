import { eq } from 'drizzle-orm';
import type { Queryable } from './db/connect.js';
import { users } from './db/core-tables.js';
import { isLanguage, withLanguage, type Language } from './i18n/index.js';

/** The language an email to someone is written in: the one they chose (users.language), else English. */
export const languageOf = (recipient: { language?: string | null } | null | undefined): Language =>
  isLanguage(recipient?.language) ? recipient.language : 'en';

/**
 * Writes and sends an email in its recipient's language (docs/welsh.md): `work` composes the message with t()
 * and hands it to the mailer. The recipient is found by their address. Someone who has not chosen a language
 * (or is not yet a user) gets the language of the page that sent it, English outside a page.
 */
export async function inRecipientLanguage<T>(db: Queryable, to: string, work: () => Promise<T>): Promise<T> {
  const [recipient] = await db
    .select({ language: users.language })
    .from(users)
    .where(eq(users.email, to.trim().toLowerCase()));
  return isLanguage(recipient?.language) ? withLanguage(recipient.language, work) : work();
}
