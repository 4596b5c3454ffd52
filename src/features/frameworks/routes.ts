import type { Request, Response, Router } from 'express';
import type { Services } from '../../platform/services.js';
import { formErrors, formText, saveOrRedisplay } from '../../platform/web/forms.js';
import { frameworkIds, getFramework } from '../../platform/framework-registry.js';
import type { Framework } from '../../domain/framework/model.js';

/** Whether a framework's Welsh waits for review by a Welsh speaker (its file's `review.cy`). */
const welshAwaitsReview = (framework: Framework) =>
  framework.languages.includes('cy') && framework.file.review?.cy?.reviewed !== true;

export function registerFrameworkRoutes(router: Router, services: Services) {
  async function renderList(req: Request, res: Response, values: Record<string, unknown>, errors?: ReturnType<typeof formErrors>) {
    const organisationId = String(req.params.organisationId);
    const own = await services.frameworks.list(req.actor!, organisationId);
    const languagesOf = (key: string) => {
      try {
        return getFramework(key).languages;
      } catch {
        return ['en'];
      }
    };
    const frameworks = own.map((f) => ({ ...f, languages: languagesOf(f.key) }));
    const shipped = frameworkIds().map((id) => ({ key: id, title: getFramework(id).title, languages: languagesOf(id) }));
    res.render('frameworks/views/list.njk', { organisationId, frameworks, shipped, values, errors, isAdmin: req.actor!.isAdmin });
  }

  router.get('/services/:organisationId/frameworks', async (req, res) => {
    await renderList(req, res, {});
  });

  router.get('/services/:organisationId/frameworks/:key', async (req, res) => {
    const organisationId = String(req.params.organisationId);
    const { key, version, framework } = await services.frameworks.show(req.actor!, organisationId, String(req.params.key));
    res.render('frameworks/views/show.njk', {
      organisationId,
      key,
      version,
      framework,
      welshAwaitsReview: welshAwaitsReview(framework),
    });
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
