import { t } from '../../platform/i18n/index.js';

/** How long an invitation link works. */
export const invitationDays = 7;

/** The invitation in the current language (the caller sets it with `withLanguage`; English outside a request). */
export function invitationEmail(input: { to: string; invitedBy: string; link: string; purpose: string }) {
  const { invitedBy } = input;
  return {
    to: input.to,
    subject: t('You have been invited to yj-inspect'),
    text: [
      input.purpose
        ? t('{{invitedBy}} has invited you to yj-inspect: {{purpose}}.', { invitedBy, purpose: t(input.purpose) })
        : t('{{invitedBy}} has invited you to yj-inspect.', { invitedBy }),
      '',
      t('Set your password with this link (or sign in with single sign-on where your organisation uses it):'),
      input.link,
      '',
      t('The link works once, for {{days}} days. If you did not expect this email, you can ignore it.', {
        days: invitationDays,
      }),
    ].join('\n'),
  };
}
