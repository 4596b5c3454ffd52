import type { Response, Router } from 'express';
import { NotFoundError } from '../../platform/errors.js';
import type { Services } from '../../platform/services.js';
import { ownersFrom } from './service/validation.js';
import { type FormErrors, typedText, saveOrRedisplay } from '../../platform/web/forms.js';
import { dateFrom, idsFrom, listFrom, partsOf, statusChoices, type Body } from './form-values.js';
import { planLabels, planPath, type PlanRequest } from './helpers.js';

/** Adding and editing areas for improvement and their actions (GOV.UK forms, errors by field). */
export function registerAreaRoutes(router: Router, services: Services) {
  const plans = services.plans;

  async function renderArea(
    req: PlanRequest,
    res: Response,
    values: Record<string, unknown> | null,
    errors?: FormErrors,
  ) {
    const found = await plans.plans.plan(req.actor!, req.params.planId);
    const area = req.params.areaId ? found.areas.find((a) => a.id === req.params.areaId) : undefined;
    if (req.params.areaId && !area) throw new NotFoundError('area not found');
    const shown = values ?? {
      number: String(area?.number ?? Math.max(0, ...found.areas.map((a) => a.number)) + 1),
      domain: area?.domain ?? found.areas.at(-1)?.domain ?? '',
      standardId: area?.standardId ?? '',
      text: area?.text ?? '',
      source: area?.source ?? '',
      recommendationIds: area?.recommendationIds ?? [],
    };
    const chosen = new Set(shown.recommendationIds as string[]);
    res.render('plans/views/area-form.njk', {
      ...planLabels,
      ...found,
      area: area ?? null,
      values: shown,
      errors,
      recommendationChoices: found.recommendations.map((r) => ({
        value: r.id,
        text: `${r.number}. ${r.text}`,
        checked: chosen.has(r.id),
      })),
    });
  }

  const areaValues = (body: Body) => ({
    number: typedText(body.number),
    domain: typedText(body.domain),
    standardId: typedText(body.standardId),
    text: typedText(body.text),
    source: typedText(body.source),
    recommendationIds: listFrom(body.recommendationIds),
  });

  router.get('/plans/:planId/areas/new', (req, res) => renderArea(req, res, null));
  router.get('/plans/:planId/areas/:areaId', (req, res) => renderArea(req, res, null));
  router.post(['/plans/:planId/areas/new', '/plans/:planId/areas/:areaId'], async (req: PlanRequest, res) => {
    const values = areaValues(req.body as Body);
    await saveOrRedisplay(
      res,
      async () => {
        const area = await plans.edits.saveArea(req.actor!, req.params.planId, req.params.areaId ?? null, values);
        return `${planPath(req.params.planId)}?saved=1#area-${area.number}`;
      },
      (errors) => renderArea(req, res, values, errors),
    );
  });

  async function renderAction(
    req: PlanRequest,
    res: Response,
    values: Record<string, unknown> | null,
    errors?: FormErrors,
  ) {
    const found = await plans.plans.plan(req.actor!, req.params.planId);
    const area = found.areas.find((a) => a.id === req.params.areaId);
    const action = req.params.actionId ? area?.actions.find((a) => a.id === req.params.actionId) : undefined;
    if (!area || (req.params.actionId && !action)) throw new NotFoundError('action not found');
    const shown = values ?? {
      text: action?.text ?? '',
      owners: action?.owners.join(', ') ?? '',
      commencementDate: partsOf(action?.commencementDate),
      targetDate: partsOf(action?.targetDate),
      completionDate: partsOf(action?.completionDate),
      status: action?.status ?? 'notStarted',
      targets: action?.targets.join(', ') ?? '',
    };
    res.render('plans/views/action-form.njk', {
      ...planLabels,
      ...found,
      area,
      action: action ?? null,
      values: shown,
      errors,
      statusChoices: statusChoices(String(shown.status)),
    });
  }

  function actionFrom(body: Body) {
    const [commencement, target, completion] = ['commencementDate', 'targetDate', 'completionDate'].map((n) =>
      dateFrom(body, n),
    );
    return {
      shown: {
        text: typedText(body.text),
        owners: typedText(body.owners),
        commencementDate: commencement!.parts,
        targetDate: target!.parts,
        completionDate: completion!.parts,
        status: typedText(body.status),
        targets: typedText(body.targets),
      },
      input: {
        text: typedText(body.text),
        owners: ownersFrom(typedText(body.owners)),
        commencementDate: commencement!.value,
        targetDate: target!.value,
        completionDate: completion!.value,
        status: typedText(body.status) as 'notStarted',
        targets: idsFrom(typedText(body.targets)),
      },
    };
  }

  router.get('/plans/:planId/areas/:areaId/actions/new', (req, res) => renderAction(req, res, null));
  router.get('/plans/:planId/areas/:areaId/actions/:actionId/edit', (req, res) => renderAction(req, res, null));
  router.post(
    ['/plans/:planId/areas/:areaId/actions/new', '/plans/:planId/areas/:areaId/actions/:actionId/edit'],
    async (req: PlanRequest, res) => {
      const { shown, input } = actionFrom(req.body as Body);
      await saveOrRedisplay(
        res,
        async () => {
          const { planId, areaId, actionId } = req.params;
          const action = await plans.edits.saveAction(req.actor!, planId, areaId!, actionId ?? null, input);
          return `${planPath(planId)}/actions/${action.id}?saved=1`;
        },
        (errors) => renderAction(req, res, shown, errors),
      );
    },
  );
}
