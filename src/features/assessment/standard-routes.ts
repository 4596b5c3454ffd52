import type { Request, Response, Router } from 'express';
import { ConflictError, ValidationError } from '../../platform/errors.js';
import { t } from '../../platform/i18n/index.js';
import type { Services } from '../../platform/services.js';
import { fieldId, formErrors, type FormErrors } from '../../platform/web/forms.js';
import { evidenceWarnings } from '../privacy/index.js';
import { bulkAnswerOf, withBulkAnswer, type BulkAnswer } from './standard-form.js';
import { caseCard, conflictRows, postedForm, questionFields, storedValues, type FormValues } from './view-model.js';

type StandardParams = { inspectionId: string; caseId: string; standardId: string };

export const casePathOf = (p: { inspectionId: string; caseId: string }) =>
  `/inspections/${p.inspectionId}/cases/${p.caseId}`;
const standardPageOf = (p: StandardParams) => `${casePathOf(p)}/standards/${p.standardId}`;

/** A multi-valued form field (checkboxes) as a list of strings. */
export const listOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');

const wantsJson = (req: Request) => req.get('accept')?.includes('application/json') ?? false;

/** Whole sentences, so that the catalogue holds each with its values; the page prints them with t(). */
const remainingText = (standard: number, inCase: number) =>
  standard === 0
    ? `Every question on this page is answered. ${inCase} left in the case.`
    : standard === 1
      ? `1 question left on this page, ${inCase} in the case.`
      : `${standard} questions left on this page, ${inCase} in the case.`;

/** One page per standard: every key question with its prompts, saved as a draft, with bulk answers. */
export function registerStandardRoutes(router: Router, services: Services) {
  async function renderStandard(
    req: Request<StandardParams>,
    res: Response,
    posted?: { values: FormValues; bulk: BulkAnswer | null; errors?: FormErrors; conflict?: boolean },
  ) {
    const page = await services.caseWork.standardPage(
      req.actor!,
      req.params.inspectionId,
      req.params.caseId,
      req.params.standardId,
    );
    const values = posted?.values ?? storedValues(page.answers);
    if (posted?.bulk) values.answers = withBulkAnswer(page.keyQuestions, values.answers, posted.bulk);
    const looksPersonal = new Set(evidenceWarnings(values.evidence, services.clock.now()).map((w) => w.questionId));
    const sections = page.keyQuestions.map((k) => {
      const fields = questionFields(k.questions, values, posted?.errors).map((f) => ({
        ...f,
        heldBack: looksPersonal.has(f.id) && f.evidenceError !== undefined,
      }));
      return {
        keyQuestion: k.keyQuestion,
        applies: k.applies,
        reason: fields.at(-1)!.notApplicableBecause,
        prompts: fields.filter((f) => f.kind === 'prompt'),
        judgement: fields.at(-1)!,
        anchor: `kq-${fieldId(k.keyQuestion.id)}`,
      };
    });
    const questions = page.keyQuestions.flatMap((k) => k.questions);
    res.render('assessment/views/standard.njk', {
      ...page,
      sections,
      card: caseCard(page.framework, page.case, page.allocatedName),
      canCorrectFactors: true,
      errors: posted?.errors,
      version: page.case.version,
      total: questions.filter((q) => !q.notApplicableBecause).length,
      remainingText: remainingText(page.remaining, page.caseRemaining),
      conflict: posted?.conflict ? conflictRows(questions, posted.values, page.answers) : null,
      conflictCaption: `Answers to standard ${page.standard.id}`,
      reloadPath: standardPageOf(req.params),
      justSaved: req.query.saved === 'draft',
      casePath: casePathOf(req.params),
      activeNav: 'inspections',
    });
  }

  const standardRoute = '/inspections/:inspectionId/cases/:caseId/standards/:standardId';

  router.get(standardRoute, async (req, res) => {
    await renderStandard(req, res);
  });

  router.post(standardRoute, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const { values, version } = postedForm(body);
    const bulk = bulkAnswerOf(body.bulk);
    try {
      const saved = await services.caseWork.saveStandard(
        req.actor!,
        req.params.inspectionId,
        req.params.caseId,
        req.params.standardId,
        { ...values, confirmedNotPersonal: listOf(body.notPersonal), expectedVersion: version, bulk },
      );
      if (wantsJson(req))
        return res.json({
          version: saved.version,
          status: saved.status,
          remaining: saved.remaining,
          // The page's own words, in its language: the script shows them as they are.
          remainingText: t(remainingText(saved.remaining, saved.caseRemaining)),
        });
      const here = standardPageOf(req.params);
      if (bulk)
        return res.redirect(
          303,
          `${here}?saved=draft#${bulk.keyQuestionId ? `kq-${fieldId(bulk.keyQuestionId)}` : 'remaining'}`,
        );
      if (body.action === 'return') return res.redirect(303, casePathOf(req.params));
      const next = saved.nextStandardId;
      return res.redirect(
        303,
        next ? `${casePathOf(req.params)}/standards/${next}` : `${casePathOf(req.params)}/check`,
      );
    } catch (error) {
      if (error instanceof ValidationError) {
        res.status(400);
        if (wantsJson(req)) return res.json({ errors: formErrors(error.fields).list });
        return renderStandard(req, res, { values, bulk, errors: formErrors(error.fields) });
      }
      if (error instanceof ConflictError) {
        res.status(409);
        if (wantsJson(req)) return res.json({ conflict: error.message });
        return renderStandard(req, res, { values, bulk, conflict: true });
      }
      throw error;
    }
  });
}
