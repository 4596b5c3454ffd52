import type { Request, Response, Router } from 'express';
import { ValidationError } from '../../platform/errors.js';
import type { Services } from '../../platform/services.js';
import { timelineFields, type TimelineDates } from '../../domain/timeline/index.js';
import {
  dateInputBoxes,
  dateInputTyped,
  dateInputValue,
  formErrors,
  linkedToDayBox,
  type FormErrors,
} from '../../platform/web/forms.js';

type Params = { inspectionId: string };
type Values = Record<string, string>;

/** Dates as the form's day, month and year boxes hold them. */
function dateParts(dates: Partial<TimelineDates>): Values {
  const values: Values = {};
  for (const field of timelineFields) {
    const date = dates[field];
    if (!date) continue;
    Object.assign(values, dateInputBoxes(field, date));
  }
  return values;
}

/** The typed boxes, as typed: nothing is lost when the form comes back with errors. */
function typedParts(body: Record<string, unknown>): Values {
  const values: Values = {};
  for (const field of timelineFields) Object.assign(values, dateInputTyped(body, field));
  return values;
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
    const dates = Object.fromEntries(timelineFields.map((field) => [field, dateInputValue(body, field)]));
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
      await render(req, res, { values: typedParts(body), errors: linkedToDayBox(formErrors(error.fields)) });
    }
  });
}
