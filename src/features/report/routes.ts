import type { Request, Response, Router } from 'express';
import { reportBodyHtml } from './render/report-html.js';
import { reportCss } from './render/report-css.js';
import { ForbiddenError, NotFoundError } from '../../platform/errors.js';
import type { Services } from '../../platform/services.js';
import { whoMay } from '../../policy/policy.js';
import { contentTypes, reportFormats } from './service/outputs.js';
import { formErrors, saveOrRedisplay } from '../../platform/web/forms.js';
import { registerReportEditRoutes } from './edit-routes.js';
import { isLanguage, languageNames, type Language } from '../../platform/i18n/index.js';

type Params = { inspectionId: string };
export const reportPath = (inspectionId: string) => `/inspections/${inspectionId}/report`;

/** `?edition=cy` (or `en`) asks for one edition of a report written in both; anything else is no file at all. */
export function editionOf(req: Request): Language | undefined {
  const value = req.query.edition;
  if (value === undefined || value === '') return undefined;
  if (!isLanguage(value)) throw new NotFoundError('report edition not found');
  return value;
}

/** `?version=2` names a published version; anything else that is not a whole number is no page at all. */
export function versionOf(req: Request): number | undefined {
  const value = req.query.version;
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !/^\d{1,6}$/.test(value)) throw new NotFoundError('report version not found');
  return Number(value);
}

export function registerReportRoutes(router: Router, services: Services) {
  router.get('/report.css', (_req, res) => {
    res.type('text/css').set('Cache-Control', 'private, max-age=3600').send(reportCss);
  });

  async function renderReport(req: Request<Params>, res: Response, version: number | undefined) {
    const { inspectionId } = req.params;
    const shown = await services.report.report(req.actor!, inspectionId, version);
    const abilities = await services.report.abilities(req.actor!, inspectionId);
    const editions = await services.report.editions(req.actor!, inspectionId);
    res.render('report/views/report.njk', {
      ...shown,
      abilities,
      editions: editions.length > 1 ? editions : [],
      languageNames,
      body: reportBodyHtml(shown.model, shown.state),
      framework: { standards: shown.model.domains.flatMap((d) => d.standards) },
      version,
      query: version === undefined ? '' : `?version=${version}`,
      published: req.query.published === '1',
      reportPath: reportPath(inspectionId),
      activeNav: 'inspections',
    });
  }

  router.get('/inspections/:inspectionId/report', async (req, res) => {
    await renderReport(req, res, versionOf(req));
  });

  router.get('/inspections/:inspectionId/report/versions/:versionNumber', async (req, res) => {
    const { versionNumber } = req.params;
    if (!/^\d{1,6}$/.test(versionNumber)) throw new NotFoundError('report version not found');
    await renderReport(req, res, Number(versionNumber));
  });

  for (const format of reportFormats)
    router.get(`/inspections/:inspectionId/report.${format}`, async (req, res) => {
      const { body, fileName } = await services.report.download(
        req.actor!,
        req.params.inspectionId,
        format,
        versionOf(req),
        editionOf(req),
      );
      res
        .type(contentTypes[format])
        // Always a download: the single HTML file carries its own styles, which the app's CSP would block inline.
        .set('Content-Disposition', `attachment; filename="${fileName}"`)
        .send(body);
    });

  router.get('/inspections/:inspectionId/report/versions', async (req, res) => {
    const { inspection, versions } = await services.report.versions(req.actor!, req.params.inspectionId);
    res.render('report/views/versions.njk', {
      inspection,
      versions,
      reportPath: reportPath(inspection.id),
      activeNav: 'inspections',
    });
  });

  async function renderPublish(req: Request<Params>, res: Response, errors?: Record<string, string>) {
    const shown = await services.report.report(req.actor!, req.params.inspectionId);
    const abilities = await services.report.abilities(req.actor!, req.params.inspectionId);
    if (!abilities.publish) throw new ForbiddenError(whoMay('report.publish'));
    res.render('report/views/publish.njk', {
      ...shown,
      errors: errors ? formErrors(errors) : undefined,
      reportPath: reportPath(req.params.inspectionId),
      activeNav: 'inspections',
    });
  }

  router.get('/inspections/:inspectionId/report/publish', async (req, res) => {
    await renderPublish(req, res);
  });

  router.post('/inspections/:inspectionId/report/publish', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const expected =
      typeof body.expectedVersion === 'string' && /^\d{1,6}$/.test(body.expectedVersion)
        ? Number(body.expectedVersion)
        : undefined;
    await saveOrRedisplay(
      res,
      async () => {
        await services.report.publish(req.actor!, req.params.inspectionId, { expectedVersion: expected });
        return `${reportPath(req.params.inspectionId)}?published=1`;
      },
      (errors, error) => renderPublish(req, res, error.fields),
    );
  });

  registerReportEditRoutes(router, services);
}
