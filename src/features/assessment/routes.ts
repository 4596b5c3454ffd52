import type { Request, Response, Router } from 'express';
import type { Services } from '../../platform/services.js';
import { saveOrRedisplay, type FormErrors } from '../../platform/web/forms.js';
import { evidenceWarnings } from '../privacy/index.js';
import { registerCaseRoutes } from './case-routes.js';
import { registerStandardRoutes } from './standard-routes.js';
import { registerSomeoneElsesCaseRoutes } from './someone-elses.js';
import { conflictRows, postedForm, questionFields, storedValues, type FormValues } from './view-model.js';

type KeyQuestionParams = { inspectionId: string; caseId: string; standardId: string; keyQuestionId: string };

const casePath = (p: { inspectionId: string; caseId: string }) => `/inspections/${p.inspectionId}/cases/${p.caseId}`;
const standardPath = (p: { inspectionId: string; caseId: string; standardId: string }) =>
  `${casePath(p)}/standards/${p.standardId}`;

export function registerAssessmentRoutes(router: Router, services: Services) {
  registerCaseRoutes(router, services);
  registerSomeoneElsesCaseRoutes(router, services);
  registerStandardRoutes(router, services);

  /** The key question page, from stored answers or from what the user just posted. */
  async function renderKeyQuestion(
    req: Request<KeyQuestionParams>,
    res: Response,
    posted?: { values: FormValues; errors?: FormErrors; conflict?: boolean },
  ) {
    const { inspectionId, caseId, standardId, keyQuestionId } = req.params;
    const page = await services.assessment.keyQuestion(
      req.actor!,
      inspectionId,
      caseId,
      standardId,
      keyQuestionId,
      'case.assess',
    );
    const values = posted?.values ?? storedValues(page.answers);
    const fields = questionFields(page.questions, values, posted?.errors);
    res.render('assessment/views/key-question.njk', {
      ...page,
      prompts: fields.filter((f) => f.kind === 'prompt'),
      keyQuestionField: fields.find((f) => f.kind === 'keyQuestion'),
      errors: posted?.errors,
      // After a refused save the form carries the version now stored, so saving again is a deliberate choice.
      version: page.case.version,
      conflict: posted?.conflict ? conflictRows(page.questions, posted.values, page.answers) : null,
      // Issue 4: evidence that looks like a name or a date of birth is saved, with a warning to fix it.
      privacyWarnings: evidenceWarnings(values.evidence, services.clock.now()),
      justSaved: req.query.saved === '1',
      casePath: casePath(req.params),
      standardPath: standardPath(req.params),
      nextPath: page.next
        ? `${standardPath(req.params)}/key-questions/${page.next}`
        : `${standardPath(req.params)}/check`,
      activeNav: 'inspections',
    });
  }

  const keyQuestionRoute =
    '/inspections/:inspectionId/cases/:caseId/standards/:standardId/key-questions/:keyQuestionId';

  router.get(keyQuestionRoute, async (req, res) => {
    await renderKeyQuestion(req, res);
  });

  router.post(keyQuestionRoute, async (req, res) => {
    const { inspectionId, caseId, standardId, keyQuestionId } = req.params;
    const body = req.body as Record<string, unknown>;
    const { values, version } = postedForm(body);
    await saveOrRedisplay(
      res,
      async () => {
        const { next } = await services.assessment.saveKeyQuestion(
          req.actor!,
          inspectionId,
          caseId,
          standardId,
          keyQuestionId,
          { ...values, expectedVersion: version },
        );
        if (evidenceWarnings(values.evidence, services.clock.now()).length > 0)
          return `${req.originalUrl.split('?')[0]}?saved=1`;
        if (body.action === 'return') return casePath(req.params);
        const base = standardPath(req.params);
        return next ? `${base}/key-questions/${next}` : `${base}/check`;
      },
      (errors) => renderKeyQuestion(req, res, { values, errors }),
      () => renderKeyQuestion(req, res, { values, conflict: true }),
    );
  });

  router.get('/inspections/:inspectionId/cases/:caseId/standards/:standardId/check', async (req, res) => {
    const { inspectionId, caseId, standardId } = req.params;
    const found = await services.assessment.standard(req.actor!, inspectionId, caseId, standardId);
    const values = storedValues(found.answers);
    res.render('assessment/views/check.njk', {
      ...found,
      // The key question's own answer first: it is the one that counts towards the rating.
      keyQuestions: found.keyQuestions.map((k) => ({
        ...k,
        fields: questionFields(
          [...k.questions.filter((q) => q.kind === 'keyQuestion'), ...k.questions.filter((q) => q.kind === 'prompt')],
          values,
        ),
      })),
      casePath: casePath(req.params),
      standardPath: standardPath(req.params),
      activeNav: 'inspections',
    });
  });
}
