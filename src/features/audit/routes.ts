import type { Request, Router } from 'express';
import type { TrailEntry, TrailFilters } from './service.js';
import { pageLimit } from './service.js';
import { ValidationError } from '../../platform/errors.js';
import type { Services } from '../../platform/services.js';
import { formErrors } from '../../platform/web/forms.js';

const filterNames = ['user', 'action', 'inspection', 'from', 'to'] as const;

/** The filters as typed in the query string: strings only, so that they are re-shown as typed. */
function filtersOf(query: Request['query']): TrailFilters {
  const filters: Record<string, string> = {};
  for (const name of filterNames) {
    const value = query[name];
    if (typeof value === 'string' && value.trim() !== '') filters[name] = value;
  }
  return filters;
}

const shown = (value: unknown) =>
  value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value, null, 1);

/** What an event changed: each field whose value differs between before and after, both shown. */
export function changesOf(event: Pick<TrailEntry, 'before' | 'after'>) {
  const asRecord = (value: unknown): Record<string, unknown> =>
    value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const [before, after] = [asRecord(event.before), asRecord(event.after)];
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({ field, before: shown(before[field]), after: shown(after[field]) }));
}

const historyRows = (events: TrailEntry[]) => events.map((event) => ({ ...event, changes: changesOf(event) }));

export function registerAuditRoutes(router: Router, services: Services) {
  router.get('/audit', async (req, res) => {
    const filters = filtersOf(req.query);
    try {
      const found = await services.auditTrail.search(req.actor!, filters);
      const exportQuery = new URLSearchParams(filters as Record<string, string>).toString();
      res.render('audit/views/trail.njk', {
        ...found,
        events: historyRows(found.events),
        filters,
        pageLimit,
        exportHref: `/audit/export.csv${exportQuery ? `?${exportQuery}` : ''}`,
        activeNav: 'audit',
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const empty = await services.auditTrail.search(req.actor!, {});
      res.status(400).render('audit/views/trail.njk', {
        ...empty,
        events: [],
        total: 0,
        filters,
        errors: formErrors(error.fields),
        activeNav: 'audit',
      });
    }
  });

  router.get('/audit/export.csv', async (req, res) => {
    const csv = await services.auditTrail.exportCsv(req.actor!, filtersOf(req.query));
    const stamp = services.clock.now().toISOString().slice(0, 10);
    res
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="yj-inspect-audit-${stamp}.csv"`)
      .send(csv);
  });

  router.get('/inspections/:inspectionId/cases/:caseId/history', async (req, res) => {
    const found = await services.auditTrail.caseHistory(req.actor!, req.params.inspectionId, req.params.caseId);
    res.render('audit/views/history.njk', {
      inspection: found.inspection,
      heading: `History of case ${found.case.ref}`,
      backHref: `/inspections/${found.inspection.id}/cases/${found.case.id}`,
      backText: `Case ${found.case.ref}`,
      events: historyRows(found.events),
      activeNav: 'inspections',
    });
  });

  router.get('/inspections/:inspectionId/standards/:standardId/history', async (req, res) => {
    const { inspectionId, standardId } = req.params;
    const found = await services.auditTrail.standardHistory(req.actor!, inspectionId, standardId);
    const judged = found.standard.assessment === 'judged';
    res.render('audit/views/history.njk', {
      inspection: found.inspection,
      heading: `History of standard ${found.standard.id} ${found.standard.title}`,
      // The framework's title apart, for the page to print in its language.
      standard: { id: found.standard.id, title: found.standard.title },
      backHref: judged
        ? `/inspections/${inspectionId}/standards/${standardId}/judgement`
        : `/inspections/${inspectionId}/ratings/${standardId}`,
      backText: `Standard ${found.standard.id}`,
      events: historyRows(found.events),
      activeNav: 'inspections',
    });
  });
}
