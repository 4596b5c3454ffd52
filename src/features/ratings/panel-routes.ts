import type { Request, Response, Router } from 'express';
import { ValidationError } from '../../platform/errors.js';
import type { Services } from '../../platform/services.js';
import { formErrors, formText, type FormErrors } from '../../platform/web/forms.js';
import { permissionsOn } from '../../policy/policy.js';
import { ratingsPath } from './view-model.js';

type Params = { inspectionId: string };

/** A checkbox group posts one value, several, or none. */
const checked = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '');

/** "16", "1", "2023" from a GOV.UK date input as "2023-01-16"; '' when nothing was typed. */
function heldOnFrom(values: Record<string, string>) {
  const [day, month, year] = ['heldOn-day', 'heldOn-month', 'heldOn-year'].map((k) => values[k] ?? '');
  if (!day && !month && !year) return '';
  return `${year!.padStart(4, '0')}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
}

/** The ratings panel's meetings: the record of each (date, members present, standards considered). */
export function registerPanelMeetingRoutes(router: Router, services: Services) {
  const path = (inspectionId: string) => `${ratingsPath(inspectionId)}/panel-meetings`;

  async function render(
    req: Request<Params>,
    res: Response,
    view: { errors?: FormErrors; values?: Record<string, string>; members?: string[]; standards?: string[] } = {},
  ) {
    const { inspectionId } = req.params;
    const inspection = await services.inspections.get(req.actor!, inspectionId, 'ratings.view');
    const found = await services.panelMeetings.list(req.actor!, inspectionId);
    const mayRecord = (await permissionsOn(services.database.db, req.actor!, inspectionId)).has('discretion.decide');
    res.render('ratings/views/panel-meetings.njk', {
      inspection,
      ...found,
      mayRecord,
      recorded: req.query.recorded === '1',
      values: view.values ?? {},
      memberItems: found.panel.map((m) => ({
        value: m.id,
        text: m.displayName,
        checked: view.members?.includes(m.id),
      })),
      standardItems: found.eligible.map((id) => ({ value: id, text: id, checked: view.standards?.includes(id) })),
      errors: view.errors,
      ratingsPath: ratingsPath(inspectionId),
      activeNav: 'inspections',
    });
  }

  router.get('/inspections/:inspectionId/ratings/panel-meetings', (req, res) => render(req, res));

  router.post('/inspections/:inspectionId/ratings/panel-meetings', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const values = Object.fromEntries(
      ['heldOn-day', 'heldOn-month', 'heldOn-year', 'notes'].map((name) => [name, formText(body[name]) ?? '']),
    );
    const members = checked(body.members);
    const standards = checked(body.standardsConsidered);
    try {
      await services.panelMeetings.record(req.actor!, req.params.inspectionId, {
        heldOn: heldOnFrom(values),
        members,
        standardsConsidered: standards,
        notes: values.notes,
      });
      res.redirect(303, `${path(req.params.inspectionId)}?recorded=1`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      res.status(400);
      const errors = formErrors(error.fields);
      errors.list = errors.list.map((item) => (item.href === '#heldOn' ? { ...item, href: '#heldOn-day' } : item));
      await render(req, res, { errors, values, members, standards });
    }
  });
}
