/** Where email goes: a nodemailer transport and the From address; null when no SMTP server is set up. */
export interface Mailer {
  from: string;
  transport: { sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown> };
}

/** How long an invitation link works. */
export const invitationDays = 7;

export function invitationEmail(input: { to: string; invitedBy: string; link: string; purpose: string }) {
  return {
    to: input.to,
    subject: 'You have been invited to yj-inspect',
    text: [
      `${input.invitedBy} has invited you to yj-inspect${input.purpose ? `: ${input.purpose}` : ''}.`,
      '',
      'Set your password with this link (or sign in with single sign-on where your organisation uses it):',
      input.link,
      '',
      `The link works once, for ${invitationDays} days. If you did not expect this email, you can ignore it.`,
    ].join('\n'),
  };
}
