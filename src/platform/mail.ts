import { eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { MailSettings } from './config.js';
import type { Queryable } from './db/connect.js';
import { users } from './db/core-tables.js';
import { isLanguage, withLanguage, type Language } from './i18n/index.js';

/** Where email goes: a transport (nodemailer's, or a test's) and the From address. */
export interface Mailer {
  from: string;
  transport: {
    sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
    close?(): void;
  };
}

/**
 * The one mailer, for invitations and the plan digest, from config's YJ_SMTP_URL (smtp://user:password@host:587,
 * or smtps:// for TLS from the start) and YJ_MAIL_FROM; null when no SMTP server is set up: no email is sent.
 */
export const createMailer = (settings: MailSettings | undefined): Mailer | null =>
  settings ? { from: settings.from, transport: nodemailer.createTransport(settings.url) } : null;

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
