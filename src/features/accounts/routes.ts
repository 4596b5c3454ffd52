import type { Express, Response } from 'express';
import type { Services } from '../../platform/services.js';
import { sessionRules } from '../../policy/session-rules.js';
import { formErrors, formText, typedText } from '../../platform/web/forms.js';
import { cookieOptions, requireSignIn, sessionCookie } from '../../platform/web/middleware/auth.js';
import { keptFormInputs } from './kept-form.js';
import { registerSingleSignOnRoutes } from './oidc.js';
import { keptId, safeReturnTo, startSignedInSession, type AuthOptions } from './session-start.js';

export function registerAuthRoutes(app: Express, services: Services, options: AuthOptions) {
  const { production } = options;
  const signInPage = (res: Response, view: Record<string, unknown>) =>
    res.render('accounts/views/sign-in.njk', {
      oidcName: options.oidc?.name,
      idleMinutes: sessionRules.idleMinutes,
      values: {},
      ...view,
    });

  app.get('/', (req, res) => {
    res.redirect(303, req.actor ? '/inspections' : '/sign-in');
  });

  app.get('/sign-in', (req, res) => {
    if (req.actor) return res.redirect(303, '/inspections');
    signInPage(res, {
      returnTo: safeReturnTo(req.query.returnTo),
      kept: keptId(req.query.kept),
      ended: req.query.ended === '1' || keptId(req.query.kept) !== undefined,
    });
  });

  app.post('/sign-in', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const email = formText(body.email) ?? '';
    const password = typedText(body.password);
    const returnTo = safeReturnTo(body.returnTo);
    const kept = keptId(body.kept);
    const fields: Record<string, string> = {};
    if (!email) fields.email = 'Enter your email address';
    if (!password) fields.password = 'Enter your password';
    if (Object.keys(fields).length === 0) {
      const result = await services.signIn.signIn(email, password, req.ip ?? 'unknown', res.locals.requestId as string);
      if (result.outcome === 'signedIn')
        return startSignedInSession(services, req, res, result.actor, { returnTo, kept, production });
      if (result.outcome === 'throttled') {
        fields.email = `Too many attempts, try again in ${result.minutes} minute${result.minutes === 1 ? '' : 's'}`;
        res.status(429).set('Retry-After', String(result.minutes * 60));
      } else {
        fields.email = 'Enter a correct email address and password';
        res.status(400);
      }
    } else res.status(400);
    signInPage(res, { errors: formErrors(fields), values: { email }, returnTo, kept });
  });

  app.post('/sign-out', async (req, res) => {
    const token = (req.cookies as Record<string, string | undefined>)[sessionCookie];
    if (token) await services.users.endSession(token);
    res.clearCookie(sessionCookie, cookieOptions(production));
    res.redirect(303, '/sign-in');
  });

  /** "Stay signed in" in the timeout warning: any signed-in request restarts the idle clock; this one says how long is left. */
  app.post('/session/keep-alive', (req, res) => {
    if (!req.actor || req.authenticatedBy !== 'session')
      return res.status(401).json({ error: { status: 401, message: 'You are signed out' } });
    res.json({ secondsLeft: res.locals.sessionSecondsLeft as number });
  });

  /** A form kept when the session ended: its user sends it again, with a new CSRF token, or leaves it. */
  app.get('/kept-forms/:id', requireSignIn(services), async (req, res) => {
    const kept = await services.signIn.takeKeptForm(req.actor!, String(req.params.id));
    res.render('accounts/views/kept-form.njk', { path: kept.path, inputs: keptFormInputs(kept.fields) });
  });

  if (options.oidc) registerSingleSignOnRoutes(app, services, { ...options, oidc: options.oidc });
}
