import type { Request, Response, Router } from 'express';
import { ValidationError } from '../../platform/errors.js';
import { t } from '../../platform/i18n/index.js';
import type { Services } from '../../platform/services.js';
import { roleLabels, serviceRoles } from '../../policy/policy.js';
import { formErrors, formText, type FormErrors, saveOrRedisplay, typedText } from '../../platform/web/forms.js';
import { requestOrigin } from '../team/index.js';

const userPath = (id: string) => `/admin/users/${id}`;
/** The service roles as radios, each in the page's language. */
const roleItems = () => serviceRoles.map((role) => ({ value: role, text: t(roleLabels[role]) }));

/** User administration for system administrators: disable and enable users, set their roles in services. */
export function registerAdminRoutes(router: Router, services: Services) {
  router.get('/admin/users', async (req, res) => {
    const users = await services.administration.listUsers(req.actor!);
    res.render('admin/views/users.njk', { users, activeNav: 'admin' });
  });

  /** The Welsh catalogues and whether a Welsh speaker has reviewed each (docs/welsh.md). */
  router.get('/admin/languages', (req, res) => {
    const files = services.administration.languageReview(req.actor!);
    res.render('admin/views/languages.njk', {
      files,
      reviewed: files.filter((file) => file.reviewed).length,
      activeNav: 'admin',
    });
  });

  async function renderNew(
    req: Request,
    res: Response,
    view: { errors?: FormErrors; values?: Record<string, string> },
  ) {
    // The administrator's own user page lists every service: the same list serves this form.
    const { organisations } = await services.administration.user(req.actor!, req.actor!.id);
    res.render('admin/views/new-user.njk', {
      organisations,
      roles: roleItems(),
      values: {},
      activeNav: 'admin',
      ...view,
    });
  }

  router.get('/admin/users/new', (req, res) => renderNew(req, res, {}));

  router.post('/admin/users', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const values = Object.fromEntries(
      ['email', 'displayName', 'organisationId', 'role'].map((name) => [name, formText(body[name]) ?? '']),
    );
    try {
      const sent = await services.userInvitations.createAndInvite(
        req.actor!,
        { ...values, organisationId: values.organisationId || undefined, role: values.role || undefined },
        requestOrigin(req),
      );
      if (!sent.emailed) {
        const found = await services.administration.user(req.actor!, sent.userId);
        return res.render('admin/views/user.njk', {
          ...found,
          roles: roleItems(),
          roleLabels,
          values: {},
          activeNav: 'admin',
          invitationLink: sent.link,
        });
      }
      res.redirect(303, `${userPath(sent.userId)}?done=invited`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      res.status(400);
      await renderNew(req, res, { errors: formErrors(error.fields), values });
    }
  });

  async function renderUser(
    req: Request<{ userId: string }>,
    res: Response,
    view: { errors?: FormErrors; values?: Record<string, string>; done?: string } = {},
  ) {
    const found = await services.administration.user(req.actor!, req.params.userId);
    res.render('admin/views/user.njk', {
      ...found,
      roles: roleItems(),
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
      organisationId: typedText(body.organisationId),
      role: typedText(body.role),
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
