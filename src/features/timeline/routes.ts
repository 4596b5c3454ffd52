import type { Request, Response, Router } from 'express';
import { ValidationError } from '../../platform/errors.js';
import type { Services } from '../../platform/services.js';
import { timelineFields, type TimelineDates } from '../../domain/timeline/index.js';
import { formErrors, formText, type FormErrors } from '../../platform/web/forms.js';

type Params = { inspectionId: string };
type Values = Record<string, string>;

/** "2023", "1", "16" from a GOV.UK date input as "2023-01-16"; undefined when nothing was typed. */
function dateFrom(body: Record<string, unknown>, name: string): string | undefined {
  const part = (p: string) => formText(body[`${name}-${p}`]) ?? '';
  const [day, month, year] = [part('day'), part('month'), part('year')];
  if (!day && !month && !year) return undefined;
  return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** Dates as the form's day, month and year boxes hold them. */
function dateParts(dates: Partial<TimelineDates>): Values {
  const values: Values = {};
  for (const field of timelineFields) {
    const date = dates[field];
    if (!date) continue;
    const [year, month, day] = date.split('-');
    values[`${field}-day`] = String(Number(day));
    values[`${field}-month`] = String(Number(month));
    values[`${field}-year`] = year!;
  }
  return values;
}

/** The typed boxes, as typed: nothing is lost when the form comes back with errors. */
function typedParts(body: Record<string, unknown>): Values {
  const values: Values = {};
  for (const field of timelineFields)
    for (const part of ['day', 'month', 'year']) values[`${field}-${part}`] = formText(body[`${field}-${part}`]) ?? '';
  return values;
}

/** Errors link to the day box: the first input of a GOV.UK date input. */
function dateErrors(fields: Record<string, string>): FormErrors {
  const errors = formErrors(fields);
  return { ...errors, list: errors.list.map((item) => ({ ...item, href: `${item.href}-day` })) };
}

export function registerTimelineRoutes(router: Router, services: Services) {
  /** The timeline page; the form holds the stored dates unless `values` (posted or proposed) are given. */
  async function render(
    req: Request<Params>,
    res: Response,
    view: { values?: Values; errors?: FormErrors; filled?: boolean } = {},
  ) {
    const timeline = await services.timeline.timeline(req.actor!, req.params.inspectionId);
    const stored = Object.fromEntries(
      timelineFields.map((field) => [field, timeline.dates[field].proposed ? null : timeline.dates[field].date]),
    );
    res.render('timeline/views/timeline.njk', {
      ...timeline,
      values: view.values ?? dateParts(stored),
      errors: view.errors,
      filled: view.filled ?? false,
      saved: !view.errors && !view.filled && req.query.saved === '1',
      activeNav: 'inspections',
    });
  }

  router.get('/inspections/:inspectionId/timeline', (req: Request<Params>, res) => render(req, res));

  router.post('/inspections/:inspectionId/timeline', async (req: Request<Params>, res) => {
    const body = req.body as Record<string, unknown>;
    const { inspectionId } = req.params;
    const dates = Object.fromEntries(timelineFields.map((field) => [field, dateFrom(body, field)]));
    try {
      if (body.action === 'propose') {
        const proposed = await services.timeline.propose(req.actor!, inspectionId, dates);
        await render(req, res, { values: dateParts(proposed), filled: true });
        return;
      }
      await services.timeline.saveTimeline(req.actor!, inspectionId, dates);
      res.redirect(303, `/inspections/${inspectionId}/timeline?saved=1`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      res.status(400);
      await render(req, res, { values: typedParts(body), errors: dateErrors(error.fields) });
    }
  });
}
