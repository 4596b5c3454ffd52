import type { Request, Response, Router } from 'express';
import type { Services } from '../../platform/services.js';
import { roleLabels, serviceRoles } from '../../policy/policy.js';
import { type FormErrors, saveOrRedisplay } from '../../platform/web/forms.js';

const userPath = (id: string) => `/admin/users/${id}`;

/** User administration for system administrators: disable and enable users, set their roles in services. */
export function registerAdminRoutes(router: Router, services: Services) {
  router.get('/admin/users', async (req, res) => {
    const users = await services.administration.listUsers(req.actor!);
    res.render('admin/views/users.njk', { users, activeNav: 'admin' });
  });

  async function renderUser(
    req: Request<{ userId: string }>,
    res: Response,
    view: { errors?: FormErrors; values?: Record<string, string>; done?: string } = {},
  ) {
    const found = await services.administration.user(req.actor!, req.params.userId);
    res.render('admin/views/user.njk', {
      ...found,
      roles: serviceRoles.map((role) => ({ value: role, text: roleLabels[role] })),
      roleLabels,
      values: {},
      activeNav: 'admin',
      ...view,
    });
  }

  router.get('/admin/users/:userId', async (req, res) => {
    const done = typeof req.query.done === 'string' ? req.query.done : undefined;
    await renderUser(req, res, done ? { done } : {});
  });

  router.post('/admin/users/:userId/status', async (req, res) => {
    const disabled = (req.body as Record<string, unknown>).disabled === 'yes';
    await saveOrRedisplay(
      res,
      async () => {
        await services.administration.setDisabled(req.actor!, req.params.userId, disabled);
        return `${userPath(req.params.userId)}?done=${disabled ? 'disabled' : 'enabled'}`;
      },
      (errors) => renderUser(req, res, { errors }),
    );
  });

  router.post('/admin/users/:userId/memberships', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const values = {
      organisationId: typeof body.organisationId === 'string' ? body.organisationId : '',
      role: typeof body.role === 'string' ? body.role : '',
    };
    await saveOrRedisplay(
      res,
      async () => {
        await services.administration.setMembership(req.actor!, req.params.userId, values);
        return `${userPath(req.params.userId)}?done=role`;
      },
      (errors) => renderUser(req, res, { values, errors }),
    );
  });

  router.post('/admin/users/:userId/memberships/:organisationId/remove', async (req, res) => {
    await services.administration.removeMembership(req.actor!, req.params.userId, req.params.organisationId);
    res.redirect(303, `${userPath(req.params.userId)}?done=removed`);
  });
}
