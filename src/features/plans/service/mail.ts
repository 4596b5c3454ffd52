import nodemailer, { type Transporter } from 'nodemailer';

/**
 * Email for the daily digest, from the environment: YJ_SMTP_URL (smtp://user:password@host:587, or smtps://
 * for TLS from the start) and YJ_MAIL_FROM. Without YJ_SMTP_URL no email is sent.
 */
export interface MailSettings {
  url: string;
  from: string;
}

export function mailSettingsFrom(env: NodeJS.ProcessEnv = process.env): MailSettings | null {
  if (!env.YJ_SMTP_URL) return null;
  let url: URL;
  try {
    url = new URL(env.YJ_SMTP_URL);
  } catch {
    throw new Error('YJ_SMTP_URL must be a URL like smtp://user:password@mail.example.org:587');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw new Error(`YJ_SMTP_URL must start smtp:// or smtps://, not ${url.protocol}//`);
  return { url: env.YJ_SMTP_URL, from: env.YJ_MAIL_FROM ?? 'yj-inspect <no-reply@localhost>' };
}

export const mailTransport = (settings: MailSettings): Transporter => nodemailer.createTransport(settings.url);
