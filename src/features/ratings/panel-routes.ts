import type { Request, Response, Router } from 'express';
import type { Services } from '../../platform/services.js';
import {
  dateInputTyped,
  dateInputValue,
  formText,
  linkedToDayBox,
  saveOrRedisplay,
  type FormErrors,
} from '../../platform/web/forms.js';
import { permittedOn } from '../../platform/web/middleware/permits.js';
import { ratingsPath } from './view-model.js';

type Params = { inspectionId: string };

/** A checkbox group posts one value, several, or none. */
const checked = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '');

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
    const mayRecord = permittedOn(res).has('discretion.decide');
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
    const values = { ...dateInputTyped(body, 'heldOn'), notes: formText(body.notes) ?? '' };
    const members = checked(body.members);
    const standards = checked(body.standardsConsidered);
    await saveOrRedisplay(
      res,
      async () => {
        await services.panelMeetings.record(req.actor!, req.params.inspectionId, {
          heldOn: dateInputValue(body, 'heldOn') ?? '',
          members,
          standardsConsidered: standards,
          notes: values.notes,
        });
        return `${path(req.params.inspectionId)}?recorded=1`;
      },
      (errors) => render(req, res, { errors: linkedToDayBox(errors, ['heldOn']), values, members, standards }),
    );
  });
}
