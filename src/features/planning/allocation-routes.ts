import type { Request, Response, Router } from 'express';
import type { Services } from '../../platform/services.js';
import {
  dateInputBoxes,
  dateInputTyped,
  dateInputValue,
  formText,
  linkedToDayBox,
  type FormErrors,
  saveOrRedisplay,
} from '../../platform/web/forms.js';

type Params = { inspectionId: string };
type CaseParams = Params & { caseId: string };

export function registerAllocationRoutes(router: Router, services: Services) {
  const path = (inspectionId: string) => `/inspections/${inspectionId}/allocation`;

  async function renderAllocation(req: Request<Params>, res: Response, errors?: FormErrors) {
    const view = await services.planning.allocation(req.actor!, req.params.inspectionId);
    const word = (name: string, shape: RegExp) => {
      const value = req.query[name];
      return typeof value === 'string' && shape.test(value) ? value : undefined;
    };
    const allocated = word('balanced', /^\d{1,5}$/);
    const interview = word('interview', /^[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}$/);
    res.render('planning/views/allocation.njk', {
      ...view,
      errors,
      banner: errors
        ? undefined
        : allocated
          ? `${allocated} cases allocated`
          : interview
            ? `Interview for case ${interview} saved`
            : undefined,
      activeNav: 'inspections',
    });
  }

  router.get('/inspections/:inspectionId/allocation', (req: Request<Params>, res) => renderAllocation(req, res));

  router.post('/inspections/:inspectionId/allocation/balance', async (req: Request<Params>, res) => {
    await saveOrRedisplay(
      res,
      async () => {
        const { count } = await services.planning.balance(req.actor!, req.params.inspectionId);
        return `${path(req.params.inspectionId)}?balanced=${count}`;
      },
      (errors) => renderAllocation(req, res, errors),
    );
  });

  async function renderInterview(
    req: Request<CaseParams>,
    res: Response,
    view: { values?: Record<string, string>; errors?: FormErrors } = {},
  ) {
    const allocation = await services.planning.allocation(req.actor!, req.params.inspectionId);
    const found = allocation.cases.find((c) => c.id === req.params.caseId);
    if (!found) return res.status(404).render('errors/not-found.njk');
    res.render('planning/views/interview.njk', {
      inspection: allocation.inspection,
      caseRow: found,
      values: view.values ?? {
        ...dateInputBoxes('planned', found.interviewPlanned),
        done: found.caseManagerInterviewed ? 'yes' : 'no',
      },
      errors: view.errors,
      activeNav: 'inspections',
    });
  }

  router.get('/inspections/:inspectionId/allocation/:caseId/interview', (req: Request<CaseParams>, res) =>
    renderInterview(req, res),
  );

  router.post('/inspections/:inspectionId/allocation/:caseId/interview', async (req: Request<CaseParams>, res) => {
    const body = req.body as Record<string, unknown>;
    const values = { ...dateInputTyped(body, 'planned'), done: formText(body.done) ?? '' };
    const done = values.done === 'yes' ? true : values.done === 'no' ? false : undefined;
    await saveOrRedisplay(
      res,
      async () => {
        const row = await services.planning.recordInterview(req.actor!, req.params.inspectionId, {
          caseId: req.params.caseId,
          planned: dateInputValue(body, 'planned') ?? null,
          done,
        });
        return `${path(req.params.inspectionId)}?interview=${encodeURIComponent(row.ref)}`;
      },
      async (errors) => {
        await renderInterview(req, res, { values, errors: linkedToDayBox(errors, ['planned']) });
      },
    );
  });
}
