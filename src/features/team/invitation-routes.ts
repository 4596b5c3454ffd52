import type { Request, Response, Router } from 'express';
import { ValidationError } from '../../platform/errors.js';
import type { Services } from '../../platform/services.js';
import { formErrors, formText, type FormErrors } from '../../platform/web/forms.js';

type Params = { token: string };

/** The invitation link's page, reached before signing in: set a password, or sign in with single sign-on. */
export function registerInvitationRoutes(router: Router, services: Services, options: { singleSignOn?: string }) {
  async function render(req: Request<Params>, res: Response, errors?: FormErrors) {
    const found = await services.invitations.lookUp(req.params.token);
    if (found.state !== 'open') res.status(found.state === 'unknown' ? 404 : 410);
    // The token is in the path: no other site learns it from a link on this page.
    res.set('Referrer-Policy', 'no-referrer');
    res.render('team/views/invitation.njk', { found, errors, singleSignOn: options.singleSignOn });
  }

  router.get('/invitations/:token', (req, res) => render(req, res));

  router.post('/invitations/:token', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    try {
      const { email } = await services.invitations.accept(req.params.token, {
        password: formText(body.password) ?? '',
        confirm: formText(body.confirm) ?? '',
      });
      res.render('team/views/invitation.njk', { found: { state: 'accepted', email } });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      res.status(400);
      await render(req, res, formErrors(error.fields));
    }
  });
}
