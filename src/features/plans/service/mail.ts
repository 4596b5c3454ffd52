import nodemailer, { type Transporter } from 'nodemailer';
import type { MailSettings } from '../../../platform/config.js';

/** The digest's mail transport, from YJ_SMTP_URL (smtp://user:password@host:587, or smtps:// for TLS from the start). */
export const mailTransport = (settings: MailSettings): Transporter => nodemailer.createTransport(settings.url);
