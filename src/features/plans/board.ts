import type { Request, Response, Router } from 'express';
import { ValidationError } from '../../platform/errors.js';
import { toCsv } from '../../platform/csv.js';
import type { Services } from '../../platform/services.js';
import { progressReportWorkbook } from './service/report-xlsx.js';
import { formErrors } from '../../platform/web/forms.js';
import { dateFrom, partsOf, type Body } from './form-values.js';
import { planLabels } from './helpers.js';
import { htmlToPdf } from './pdf.js';

type PlanParams = { planId: string };

/** The date asked for: the date input's three boxes, or ?asOf=2024-03-31, or nothing (today). */
function askedDate(req: Request): string {
  const query = req.query as Body;
  if (typeof query.asOf === 'string') return query.asOf;
  return dateFrom(query, 'asOf').value;
}

const fileName = (title: string, asOf: string, ext: string) =>
  `${title
    .replace(/[^\w-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)}-${asOf}.${ext}`;

/** The board's views: dashboard and progress report as of a date (HTML, PDF, XLSX); exports of the plan. */
export function registerBoardRoutes(router: Router, services: Services) {
  const board = services.plans.board;

  /** Renders a view as of the asked date; a date that is not one re-shows the page for today with the error. */
  async function asOfView(
    req: Request<PlanParams>,
    res: Response,
    view: string,
    load: (asOf: unknown) => Promise<Record<string, unknown> & { asOf: string }>,
  ) {
    const asked = askedDate(req);
    try {
      const model = await load(asked);
      res.render(view, { ...planLabels, ...model, asOfParts: partsOf(model.asOf) });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      res.status(400);
      const model = await load(undefined);
      res.render(view, {
        ...planLabels,
        ...model,
        asOfParts: dateFrom(req.query, 'asOf').parts,
        errors: formErrors(error.fields),
      });
    }
  }

  router.get('/plans/:planId/dashboard', (req, res) =>
    asOfView(req, res, 'plans/views/dashboard.njk', (asOf) => board.dashboard(req.actor!, req.params.planId, asOf)),
  );

  router.get('/plans/:planId/report', (req, res) =>
    asOfView(req, res, 'plans/views/report.njk', (asOf) => board.report(req.actor!, req.params.planId, asOf)),
  );

  router.get('/plans/:planId/report.pdf', async (req, res) => {
    const model = await board.report(req.actor!, req.params.planId, askedDate(req));
    const html = await new Promise<string>((resolve, reject) =>
      req.app.render('plans/views/report-print.njk', { ...planLabels, ...model }, (error, out) =>
        error ? reject(error) : resolve(out),
      ),
    );
    const pdf = await htmlToPdf(services.pdf, html);
    await board.recordDownload(req.actor!, model.plan, 'report.pdf', model.asOf);
    res
      .type('application/pdf')
      .attachment(fileName(model.plan.title, model.asOf, 'pdf'))
      .send(pdf);
  });

  router.get('/plans/:planId/report.xlsx', async (req, res) => {
    const model = await board.report(req.actor!, req.params.planId, askedDate(req));
    const xlsx = await progressReportWorkbook(`${model.organisation.name}: ${model.plan.title}`, model.report);
    await board.recordDownload(req.actor!, model.plan, 'report.xlsx', model.asOf);
    res
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .attachment(fileName(model.plan.title, model.asOf, 'xlsx'))
      .send(xlsx);
  });

  router.get(['/plans/:planId/export.csv', '/plans/:planId/export.xlsx'], async (req: Request<PlanParams>, res) => {
    const transfer = services.plans.transfer;
    const { plan, headers, rows } = await transfer.exportRows(req.actor!, req.params.planId);
    const xlsx = req.path.endsWith('.xlsx');
    const today = services.clock.now().toISOString().slice(0, 10);
    await board.recordDownload(req.actor!, plan, xlsx ? 'export.xlsx' : 'export.csv');
    if (xlsx)
      return res
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .attachment(fileName(plan.title, today, 'xlsx'))
        .send(await transfer.toXlsx('Plan', headers, rows));
    res
      .type('text/csv; charset=utf-8')
      .attachment(fileName(plan.title, today, 'csv'))
      .send(toCsv(headers, rows));
  });
}
