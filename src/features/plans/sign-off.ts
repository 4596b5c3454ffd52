import type { Response, Router } from 'express';
import type { Services } from '../../platform/services.js';
import { type FormErrors, typedText, saveOrRedisplay } from '../../platform/web/forms.js';
import { dateFrom, partsOf, type Body } from './form-values.js';
import { planLabels, planPath, type PlanRequest } from './helpers.js';

const kinds = { agree: 'leadInspectorAgreed', 'sign-off': 'chairSignedOff' } as const;

/** The lead inspector's agreement and the chair's sign-off, each with a date; every one is kept. */
export function registerSignOffRoutes(router: Router, services: Services) {
  async function render(
    req: PlanRequest,
    res: Response,
    posted?: { kind: string; values: Record<string, unknown>; errors: FormErrors },
  ) {
    const found = await services.plans.plans.plan(req.actor!, req.params.planId);
    const blank = { date: partsOf(found.today), note: '' };
    res.render('plans/views/sign-off.njk', {
      ...planLabels,
      ...found,
      agreeValues: posted?.kind === 'agree' ? posted.values : blank,
      signOffValues: posted?.kind === 'sign-off' ? posted.values : blank,
      errors: posted?.errors,
      errorsFor: posted?.kind,
      done: req.query.done ?? null,
    });
  }

  router.get('/plans/:planId/sign-off', (req, res) => render(req, res));

  router.post(['/plans/:planId/agree', '/plans/:planId/sign-off'], async (req: PlanRequest, res) => {
    const kind: keyof typeof kinds = req.path.endsWith('/agree') ? 'agree' : 'sign-off';
    const body = req.body as Body;
    const date = dateFrom(body, 'date');
    const values = { date: date.parts, note: typedText(body.note) };
    await saveOrRedisplay(
      res,
      async () => {
        await services.plans.plans.signOff(req.actor!, req.params.planId, kinds[kind], {
          date: date.value,
          note: values.note,
        });
        return `${planPath(req.params.planId)}/sign-off?done=${kind}`;
      },
      (errors) => render(req, res, { kind, values, errors }),
    );
  });
}
