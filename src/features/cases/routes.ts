import type { Request, Response, Router } from 'express';
import { getFramework } from '../../platform/framework-registry.js';
import { caseAttributeOptions, factorFieldsOf } from './attributes.js';
import { t } from '../../platform/i18n/index.js';
import type { Services } from '../../platform/services.js';
import { formText, type FormErrors, saveOrRedisplay } from '../../platform/web/forms.js';
import { caseInputFrom, formValuesOf } from './form.js';
import { registerCaseImportRoutes } from './import.js';
import {
  caseProgress,
  caseSearchOf,
  caseSorts,
  progressLabels,
  queryOf,
  sortLabels,
  type CaseSearch,
} from './search.js';

type Inspection = Awaited<ReturnType<Services['inspections']['get']>>;
const refShape = /^[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}$/;

/** The success message a page sends the user back with; only ref- and number-shaped values are shown. */
function bannerOf(query: Request['query']): string | undefined {
  const word = (name: string, shape: RegExp) => {
    const value = query[name];
    return typeof value === 'string' && shape.test(value) ? value : undefined;
  };
  const [added, updated] = [word('added', refShape), word('updated', refShape)];
  const [imported, allocated] = [word('imported', /^\d{1,5}$/), word('allocated', /^\d{1,5}$/)];
  // Whole sentences, so that the catalogue holds each with its value; the page prints the banner with t().
  if (added) return `Case ${added} added`;
  if (updated) return `Case ${updated} updated`;
  if (imported) return imported === '1' ? '1 case imported' : `${imported} cases imported`;
  if (allocated && query.nobody === '1')
    return allocated === '1' ? '1 case taken off their inspectors' : `${allocated} cases taken off their inspectors`;
  if (allocated) return allocated === '1' ? '1 case allocated' : `${allocated} cases allocated`;
  return undefined;
}

const pageLink = (word: 'Previous' | 'Next') => `${t(word)}<span class="govuk-visually-hidden"> ${t('page')}</span>`;

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
    const search = caseSearchOf(req.query);
    const list = await services.cases.caseList(req.actor!, inspectionId, search);
    const { framework, inspectors } = list;
    const domainLabels = labelsOf(framework.file.caseDomains);
    const disposalLabels = labelsOf(framework.file.disposalTypes);
    const inspectorLabels: Record<string, string> = {
      me: 'My cases',
      none: 'Not allocated',
      ...Object.fromEntries(inspectors.map((i) => [i.userId, i.displayName])),
    };
    res.render('cases/views/list.njk', {
      ...list,
      search,
      query: queryOf(search),
      filters: filtersOf(search, { domain: domainLabels, disposal: disposalLabels, inspector: inspectorLabels }),
      options: {
        domain: framework.file.caseDomains.map((d) => ({ value: d.id, text: d.label })),
        disposal: framework.file.disposalTypes.map((d) => ({ value: d.id, text: d.label })),
        inspector: Object.entries(inspectorLabels).map(([value, text]) => ({ value, text })),
        progress: caseProgress.map((value) => ({ value, text: progressLabels[value] })),
        sort: caseSorts.map((value) => ({ value, text: sortLabels[value] })),
      },
      pagination: paginationOf(search, list.page, list.pages),
      domainLabels,
      disposalLabels,
      banner: form.errors ? undefined : bannerOf(req.query),
      selected: form.selected ?? [],
      userChoice: form.userChoice ?? '',
      errors: form.errors,
      activeNav: 'inspections',
    });
  }

  /** The filters in force, each with the link that removes it (the MoJ filter's selected filters). */
  function filtersOf(search: CaseSearch, labels: Record<'domain' | 'disposal' | 'inspector', Record<string, string>>) {
    const categories = [];
    if (search.q)
      categories.push({
        heading: { text: t('Reference') },
        items: [{ text: search.q, href: queryOf(search, { q: '', page: 1 }) || '?' }],
      });
    const named = { ...labels, progress: progressLabels as Record<string, string> };
    const headings = { domain: 'Kind of case', disposal: 'Disposal', inspector: 'Inspector', progress: 'Progress' };
    for (const name of ['domain', 'disposal', 'inspector', 'progress'] as const) {
      const values: string[] = search[name];
      if (values.length === 0) continue;
      categories.push({
        heading: { text: t(headings[name]) },
        items: values.map((value) => ({
          text: t(named[name][value] ?? value),
          href: queryOf(search, { [name]: values.filter((v) => v !== value), page: 1 }) || '?',
        })),
      });
    }
    return categories;
  }

  /** GOV.UK pagination's links, keeping the search. */
  function paginationOf(search: CaseSearch, page: number, pages: number) {
    if (pages <= 1) return null;
    const href = (n: number) => queryOf(search, { page: n }) || '?';
    const shown = [...new Set([1, page - 1, page, page + 1, pages])]
      .filter((n) => n >= 1 && n <= pages)
      .sort((a, b) => a - b);
    const items: object[] = [];
    shown.forEach((n, i) => {
      if (i > 0 && n - shown[i - 1]! > 1) items.push({ ellipsis: true });
      items.push({ number: n, href: href(n), current: n === page });
    });
    return {
      items,
      landmarkLabel: t('Pagination'),
      // GOV.UK's own words ("Previous page", "Next page"), in the page's language.
      ...(page > 1 && { previous: { href: href(page - 1), html: pageLink('Previous') } }),
      ...(page < pages && { next: { href: href(page + 1), html: pageLink('Next') } }),
    };
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
        // Back to the same search and page, with the banner.
        const query = queryOf(caseSearchOf(req.query));
        const banner = `allocated=${count}${userId === null ? '&nobody=1' : ''}`;
        return `${listPath(inspectionId)}${query ? `${query}&` : '?'}${banner}`;
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
      factors: factorFieldsOf(caseFactors).map((f) => ({
        ...f,
        hint: caseFactors.find((c) => c.id === f.factorId)?.label,
      })),
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
    await saveOrRedisplay(
      res,
      async () => {
        const row = await services.cases.add(req.actor!, inspectionId, caseInputFrom(body));
        return `${listPath(inspectionId)}?added=${encodeURIComponent(row.ref)}`;
      },
      async (errors) => {
        const inspection = await services.inspections.get(req.actor!, inspectionId, 'case.edit');
        renderForm(res, inspection, { values: body, errors });
      },
    );
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
    await saveOrRedisplay(
      res,
      async () => {
        const row = await services.cases.update(req.actor!, inspectionId, caseId, caseInputFrom(body));
        return `${listPath(inspectionId)}?updated=${encodeURIComponent(row.ref)}`;
      },
      async (errors) => {
        const { inspection, row } = await services.cases.caseFor(req.actor!, inspectionId, caseId, 'case.edit');
        renderForm(res, inspection, { caseId, ref: row.ref, values: body, errors });
      },
    );
  });

  registerCaseImportRoutes(router, services);
}
