import type { Request, Response, Router } from 'express';
import type { Services } from '../../platform/services.js';
import { type FormErrors, saveOrRedisplay, typedText } from '../../platform/web/forms.js';
import { caseAttributeOptions, factorFields, factorFieldsOf } from '../cases/index.js';
import { casePathOf } from './standard-routes.js';
import { caseCard, caseDetailsRows, questionFields, storedValues, taskListStatus } from './view-model.js';

type CaseParams = { inspectionId: string; caseId: string };

const idList = (value: unknown) =>
  typeof value === 'string' ? value.split(',').filter((id) => /^[\w.]+$/.test(id)) : [];

const factorValue = (value: boolean | null) => (value === null ? '' : value ? 'yes' : 'no');

/** The case's page, its check-your-answers page with "Mark as complete", and the factors' correction. */
export function registerCaseRoutes(router: Router, services: Services) {
  router.get('/inspections/:inspectionId/cases/:caseId', async (req, res) => {
    const work = await services.caseWork.caseWork(req.actor!, req.params.inspectionId, req.params.caseId);
    const { keyQuestionById } = work.framework;
    const named = (ids: string[]) =>
      ids.flatMap((id) => {
        const found = keyQuestionById.get(id);
        return found ? [{ id, text: found.keyQuestion.text }] : [];
      });
    const completedRef = typeof req.query.completed === 'string' ? req.query.completed.slice(0, 40) : null;
    res.render('assessment/views/case.njk', {
      ...work,
      standards: work.standards.map((s) => ({ ...s, taskStatus: taskListStatus(s.status) })),
      casePath: casePathOf(req.params),
      summaryRows: caseDetailsRows(work.framework, work.case, work.allocatedName),
      completedRef: completedRef && /^[\w/.-]+$/.test(completedRef) ? completedRef : null,
      lastOfMine: req.query.last === '1',
      factorsChanged:
        req.query.factors === 'changed'
          ? { broughtIn: named(idList(req.query.in)), ruledOut: named(idList(req.query.out)) }
          : null,
      activeNav: 'inspections',
    });
  });

  async function renderCheck(req: Request<CaseParams>, res: Response, errors?: FormErrors) {
    const work = await services.caseWork.caseWork(req.actor!, req.params.inspectionId, req.params.caseId);
    const values = storedValues(work.answers);
    res.render('assessment/views/case-check.njk', {
      ...work,
      standards: work.standards.map((s) => ({
        ...s,
        taskStatus: taskListStatus(s.status),
        keyQuestions: s.keyQuestions.map((k) => ({
          ...k,
          // The key question's own answer first: it is the one that counts towards the rating.
          fields: questionFields([k.questions.at(-1)!, ...k.questions.slice(0, -1)], values),
        })),
      })),
      card: caseCard(work.framework, work.case, work.allocatedName),
      canCorrectFactors: work.canAssess,
      casePath: casePathOf(req.params),
      errors,
      activeNav: 'inspections',
    });
  }

  router.get('/inspections/:inspectionId/cases/:caseId/check', async (req, res) => {
    await renderCheck(req, res);
  });

  router.post('/inspections/:inspectionId/cases/:caseId/complete', async (req, res) => {
    const { inspectionId, caseId } = req.params;
    await saveOrRedisplay(
      res,
      async () => {
        const { nextCase } = await services.caseWork.markComplete(req.actor!, inspectionId, caseId);
        const work = await services.caseWork.caseWork(req.actor!, inspectionId, caseId);
        const done = encodeURIComponent(work.case.ref);
        if (nextCase) return `/inspections/${inspectionId}/cases/${nextCase.id}?completed=${done}`;
        return `${casePathOf(req.params)}?completed=${done}&last=1`;
      },
      (errors) => renderCheck(req, res, errors),
    );
  });

  async function renderFactors(
    req: Request<CaseParams>,
    res: Response,
    posted?: { values: Record<string, string>; errors: FormErrors },
  ) {
    const work = await services.caseWork.caseWork(
      req.actor!,
      req.params.inspectionId,
      req.params.caseId,
      'case.assess',
    );
    const c = work.case;
    res.render('assessment/views/factors.njk', {
      ...work,
      card: caseCard(work.framework, c, work.allocatedName),
      canCorrectFactors: false,
      casePath: casePathOf(req.params),
      options: caseAttributeOptions,
      factors: factorFieldsOf(work.framework.file.caseFactors).map((f) => ({
        ...f,
        label: work.framework.file.caseFactors.find((c) => c.id === f.factorId)!.label,
      })),
      values: posted?.values ?? {
        rosh: c.rosh ?? '',
        swb: c.swb ?? '',
        ...Object.fromEntries(factorFields.map((f) => [f.field, factorValue(c[f.field])])),
        reason: '',
      },
      errors: posted?.errors,
      activeNav: 'inspections',
    });
  }

  router.get('/inspections/:inspectionId/cases/:caseId/factors', async (req, res) => {
    await renderFactors(req, res);
  });

  router.post('/inspections/:inspectionId/cases/:caseId/factors', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    await saveOrRedisplay(
      res,
      async () => {
        const { broughtIn, ruledOut } = await services.caseWork.correctFactors(
          req.actor!,
          req.params.inspectionId,
          req.params.caseId,
          body,
        );
        const query = new URLSearchParams({ factors: 'changed', in: broughtIn.join(','), out: ruledOut.join(',') });
        return `${casePathOf(req.params)}?${query.toString()}`;
      },
      (errors) => {
        const values = Object.fromEntries(
          ['rosh', 'swb', ...factorFields.map((f) => f.field), 'reason'].map((k) => [k, typedText(body[k])]),
        );
        return renderFactors(req, res, { values, errors });
      },
    );
  });
}
