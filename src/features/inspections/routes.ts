import type { Request, Response, Router } from 'express';
import { inspectionKinds } from '../../platform/db/core-tables.js';
import { frameworkIds, getFramework } from '../../platform/framework-registry.js';
import type { Services } from '../../platform/services.js';
import { inspectionKindLabels } from './service.js';
import { dateInputValue, formErrors, formText, type FormErrors, saveOrRedisplay } from '../../platform/web/forms.js';
import { permittedOn } from '../../platform/web/middleware/permits.js';
import { overviewOf } from './overview.js';

const dateFields = ['fieldworkStart', 'fieldworkEnd', 'caseWindowFrom', 'caseWindowTo'] as const;

export function registerInspectionRoutes(router: Router, services: Services) {
  router.get('/inspections', async (req, res) => {
    const inspections = await services.inspections.list(req.actor!);
    const canCreate = (await services.inspections.organisationsFor(req.actor!)).length > 0;
    res.render('inspections/views/list.njk', {
      inspections,
      canCreate,
      kindLabels: inspectionKindLabels,
      activeNav: 'inspections',
    });
  });

  async function renderNew(
    req: Parameters<Parameters<Router['get']>[1]>[0],
    res: Parameters<Parameters<Router['get']>[1]>[1],
    values: Record<string, unknown>,
    errors?: ReturnType<typeof formErrors>,
  ) {
    const organisations = await services.inspections.organisationsFor(req.actor!);
    res.render('inspections/views/new.njk', {
      organisations,
      frameworks: frameworkIds().map((id) => ({ id, title: getFramework(id).title })),
      kinds: inspectionKinds.map((kind) => ({ value: kind, text: inspectionKindLabels[kind] })),
      values,
      errors,
      activeNav: 'inspections',
    });
  }

  router.get('/inspections/new', async (req, res) => {
    await renderNew(req, res, { framework: frameworkIds().at(-1) });
  });

  router.post('/inspections', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const input = {
      organisationId: formText(body.organisationId) ?? '',
      framework: formText(body.framework) ?? '',
      kind: formText(body.kind) ?? '',
      title: formText(body.title),
      ...Object.fromEntries(dateFields.map((field) => [field, dateInputValue(body, field)])),
    };
    await saveOrRedisplay(
      res,
      async () => {
        const inspection = await services.inspections.create(
          req.actor!,
          input as Parameters<Services['inspections']['create']>[1],
        );
        return `/inspections/${inspection.id}`;
      },
      (errors) => renderNew(req, res, body, errors),
    );
  });

  async function renderOverview(req: Request<{ inspectionId: string }>, res: Response, errors?: FormErrors) {
    const overview = await overviewOf(services, req.actor!, req.params.inspectionId, permittedOn(res));
    res.render('inspections/views/overview.njk', {
      ...overview,
      errors,
      kindLabels: inspectionKindLabels,
      activeNav: 'inspections',
    });
  }

  router.get('/inspections/:inspectionId', (req, res) => renderOverview(req, res));

  router.post('/inspections/:inspectionId/stage', async (req, res) => {
    const from = formText((req.body as Record<string, unknown>).from) ?? '';
    await saveOrRedisplay(
      res,
      async () => {
        await services.stages.moveOn(req.actor!, req.params.inspectionId, from);
        return `/inspections/${req.params.inspectionId}#stages`;
      },
      (errors) => renderOverview(req, res, errors),
    );
  });
}
