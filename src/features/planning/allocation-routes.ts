import type { Request, Response, Router } from 'express';
import type { Services } from '../../platform/services.js';
import { formText, type FormErrors, saveOrRedisplay } from '../../platform/web/forms.js';

type Params = { inspectionId: string };
type CaseParams = Params & { caseId: string };

/** "2023", "1", "16" from a GOV.UK date input as "2023-01-16"; null when nothing was typed. */
function dateFrom(body: Record<string, unknown>, name: string): string | null {
  const part = (p: string) => formText(body[`${name}-${p}`]) ?? '';
  const [day, month, year] = [part('day'), part('month'), part('year')];
  if (!day && !month && !year) return null;
  return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

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
    const [year, month, day] = (found.interviewPlanned ?? '--').split('-');
    res.render('planning/views/interview.njk', {
      inspection: allocation.inspection,
      caseRow: found,
      values: view.values ?? {
        'planned-day': day ? String(Number(day)) : '',
        'planned-month': month ? String(Number(month)) : '',
        'planned-year': year ?? '',
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
    const values = Object.fromEntries(
      ['planned-day', 'planned-month', 'planned-year', 'done'].map((name) => [name, formText(body[name]) ?? '']),
    );
    const done = values.done === 'yes' ? true : values.done === 'no' ? false : undefined;
    await saveOrRedisplay(
      res,
      async () => {
        const row = await services.planning.recordInterview(req.actor!, req.params.inspectionId, {
          caseId: req.params.caseId,
          planned: dateFrom(body, 'planned'),
          done,
        });
        return `${path(req.params.inspectionId)}?interview=${encodeURIComponent(row.ref)}`;
      },
      async (errors) => {
        errors.list = errors.list.map((item) => (item.href === '#planned' ? { ...item, href: '#planned-day' } : item));
        await renderInterview(req, res, { values, errors });
      },
    );
  });
}
