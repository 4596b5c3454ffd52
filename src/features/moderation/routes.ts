import type { Request, Response, Router } from 'express';
import type { Services } from '../../platform/services.js';
import { type FormErrors, type FormFields, saveOrRedisplay, typedText } from '../../platform/web/forms.js';
import { agreementCsv, agreementXlsx } from './downloads.js';
import {
  agreementOverRounds,
  agreementRows,
  answerLabels,
  caseStatus,
  decisionChoices,
  effectRows,
  readingText,
  standardTitle,
} from './view-model.js';

type InspectionParams = { inspectionId: string };
type CaseParams = { caseId: string };

const moderationPath = (inspectionId: string) => `/inspections/${inspectionId}/moderation`;
const record = (value: unknown): Record<string, string> =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value as FormFields).map(([k, v]) => [k, typedText(v)]))
    : {};
const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(typedText).filter(Boolean) : typeof value === 'string' && value ? [value] : [];

export function registerModerationRoutes(router: Router, services: Services) {
  async function overview(
    req: Request<InspectionParams>,
    res: Response,
    posted?: { values: Record<string, unknown>; errors: FormErrors },
  ) {
    const found = await services.moderation.comparison(req.actor!, req.params.inspectionId);
    const abilities = await services.moderation.abilities(req.actor!, found.inspection);
    const choices = abilities.manage
      ? await services.moderation.selectionChoices(req.actor!, found.inspection.id)
      : null;
    res.render('moderation/views/overview.njk', {
      ...found,
      rounds: agreementOverRounds(await services.moderation.acrossRounds(req.actor!, found.inspection.id)),
      abilities,
      candidates: choices?.moderators ?? [],
      inspectionCases: choices?.cases ?? [],
      caseStatus,
      readingText,
      values: posted?.values ?? { how: 'share', percent: '20', caseIds: [] },
      errors: posted?.errors,
      selectedCount: req.query.selected,
      moderationPath: moderationPath(found.inspection.id),
      activeNav: 'inspections',
    });
  }

  router.get('/inspections/:inspectionId/moderation', (req, res) => overview(req, res));

  router.post('/inspections/:inspectionId/moderation/selection', async (req, res) => {
    const body = req.body as FormFields;
    const values = {
      moderatorId: typedText(body.moderatorId),
      how: typedText(body.how),
      percent: typedText(body.percent),
      seed: typedText(body.seed),
      caseIds: list(body.caseIds),
    };
    await saveOrRedisplay(
      res,
      async () => {
        const chosen = await services.moderation.select(req.actor!, req.params.inspectionId, {
          moderatorId: values.moderatorId,
          how: values.how as 'share' | 'hand',
          ...(values.percent && { percent: values.percent }),
          ...(values.seed && { seed: values.seed }),
          caseIds: values.caseIds,
        });
        return `${moderationPath(req.params.inspectionId)}?selected=${chosen.caseIds.length}`;
      },
      (errors) => overview(req, res, { values, errors }),
    );
  });

  router.get('/moderation', async (req, res) => {
    res.render('moderation/views/my-cases.njk', {
      cases: await services.moderation.myCases(req.actor!),
      activeNav: 'moderation',
    });
  });

  async function caseForm(
    req: Request<CaseParams>,
    res: Response,
    posted?: {
      answers: Record<string, string>;
      evidence: Record<string, string>;
      errors?: FormErrors;
      conflict?: boolean;
    },
  ) {
    const found = await services.moderation.caseForModerator(req.actor!, req.params.caseId);
    const answers =
      posted?.answers ?? Object.fromEntries(Object.entries(found.stored).map(([id, a]) => [id, a.answer]));
    const evidence =
      posted?.evidence ?? Object.fromEntries(Object.entries(found.stored).map(([id, a]) => [id, a.evidence]));
    res.render('moderation/views/case.njk', {
      ...found,
      answers,
      evidence,
      answerLabels,
      errors: posted?.errors,
      conflict: posted?.conflict ?? false,
      saved: !posted && req.query.saved === '1',
      activeNav: 'inspections',
    });
  }

  router.get('/moderation/cases/:caseId', (req, res) => caseForm(req, res));

  router.post('/moderation/cases/:caseId', async (req, res) => {
    const body = req.body as FormFields;
    const posted = { answers: record(body.answers), evidence: record(body.evidence) };
    await saveOrRedisplay(
      res,
      async () => {
        await services.moderation.save(req.actor!, req.params.caseId, {
          answers: posted.answers as Record<string, 'yes' | 'no' | 'n/a'>,
          evidence: posted.evidence,
          expectedVersion: typedText(body.version),
        });
        if (typedText(body.action) === 'complete') await services.moderation.complete(req.actor!, req.params.caseId);
        return typedText(body.action) === 'complete'
          ? '/moderation?completed=1'
          : `/moderation/cases/${req.params.caseId}?saved=1`;
      },
      (errors) => caseForm(req, res, { ...posted, errors }),
      () => caseForm(req, res, { ...posted, conflict: true }),
    );
  });

  router.get('/inspections/:inspectionId/moderation/agreement', async (req, res) => {
    const found = await services.moderation.comparison(req.actor!, req.params.inspectionId);
    res.render('moderation/views/agreement.njk', {
      ...found,
      rows: agreementRows(found.breakdown, found.names),
      readingText,
      moderationPath: moderationPath(found.inspection.id),
      activeNav: 'inspections',
    });
  });

  router.get('/inspections/:inspectionId/moderation/agreement.csv', async (req, res) => {
    const found = await services.moderation.comparison(req.actor!, req.params.inspectionId);
    res
      .type('text/csv')
      .attachment(`agreement-${found.inspection.id}.csv`)
      .send(agreementCsv(agreementRows(found.breakdown, found.names)));
  });

  router.get('/inspections/:inspectionId/moderation/agreement.xlsx', async (req, res) => {
    const found = await services.moderation.comparison(req.actor!, req.params.inspectionId);
    res
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .attachment(`agreement-${found.inspection.id}.xlsx`)
      .send(await agreementXlsx(agreementRows(found.breakdown, found.names)));
  });

  async function disagreements(
    req: Request<InspectionParams>,
    res: Response,
    posted?: { key: string; values: Record<string, string>; errors?: FormErrors; conflict?: boolean },
  ) {
    const found = await services.moderation.disagreements(req.actor!, req.params.inspectionId);
    const abilities = await services.moderation.abilities(req.actor!, found.inspection);
    res.render('moderation/views/disagreements.njk', {
      ...found,
      abilities,
      answerLabels,
      decisionChoices,
      posted,
      decided: req.query.decided === '1' && !posted,
      moderationPath: moderationPath(found.inspection.id),
      activeNav: 'inspections',
    });
  }

  router.get('/inspections/:inspectionId/moderation/disagreements', (req, res) => disagreements(req, res));

  router.post(
    '/inspections/:inspectionId/moderation/cases/:caseId/questions/:questionId/decision',
    async (req, res) => {
      const params = req.params;
      const body = req.body as FormFields;
      const values = { answer: typedText(body.answer), reason: typedText(body.reason) };
      const key = `${params.caseId}:${params.questionId}`;
      await saveOrRedisplay(
        res,
        async () => {
          await services.moderation.decideIn(req.actor!, params.inspectionId, params.caseId, params.questionId, {
            answer: values.answer as 'yes' | 'no' | 'n/a',
            reason: values.reason,
          });
          return `${moderationPath(params.inspectionId)}/disagreements?decided=1`;
        },
        (errors) => disagreements(req, res, { key, values, errors }),
        () => disagreements(req, res, { key, values, conflict: true }),
      );
    },
  );

  router.get('/inspections/:inspectionId/moderation/report', async (req, res) => {
    const report = await services.moderation.report(req.actor!, req.params.inspectionId);
    res.render('moderation/views/report.njk', {
      ...report,
      rows: agreementRows(report.breakdown, report.names),
      effect: effectRows(report.effect),
      leastAgreed: report.leastAgreed.map((s) => ({ ...s, title: standardTitle(s) })),
      readingText,
      answerLabels,
      moderationPath: moderationPath(report.inspection.id),
      activeNav: 'inspections',
    });
  });
}
