import type { Response, Router } from 'express';
import type { Actor } from '../../platform/audit.js';
import { ValidationError } from '../../platform/errors.js';
import { isLanguage } from '../../platform/i18n/index.js';
import type { Services } from '../../platform/services.js';
import { formErrors, type FormErrors, saveOrRedisplay, typedText } from '../../platform/web/forms.js';
import { cookieOptions, sessionCookie } from '../../platform/web/middleware/auth.js';

/** Your account: sign out everywhere, your API tokens (created with a scope, revocable), your data. */
export function registerAccountRoutes(router: Router, services: Services, production: boolean) {
  router.get('/account', (req, res) => {
    res.render('accounts/views/account.njk', {
      passwordChanged: req.query.passwordChanged === '1',
      languageChanged: req.query.languageChanged === '1',
    });
  });

  /** The language of the pages and of the emails sent to the user (the toggle on every page sets it too). */
  router.post('/account/language', async (req, res) => {
    const language = (req.body as Record<string, unknown>).language;
    if (!isLanguage(language))
      return res.status(400).render('accounts/views/account.njk', {
        errors: formErrors({ language: 'Select the language yj-inspect should use for you' }),
      });
    await services.users.setLanguage(req.actor!, language);
    res.cookie('lang', language, {
      httpOnly: true,
      sameSite: 'lax',
      secure: production,
      path: '/',
      maxAge: 365 * 86_400_000,
    });
    res.redirect(303, '/account?languageChanged=1');
  });

  router.get('/account/password', (req, res) => {
    res.render('accounts/views/password.njk');
  });

  router.post('/account/password', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const token = (req.cookies as Record<string, string | undefined>)[sessionCookie] ?? '';
    await saveOrRedisplay(
      res,
      async () => {
        await services.users.changePassword(req.actor!, token, {
          current: typedText(body.current),
          password: typedText(body.password),
        });
        return '/account?passwordChanged=1';
      },
      // Passwords are never typed back into the page.
      (errors) => res.render('accounts/views/password.njk', { errors }),
    );
  });

  router.post('/account/sign-out-everywhere', async (req, res) => {
    const revokeTokens = ([] as unknown[]).concat((req.body as Record<string, unknown>).revokeTokens).includes('yes');
    await services.signIn.signOutEverywhere(req.actor!, { revokeTokens });
    // The calendar feed's secret address is a credential too: it ends with the sessions.
    await services.plans.reminders.endCalendarFeed(req.actor!);
    res.clearCookie(sessionCookie, cookieOptions(production));
    res.redirect(303, '/sign-in');
  });

  async function renderTokens(
    res: Response,
    actor: Actor,
    view: { created?: string; values?: Record<string, string>; errors?: FormErrors; revoked?: string } = {},
  ) {
    const now = services.clock.now();
    const tokens = (await services.administration.tokensOf(actor)).map((t) => ({ ...t, expired: t.expiresAt <= now }));
    res.render('accounts/views/api-tokens.njk', { tokens, values: {}, ...view });
  }

  router.get('/account/api-tokens', async (req, res) => {
    await renderTokens(res, req.actor!, {
      ...(typeof req.query.revoked === 'string' && { revoked: req.query.revoked.slice(0, 100) }),
    });
  });

  router.post('/account/api-tokens', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const values = {
      name: typedText(body.name),
      scope: typedText(body.scope),
      expiresInDays: typedText(body.expiresInDays),
    };
    try {
      const token = await services.administration.createToken(req.actor!, values);
      // Shown once, on this response only: the page is never cached (Cache-Control: no-store).
      await renderTokens(res, req.actor!, { created: token });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      res.status(400);
      await renderTokens(res, req.actor!, { values, errors: formErrors(error.fields) });
    }
  });

  router.post('/account/api-tokens/:tokenId/revoke', async (req, res) => {
    const revoked = await services.administration.revokeToken(req.actor!, req.params.tokenId);
    res.redirect(303, `/account/api-tokens?revoked=${encodeURIComponent(revoked.name)}`);
  });
}
