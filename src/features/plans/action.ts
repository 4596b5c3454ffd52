import type { Response, Router } from 'express';
import { NotFoundError } from '../../platform/errors.js';
import type { Services } from '../../platform/services.js';
import { type FormErrors, typedText, saveOrRedisplay } from '../../platform/web/forms.js';
import { dateFrom, partsOf, statusChoices, type Body } from './form-values.js';
import { planLabels, planPath, type PlanRequest } from './helpers.js';

/** One action: its details, its progress updates, a form to add one, and the evidence of its impact. */
export function registerActionRoutes(router: Router, services: Services) {
  async function render(req: PlanRequest, res: Response, values: Record<string, unknown> | null, errors?: FormErrors) {
    const { planId, actionId } = req.params;
    const found = await services.plans.plans.actionOf(req.actor!, planId, actionId!);
    if (!found) throw new NotFoundError('action not found');
    const asOf = services.plans.board.actionAsOf(found.action, found.today);
    res.render('plans/views/action.njk', {
      ...planLabels,
      ...found,
      asOf,
      updates: await services.plans.board.updatesOf(found.action.id),
      impact: await services.plans.impact.impactOf(req.actor!, found.plan, found.action.targets),
      values: values ?? { date: partsOf(found.today), note: '', evidenceLink: '', status: '' },
      errors,
      statusChoices: statusChoices(typedText(values?.status), {
        includeNone: 'No change',
      }),
      saved: !errors && req.query.saved === '1',
      added: !errors && req.query.added === '1',
    });
  }

  router.get('/plans/:planId/actions/:actionId', (req, res) => render(req, res, null));

  router.post('/plans/:planId/actions/:actionId/updates', async (req: PlanRequest, res) => {
    const body = req.body as Body;
    const date = dateFrom(body, 'date');
    const shown = {
      date: date.parts,
      note: typedText(body.note),
      evidenceLink: typedText(body.evidenceLink),
      status: typedText(body.status),
    };
    await saveOrRedisplay(
      res,
      async () => {
        const { planId, actionId } = req.params;
        await services.plans.edits.addUpdate(req.actor!, planId, actionId!, {
          date: date.value,
          note: shown.note,
          evidenceLink: shown.evidenceLink,
          status: shown.status,
        });
        return `${planPath(planId)}/actions/${actionId}?added=1#updates`;
      },
      (errors) => render(req, res, shown, errors),
    );
  });
}
