import type { Request, Response, Router } from 'express';
import type { Services } from '../../platform/services.js';
import { caseloadText, demographicsText } from './service/schemas.js';
import { registerRecommendationRoutes } from './recommendation-routes.js';
import {
  demandEdit,
  formState,
  saveOrRerender,
  versionField,
  type Params,
  type Posted,
  type StandardParams,
  reportPath,
} from './edit-form.js';
import { typedText } from '../../platform/web/forms.js';

const proseFields = [
  'foreword',
  'signatoryName',
  'signatoryRole',
  'background',
  'localContext',
  'involvement',
  'diversity',
] as const;
const surveyFields = [
  'childrenConsented',
  'childrenReplied',
  'childrenAverageScore',
  'childrenSummary',
  'staffSurveyed',
  'staffReplied',
  'staffSummary',
  'meetings',
  'population',
  'youthPopulation',
  'demographics',
  'caseload',
] as const;
const asText = (value: number | null) => (value === null ? '' : String(value));

export function registerReportEditRoutes(router: Router, services: Services) {
  async function renderProse(req: Request<Params>, res: Response, posted?: Posted<Record<string, string>>) {
    await demandEdit(services, req);
    const found = await services.report.content(req.actor!, req.params.inspectionId);
    const stored: Record<string, string> = {
      ...Object.fromEntries(proseFields.map((f) => [f, found.content[f]])),
      keyQuestionFormat: found.content.keyQuestionFormat,
      showPromptTables: found.content.showPromptTables ? 'yes' : '',
    };
    res.render('report/views/prose.njk', {
      ...found,
      ...formState(req, posted, stored, found.content.version),
    });
  }

  const prosePath = '/inspections/:inspectionId/report/prose';
  router.get(prosePath, (req, res) => renderProse(req, res));
  router.post(prosePath, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const values: Record<string, string> = {
      ...Object.fromEntries(proseFields.map((f) => [f, typedText(body[f])])),
      keyQuestionFormat: typedText(body.keyQuestionFormat),
      showPromptTables: typedText(body.showPromptTables),
    };
    await saveOrRerender(
      res,
      () =>
        services.report.saveProse(req.actor!, req.params.inspectionId, {
          ...values,
          keyQuestionFormat: values.keyQuestionFormat as 'percentages',
          showPromptTables: values.showPromptTables === 'yes',
          expectedVersion: versionField(body.expectedVersion),
        }),
      `${reportPath(req.params.inspectionId)}/prose?saved=1`,
      (posted) => renderProse(req, res, { values, ...posted }),
    );
  });

  async function renderStandard(req: Request<StandardParams>, res: Response, posted?: Posted<Record<string, string>>) {
    await demandEdit(services, req);
    const found = await services.report.standardText(req.actor!, req.params.inspectionId, req.params.standardId);
    const stored = {
      narrative: found.text?.narrative ?? '',
      strengths: found.text?.strengths ?? '',
      areasForImprovement: found.text?.areasForImprovement ?? '',
    };
    res.render('report/views/standard.njk', {
      ...found,
      ...formState(req, posted, stored, found.text?.version ?? 0),
    });
  }

  const standardPath = '/inspections/:inspectionId/report/standards/:standardId';
  router.get(standardPath, (req, res) => renderStandard(req, res));
  router.post(standardPath, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const values = {
      narrative: typedText(body.narrative),
      strengths: typedText(body.strengths),
      areasForImprovement: typedText(body.areasForImprovement),
    };
    const { inspectionId, standardId } = req.params;
    await saveOrRerender(
      res,
      () =>
        services.report.saveStandardText(req.actor!, inspectionId, standardId, {
          ...values,
          expectedVersion: versionField(body.expectedVersion),
        }),
      `${reportPath(inspectionId)}/standards/${standardId}?saved=1`,
      (posted) => renderStandard(req, res, { values, ...posted }),
    );
  });

  async function renderSurveys(req: Request<Params>, res: Response, posted?: Posted<Record<string, string>>) {
    await demandEdit(services, req);
    const found = await services.report.content(req.actor!, req.params.inspectionId);
    const { surveys, contextFacts } = found.content;
    const stored: Record<string, string> = {
      childrenConsented: asText(surveys.childrenConsented),
      childrenReplied: asText(surveys.childrenReplied),
      childrenAverageScore: asText(surveys.childrenAverageScore),
      childrenSummary: surveys.childrenSummary,
      staffSurveyed: asText(surveys.staffSurveyed),
      staffReplied: asText(surveys.staffReplied),
      staffSummary: surveys.staffSummary,
      meetings: asText(contextFacts.meetings),
      population: asText(contextFacts.population),
      youthPopulation: asText(contextFacts.youthPopulation),
      demographics: demographicsText(contextFacts.demographics),
      caseload: caseloadText(contextFacts.caseload),
    };
    res.render('report/views/surveys.njk', {
      ...found,
      ...formState(req, posted, stored, found.content.version),
    });
  }

  const surveysPath = '/inspections/:inspectionId/report/surveys';
  router.get(surveysPath, (req, res) => renderSurveys(req, res));
  router.post(surveysPath, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const values = Object.fromEntries(surveyFields.map((f) => [f, typedText(body[f])]));
    await saveOrRerender(
      res,
      () =>
        services.report.saveSurveysAndContext(req.actor!, req.params.inspectionId, {
          ...values,
          expectedVersion: versionField(body.expectedVersion),
        }),
      `${reportPath(req.params.inspectionId)}/surveys?saved=1`,
      (posted) => renderSurveys(req, res, { values, ...posted }),
    );
  });

  async function renderSettings(req: Request<Params>, res: Response, posted?: Posted<Record<string, string>>) {
    await demandEdit(services, req);
    const found = await services.report.content(req.actor!, req.params.inspectionId);
    res.render('report/views/settings.njk', {
      ...found,
      ...formState(req, posted, { language: found.content.language }, found.content.version),
    });
  }

  const settingsPath = '/inspections/:inspectionId/report/settings';
  router.get(settingsPath, (req, res) => renderSettings(req, res));
  router.post(settingsPath, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const values = { language: typedText(body.language) };
    await saveOrRerender(
      res,
      () =>
        services.report.saveLanguage(req.actor!, req.params.inspectionId, {
          language: values.language as 'en',
          expectedVersion: versionField(body.expectedVersion),
        }),
      `${reportPath(req.params.inspectionId)}/settings?saved=1`,
      (posted) => renderSettings(req, res, { values, ...posted }),
    );
  });

  registerRecommendationRoutes(router, services);
}
