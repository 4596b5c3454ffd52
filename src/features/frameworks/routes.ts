import type { Request, Response, Router } from 'express';
import { ValidationError } from '../../platform/errors.js';
import type { Services } from '../../platform/services.js';
import { formErrors, formText } from '../../platform/web/forms.js';

export function registerFrameworkRoutes(router: Router, services: Services) {
  async function renderList(req: Request, res: Response, values: Record<string, unknown>, errors?: ReturnType<typeof formErrors>) {
    const organisationId = String(req.params.organisationId);
    const frameworks = await services.frameworks.list(req.actor!, organisationId);
    res.render('frameworks/views/list.njk', { organisationId, frameworks, values, errors, isAdmin: req.actor!.isAdmin });
  }

  router.get('/services/:organisationId/frameworks', async (req, res) => {
    await renderList(req, res, {});
  });

  router.post('/services/:organisationId/frameworks', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    try {
      await services.frameworks.add(req.actor!, req.params.organisationId, formText(body.file) ?? '');
      res.redirect(303, `/services/${req.params.organisationId}/frameworks`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      res.status(400);
      await renderList(req, res, body, formErrors(error.fields));
    }
  });

  router.post('/frameworks/:key/publish', async (req, res) => {
    await services.frameworks.publish(req.actor!, req.params.key);
    res.redirect(303, `/services/${formText((req.body as Record<string, unknown>).organisationId) ?? ''}/frameworks`);
  });
}
