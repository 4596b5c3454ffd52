import type { Express } from 'express';
import type { Services } from '../../../services/index.js';
import { formErrors, formText } from '../../forms.js';
import { cookieOptions, rotateCsrf, sessionCookie } from '../../middleware/auth.js';

/** Only a local path: a returnTo of another site would make the sign-in page an open redirect. */
const safeReturnTo = (value: unknown) =>
  typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : '/inspections';

export function registerAuthRoutes(app: Express, services: Services, production: boolean) {
  app.get('/', (req, res) => {
    res.redirect(303, req.actor ? '/inspections' : '/sign-in');
  });

  app.get('/sign-in', (req, res) => {
    if (req.actor) return res.redirect(303, '/inspections');
    res.render('auth/views/sign-in.njk', { returnTo: safeReturnTo(req.query.returnTo), values: {} });
  });

  app.post('/sign-in', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const email = formText(body.email) ?? '';
    const password = typeof body.password === 'string' ? body.password : '';
    const returnTo = safeReturnTo(body.returnTo);
    const fields: Record<string, string> = {};
    if (!email) fields.email = 'Enter your email address';
    if (!password) fields.password = 'Enter your password';
    const actor = Object.keys(fields).length === 0 ? await services.users.authenticate(email, password) : null;
    if (!actor) {
      if (Object.keys(fields).length === 0) fields.email = 'Enter a correct email address and password';
      return res
        .status(400)
        .render('auth/views/sign-in.njk', { errors: formErrors(fields), values: { email }, returnTo });
    }
    // A new session and a new CSRF cookie at sign-in: nothing from before survives (session fixation).
    const old = (req.cookies as Record<string, string | undefined>)[sessionCookie];
    if (old) await services.users.endSession(old);
    const session = await services.users.startSession(actor.id);
    res.cookie(sessionCookie, session.token, cookieOptions(production, session.expiresAt));
    rotateCsrf(res, production);
    res.redirect(303, returnTo);
  });

  app.post('/sign-out', async (req, res) => {
    const token = (req.cookies as Record<string, string | undefined>)[sessionCookie];
    if (token) await services.users.endSession(token);
    res.clearCookie(sessionCookie, cookieOptions(production));
    res.redirect(303, '/sign-in');
  });
}
