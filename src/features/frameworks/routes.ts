import type { Request, Response, Router } from 'express';
import type { Services } from '../../platform/services.js';
import { formErrors, formText, saveOrRedisplay } from '../../platform/web/forms.js';

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
    await saveOrRedisplay(
      res,
      async () => {
      await services.frameworks.add(req.actor!, req.params.organisationId, formText(body.file) ?? '');
        return `/services/${req.params.organisationId}/frameworks`;
      },
      (errors) => renderList(req, res, body, errors),
    );
  });

  router.post('/frameworks/:key/publish', async (req, res) => {
    await services.frameworks.publish(req.actor!, req.params.key);
    res.redirect(303, `/services/${formText((req.body as Record<string, unknown>).organisationId) ?? ''}/frameworks`);
  });
}
