import type { Request, Router } from 'express';
import type { Services } from '../../platform/services.js';

type CaseParams = { inspectionId: string; caseId: string };

/** The cases the user chose to assess although they are allocated to someone else, kept for the session. */
const cookie = 'assess-anyway';
const confirmedOf = (req: Request) =>
  String((req.cookies as Record<string, string | undefined>)[cookie] ?? '')
    .split(',')
    .filter((id) => /^[0-9a-f-]{36}$/.test(id));
const casePathOf = (p: CaseParams) => `/inspections/${p.inspectionId}/cases/${p.caseId}`;
/** Where to go on after the warning: one of the case's own assessment pages, nothing else. */
const nextOf = (p: CaseParams, next: unknown) =>
  typeof next === 'string' && next.startsWith(`${casePathOf(p)}/standards/`) && /^[\w/.-]+$/.test(next)
    ? next
    : casePathOf(p);

/**
 * A warning page before assessing a case allocated to someone else: the assessment pages send an inspector to
 * it until they choose to go on, once per case.
 */
export function registerSomeoneElsesCaseRoutes(router: Router, services: Services) {
  const warningPath = (p: CaseParams) => `${casePathOf(p)}/assess-anyway`;

  router.get(
    [
      '/inspections/:inspectionId/cases/:caseId/standards/:standardId',
      '/inspections/:inspectionId/cases/:caseId/standards/:standardId/key-questions/:keyQuestionId',
    ],
    async (req: Request<CaseParams>, res, next) => {
      // The lead inspector, who allocates the cases, reviews any of them without the warning page.
      const permits = res.locals.permits as (permission: string) => boolean;
      if (permits('case.edit') || confirmedOf(req).includes(req.params.caseId)) return next();
      const { row } = await services.cases.caseFor(
        req.actor!,
        req.params.inspectionId,
        req.params.caseId,
        'case.assess',
      );
      if (row.allocatedTo === null || row.allocatedTo === req.actor!.id) return next();
      const query = new URLSearchParams({ next: req.path });
      return res.redirect(303, `${warningPath(req.params)}?${query.toString()}`);
    },
  );

  router.get('/inspections/:inspectionId/cases/:caseId/assess-anyway', async (req, res) => {
    const work = await services.caseWork.caseWork(
      req.actor!,
      req.params.inspectionId,
      req.params.caseId,
      'case.assess',
    );
    res.render('assessment/views/someone-elses.njk', {
      ...work,
      casePath: casePathOf(req.params),
      next: nextOf(req.params, req.query.next),
      activeNav: 'inspections',
    });
  });

  router.post('/inspections/:inspectionId/cases/:caseId/assess-anyway', async (req, res) => {
    // The access check: only those who may assess the case get past the warning.
    await services.cases.caseFor(req.actor!, req.params.inspectionId, req.params.caseId, 'case.assess');
    const confirmed = [...new Set([req.params.caseId, ...confirmedOf(req)])].slice(0, 50);
    res.cookie(cookie, confirmed.join(','), { httpOnly: true, sameSite: 'lax', path: '/inspections' });
    res.redirect(303, nextOf(req.params, (req.body as Record<string, unknown>).next));
  });
}
