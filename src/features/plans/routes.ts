import type { Request, Response, Router } from 'express';
import type { Services } from '../../platform/services.js';
import { type FormErrors, typedText, saveOrRedisplay } from '../../platform/web/forms.js';
import { registerActionRoutes } from './action.js';
import { registerAreaRoutes } from './areas.js';
import { registerBoardRoutes } from './board.js';
import type { Body } from './form-values.js';
import { planLabels, planPath } from './helpers.js';
import { registerPlanImportRoutes } from './import.js';
import { registerReminderRoutes } from './reminders.js';
import { registerSignOffRoutes } from './sign-off.js';

/** The service and the inspection are one select on the form: their errors belong to it. */
function onSourceField(errors: FormErrors): FormErrors {
  const { organisationId, inspectionId, ...rest } = errors.byField;
  const source = organisationId ?? inspectionId;
  return {
    list: errors.list.map((e) =>
      e.href === '#organisationId' || e.href === '#inspectionId' ? { ...e, href: '#source' } : e,
    ),
    byField: source ? { ...rest, source } : rest,
  };
}

/** The improvement plan's pages: list, new plan, the plan, and (in their own files) its parts. */
export function registerPlanRoutes(router: Router, services: Services) {
  // Fixed paths before /plans/:planId.
  registerReminderRoutes(router, services);
  router.get('/plans', async (req, res) => {
    const [plans, creatable] = await Promise.all([
      services.plans.plans.list(req.actor!),
      services.plans.plans.servicesForNewPlan(req.actor!),
    ]);
    // One section per service: its plans, and a way to start one where the user may write it.
    const byService = new Map<string, { id: string; name: string; canCreate: boolean; plans: typeof plans }>();
    for (const plan of plans)
      byService.set(plan.organisationId, {
        id: plan.organisationId,
        name: plan.organisationName,
        canCreate: false,
        plans: [...(byService.get(plan.organisationId)?.plans ?? []), plan],
      });
    for (const service of creatable)
      byService.set(service.id, { ...(byService.get(service.id) ?? { ...service, plans: [] }), canCreate: true });
    const services_ = [...byService.values()].sort((a, b) => a.name.localeCompare(b.name));
    res.render('plans/views/list.njk', { ...planLabels, services: services_ });
  });

  async function renderNew(req: Request, res: Response, values: Body, errors?: FormErrors) {
    const choices = await services.plans.plans.servicesForNewPlan(req.actor!);
    res.render('plans/views/new.njk', { ...planLabels, choices, values, errors });
  }

  router.get('/plans/new', async (req, res) => {
    const query = req.query as Record<string, string | undefined>;
    await renderNew(req, res, {
      organisationId: query.organisationId ?? '',
      inspectionId: query.inspectionId ?? '',
      startFrom: query.inspectionId ? 'recommendations' : '',
      title: '',
    });
  });

  router.post('/plans', async (req, res) => {
    const body = req.body as Body;
    // One select names the inspection and, through it, the service: "<organisationId>/<inspectionId>".
    const [organisationId = '', inspectionId = ''] = typedText(body.source).split('/');
    const values = {
      organisationId,
      inspectionId,
      source: typedText(body.source),
      title: typedText(body.title),
      startFrom: typedText(body.startFrom),
    };
    await saveOrRedisplay(
      res,
      async () => planPath((await services.plans.plans.create(req.actor!, values)).id) + '?created=1',
      (errors) => renderNew(req, res, values, onSourceField(errors)),
    );
  });

  router.get('/plans/:planId', async (req, res) => {
    const found = await services.plans.plans.plan(req.actor!, req.params.planId);
    res.render('plans/views/plan.njk', {
      ...planLabels,
      ...found,
      report: services.plans.board.reportOf(found.areas, found.today),
      areaRecommendations: Object.fromEntries(
        found.areas.map((a) => [
          a.id,
          found.recommendations.filter((r) => a.recommendationIds.includes(r.id)).map((r) => r.number),
        ]),
      ),
      changedAfterSignOff: Object.fromEntries(
        found.areas
          .flatMap((a) => [a, ...a.actions])
          .map((x) => [x.id, found.signedOff !== null && x.updatedAt > found.signedOff.createdAt]),
      ),
      flash: req.query.created
        ? 'Plan created'
        : req.query.saved
          ? 'Saved'
          : typeof req.query.imported === 'string'
            ? `Imported ${req.query.imported} actions`
            : null,
    });
  });

  router.get('/plans/:planId/history', async (req, res) => {
    const found = await services.plans.plans.history(req.actor!, req.params.planId);
    res.render('plans/views/history.njk', { ...planLabels, ...found });
  });

  registerAreaRoutes(router, services);
  registerActionRoutes(router, services);
  registerSignOffRoutes(router, services);
  registerBoardRoutes(router, services);
  registerPlanImportRoutes(router, services);
}
