import type { Request, Response, Router } from 'express';
import type { Services } from '../../platform/services.js';
import { type FormErrors, saveOrRedisplay, typedText } from '../../platform/web/forms.js';

/** Retention settings and the deletion job; the download of everything held about a user. */
export function registerPrivacyRoutes(router: Router, services: Services) {
  async function renderRetention(
    req: Request,
    res: Response,
    view: { errors?: FormErrors; values?: Record<string, string> } = {},
  ) {
    const settings = await services.privacy.settings(req.actor!);
    const due = req.actor!.isAdmin ? await services.privacy.expired() : [];
    const deleted = Number(req.query.deleted);
    res.render('privacy/views/retention.njk', {
      settings,
      due,
      deleted: Number.isInteger(deleted) && deleted >= 0 && req.query.deleted !== undefined ? deleted : null,
      saved: typeof req.query.saved === 'string' ? req.query.saved.slice(0, 200) : null,
      values: Object.fromEntries(
        settings.map((s) => [s.id, s.retentionMonths === null ? '' : String(s.retentionMonths)]),
      ),
      ...view,
    });
  }

  router.get('/privacy/retention', async (req, res) => {
    await renderRetention(req, res);
  });

  router.post('/privacy/retention/run', async (req, res) => {
    const deleted = await services.privacy.run(req.actor!, { dryRun: false });
    res.redirect(303, `/privacy/retention?deleted=${deleted.length}`);
  });

  router.post('/privacy/retention/:organisationId', async (req, res) => {
    const months = (req.body as Record<string, unknown>).months;
    await saveOrRedisplay(
      res,
      async () => {
        await services.privacy.setRetention(req.actor!, req.params.organisationId, { months });
        const settings = await services.privacy.settings(req.actor!);
        const name = settings.find((s) => s.id === req.params.organisationId)?.name ?? '';
        return `/privacy/retention?saved=${encodeURIComponent(name)}`;
      },
      async (errors) => {
        const settings = await services.privacy.settings(req.actor!);
        const values = Object.fromEntries(
          settings.map((s) => [s.id, s.retentionMonths === null ? '' : String(s.retentionMonths)]),
        );
        values[req.params.organisationId] = typedText(months);
        return renderRetention(req, res, { errors, values });
      },
    );
  });

  async function renderRedact(
    req: Request<{ inspectionId: string; caseId: string }>,
    res: Response,
    view: { errors?: FormErrors; values?: Record<string, string> } = {},
  ) {
    const found = await services.privacy.redactable(req.actor!, req.params.inspectionId, req.params.caseId);
    res.render('privacy/views/redact.njk', {
      ...found,
      casePath: `/inspections/${req.params.inspectionId}/cases/${req.params.caseId}`,
      done: req.query.done === '1',
      values: view.values ?? { questionId: found.notes[0]?.questionId ?? '', text: '', reason: '' },
      errors: view.errors,
    });
  }

  router.get('/inspections/:inspectionId/cases/:caseId/redact', async (req, res) => {
    await renderRedact(req, res);
  });

  router.post('/inspections/:inspectionId/cases/:caseId/redact', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    await saveOrRedisplay(
      res,
      async () => {
        await services.privacy.redact(req.actor!, req.params.inspectionId, req.params.caseId, body);
        return `${req.originalUrl.split('?')[0]}?done=1`;
      },
      async (errors) => {
        const values = Object.fromEntries(['questionId', 'text', 'reason'].map((k) => [k, typedText(body[k])]));
        return renderRedact(req, res, { errors, values });
      },
    );
  });

  async function download(req: Request, res: Response, userId: string) {
    const held = await services.privacy.export(req.actor!, userId);
    res
      .type('application/json')
      .attachment(`yj-inspect-user-${held.user.email.replace(/[^\w.@-]+/g, '_')}.json`)
      .send(JSON.stringify(held, null, 2));
  }

  router.get('/account/export', async (req, res) => {
    await download(req, res, req.actor!.id);
  });

  router.get('/admin/users/:userId/export', async (req, res) => {
    await download(req, res, req.params.userId);
  });
}
