import type { Request, Response, Router } from 'express';
import { ValidationError } from '../../platform/errors.js';
import type { Services } from '../../platform/services.js';
import { formErrors, formText, saveOrRedisplay, type FormErrors } from '../../platform/web/forms.js';
import { roleLabels } from '../../policy/policy.js';
import { requestOrigin } from './links.js';
import { joiningRoles } from './service.js';

type Params = { inspectionId: string };
const teamPath = (inspectionId: string) => `/inspections/${inspectionId}/team`;
/** The team page after a change, saying what was done and to whom. */
const donePath = (inspectionId: string, done: string, name: string) =>
  `${teamPath(inspectionId)}?done=${done}&name=${encodeURIComponent(name)}`;
const roleItems = joiningRoles.map((role) => ({ value: role, text: roleLabels[role] }));

/** The team page: who is on the team, add one of the inspectorate's users, invite someone new, remove. */
export function registerTeamRoutes(router: Router, services: Services) {
  async function render(
    req: Request<Params>,
    res: Response,
    view: {
      errors?: FormErrors;
      form?: 'add' | 'invite' | 'remove';
      values?: Record<string, string>;
      done?: string;
      name?: string;
      link?: string;
    } = {},
  ) {
    const { inspectionId } = req.params;
    const inspection = await services.inspections.get(req.actor!, inspectionId, 'team.manage');
    const [team, candidates] = await Promise.all([
      services.team.list(req.actor!, inspectionId),
      services.team.candidates(req.actor!, inspectionId),
    ]);
    const flash = req.query;
    res.render('team/views/team.njk', {
      inspection,
      team,
      candidates,
      roleItems,
      values: {},
      done: typeof flash.done === 'string' ? flash.done : undefined,
      name: typeof flash.name === 'string' ? flash.name : undefined,
      activeNav: 'inspections',
      ...view,
    });
  }

  router.get('/inspections/:inspectionId/team', (req, res) => render(req, res));

  router.post('/inspections/:inspectionId/team', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const values = { userId: formText(body.userId) ?? '', role: formText(body.role) ?? '' };
    await saveOrRedisplay(
      res,
      async () => {
        const added = await services.team.add(req.actor!, req.params.inspectionId, values);
        return donePath(req.params.inspectionId, 'added', added.displayName);
      },
      (errors) => render(req, res, { errors, form: 'add', values }),
    );
  });

  router.post('/inspections/:inspectionId/team/invitations', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const values = {
      email: formText(body.email) ?? '',
      displayName: formText(body.displayName) ?? '',
      role: formText(body.inviteRole) ?? '',
    };
    try {
      const sent = await services.team.invite(req.actor!, req.params.inspectionId, values, requestOrigin(req));
      // Without a mail server the lead passes the link on: shown once, here, and never put in an address.
      if (!sent.emailed) return render(req, res, { done: 'link', name: sent.displayName, link: sent.link });
      res.redirect(303, donePath(req.params.inspectionId, 'invited', sent.displayName));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      res.status(400);
      const errors = formErrors(
        Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k === 'role' ? 'inviteRole' : k, v])),
      );
      await render(req, res, { errors, form: 'invite', values: { ...values, inviteRole: values.role } });
    }
  });

  router.post('/inspections/:inspectionId/team/:userId/remove', async (req, res) => {
    await saveOrRedisplay(
      res,
      async () => {
        const removed = await services.team.remove(req.actor!, req.params.inspectionId, req.params.userId);
        return donePath(req.params.inspectionId, 'removed', removed.displayName);
      },
      (errors) => render(req, res, { errors, form: 'remove' }),
    );
  });
}
