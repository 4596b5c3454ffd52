import type { Request, Response, Router } from 'express';
import { getFramework } from '../../platform/framework-registry.js';
import { caseAttributeOptions } from './attributes.js';
import { ValidationError } from '../../platform/errors.js';
import type { Services } from '../../platform/services.js';
import { formErrors, formText, type FormErrors, saveOrRedisplay } from '../../platform/web/forms.js';
import { caseInputFrom, factorFields, formValuesOf } from './form.js';
import { registerCaseImportRoutes } from './import.js';

type Inspection = Awaited<ReturnType<Services['inspections']['get']>>;
const refShape = /^[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}$/;
const plural = (n: string) => `${n} ${n === '1' ? 'case' : 'cases'}`;

/** The success message a page sends the user back with; only ref- and number-shaped values are shown. */
function bannerOf(query: Request['query']): string | undefined {
  const word = (name: string, shape: RegExp) => {
    const value = query[name];
    return typeof value === 'string' && shape.test(value) ? value : undefined;
  };
  const [added, updated] = [word('added', refShape), word('updated', refShape)];
  const [imported, allocated] = [word('imported', /^\d{1,5}$/), word('allocated', /^\d{1,5}$/)];
  if (added) return `Case ${added} added`;
  if (updated) return `Case ${updated} updated`;
  if (imported) return `${plural(imported)} imported`;
  if (allocated) return `${plural(allocated)} ${query.nobody === '1' ? 'taken off their inspectors' : 'allocated'}`;
  return undefined;
}

export const labelsOf = (entries: readonly { id: string; label: string }[]) =>
  Object.fromEntries(entries.map((e) => [e.id, e.label]));

export function registerCaseRoutes(router: Router, services: Services) {
  const listPath = (inspectionId: string) => `/inspections/${inspectionId}/cases`;

  async function renderList(
    req: Request,
    res: Response,
    inspectionId: string,
    form: { errors?: FormErrors; selected?: string[]; userChoice?: string } = {},
  ) {
    const { inspection, framework, cases, inspectors } = await services.cases.caseList(req.actor!, inspectionId);
    res.render('cases/views/list.njk', {
      inspection,
      cases,
      inspectors,
      domainLabels: labelsOf(framework.file.caseDomains),
      disposalLabels: labelsOf(framework.file.disposalTypes),
      banner: form.errors ? undefined : bannerOf(req.query),
      selected: form.selected ?? [],
      userChoice: form.userChoice ?? '',
      errors: form.errors,
      activeNav: 'inspections',
    });
  }

  router.get('/inspections/:inspectionId/cases', async (req, res) => {
    await renderList(req, res, req.params.inspectionId);
  });

  router.post('/inspections/:inspectionId/cases/allocate', async (req, res) => {
    const { inspectionId } = req.params;
    const body = req.body as Record<string, unknown>;
    const caseIds = [body.caseIds].flat().filter((id): id is string => typeof id === 'string');
    const choice = formText(body.userId);
    const userId = choice === undefined ? undefined : choice === 'nobody' ? null : choice;
    await saveOrRedisplay(
      res,
      async () => {
        const { count } = await services.cases.allocate(req.actor!, inspectionId, caseIds, userId);
        return `${listPath(inspectionId)}?allocated=${count}${userId === null ? '&nobody=1' : ''}`;
      },
      async (errors) => {
        await renderList(req, res, inspectionId, {
          errors,
          selected: caseIds,
          userChoice: choice ?? '',
        });
      },
    );
  });

  function renderForm(
    res: Response,
    inspection: Inspection,
    page: { caseId?: string; ref?: string; values: Record<string, unknown>; errors?: FormErrors },
  ) {
    const { caseDomains, disposalTypes, caseFactors } = getFramework(inspection.frameworkId).file;
    res.render('cases/views/form.njk', {
      inspection,
      ...page,
      domains: caseDomains,
      disposalGroups: caseDomains.map((d) => ({
        label: d.label,
        disposals: disposalTypes.filter((t) => t.caseDomain === d.id),
      })),
      factors: factorFields.map((f) => ({ ...f, hint: caseFactors.find((c) => c.id === f.factorId)?.label })),
      options: caseAttributeOptions,
      activeNav: 'inspections',
    });
  }

  router.get('/inspections/:inspectionId/cases/new', async (req, res) => {
    const inspection = await services.inspections.get(req.actor!, req.params.inspectionId, 'case.edit');
    renderForm(res, inspection, { values: { caseManagerInterviewed: 'no' } });
  });

  router.post('/inspections/:inspectionId/cases/new', async (req, res) => {
    const { inspectionId } = req.params;
    const body = req.body as Record<string, unknown>;
    try {
      const row = await services.cases.add(req.actor!, inspectionId, caseInputFrom(body));
      res.redirect(303, `${listPath(inspectionId)}?added=${encodeURIComponent(row.ref)}`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const inspection = await services.inspections.get(req.actor!, inspectionId, 'case.edit');
      res.status(400);
      renderForm(res, inspection, { values: body, errors: formErrors(error.fields) });
    }
  });

  router.get('/inspections/:inspectionId/cases/:caseId/edit', async (req, res) => {
    const { inspection, row } = await services.cases.caseFor(
      req.actor!,
      req.params.inspectionId,
      req.params.caseId,
      'case.edit',
    );
    renderForm(res, inspection, { caseId: row.id, ref: row.ref, values: formValuesOf(row) });
  });

  router.post('/inspections/:inspectionId/cases/:caseId/edit', async (req, res) => {
    const { inspectionId, caseId } = req.params;
    const body = req.body as Record<string, unknown>;
    try {
      const row = await services.cases.update(req.actor!, inspectionId, caseId, caseInputFrom(body));
      res.redirect(303, `${listPath(inspectionId)}?updated=${encodeURIComponent(row.ref)}`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const { inspection, row } = await services.cases.caseFor(req.actor!, inspectionId, caseId, 'case.edit');
      res.status(400);
      renderForm(res, inspection, { caseId, ref: row.ref, values: body, errors: formErrors(error.fields) });
    }
  });

  registerCaseImportRoutes(router, services);
}
