import type { Request, Response, Router } from 'express';
import { recommendationActors } from './tables.js';
import type { Framework } from '../../domain/framework/model.js';
import { recommendationActorLabels } from '../../domain/report/model.js';
import type { Services } from '../../platform/services.js';
import { type FormErrors, typedText } from '../../platform/web/forms.js';
import { t } from '../../platform/i18n/index.js';
import { demandEdit, saveOrRerender, versionField } from './edit-form.js';

type Params = { inspectionId: string };
type RecommendationParams = Params & { recommendationId: string };

interface RecommendationValues {
  number: string;
  actor: string;
  actorName: string;
  text: string;
  standardIds: string[];
}

const listPath = (inspectionId: string) => `/inspections/${inspectionId}/report/recommendations`;
const empty: RecommendationValues = { number: '', actor: '', actorName: '', text: '', standardIds: [] };

function valuesOf(body: Record<string, unknown>): RecommendationValues {
  const standards = body.standardIds;
  return {
    number: typedText(body.number),
    actor: typedText(body.actor),
    actorName: typedText(body.actorName),
    text: typedText(body.text),
    standardIds: (Array.isArray(standards) ? standards : [standards]).filter((s): s is string => typeof s === 'string'),
  };
}

/** The form's radios and checkboxes, with what the user chose. */
function choices(framework: Framework, values: RecommendationValues) {
  return {
    actorChoices: recommendationActors.map((a) => ({
      value: a,
      text: t(recommendationActorLabels[a]),
      checked: values.actor === a,
    })),
    standardChoices: framework.standards.map((s) => ({
      value: s.id,
      text: `${s.id} ${t(s.title)}`,
      checked: values.standardIds.includes(s.id),
    })),
  };
}

const toInput = (values: RecommendationValues, expectedVersion?: number) => ({
  number: values.number,
  actor: values.actor as (typeof recommendationActors)[number],
  actorName: values.actorName,
  text: values.text,
  standardIds: values.standardIds,
  expectedVersion,
});

export function registerRecommendationRoutes(router: Router, services: Services) {
  async function renderList(
    req: Request<Params>,
    res: Response,
    posted?: { values: RecommendationValues; errors?: FormErrors },
  ) {
    const found = await services.report.recommendations.list(req.actor!, req.params.inspectionId);
    const abilities = await services.report.abilities(req.actor!, req.params.inspectionId);
    const values = posted?.values ?? empty;
    res.render('report/views/recommendations.njk', {
      ...found,
      ...choices(found.framework, values),
      abilities,
      actorLabels: recommendationActorLabels,
      values,
      errors: posted?.errors,
      added: req.query.added === '1' && !posted,
      removed: req.query.removed === '1' && !posted,
      reportPath: `/inspections/${req.params.inspectionId}/report`,
      activeNav: 'inspections',
    });
  }

  const route = '/inspections/:inspectionId/report/recommendations';
  router.get(route, (req, res) => renderList(req, res));
  router.post(route, async (req, res) => {
    const values = valuesOf(req.body as Record<string, unknown>);
    await saveOrRerender(
      res,
      () => services.report.recommendations.add(req.actor!, req.params.inspectionId, toInput(values)),
      `${listPath(req.params.inspectionId)}?added=1`,
      (posted) => renderList(req, res, { values, errors: posted.errors }),
    );
  });

  async function renderEdit(
    req: Request<RecommendationParams>,
    res: Response,
    posted?: { values: RecommendationValues; errors?: FormErrors; conflict?: boolean },
  ) {
    await demandEdit(services, req);
    const found = await services.report.recommendations.get(
      req.actor!,
      req.params.inspectionId,
      req.params.recommendationId,
    );
    const r = found.recommendation;
    const values = posted?.values ?? {
      number: String(r.number),
      actor: r.actor,
      actorName: r.actorName,
      text: r.text,
      standardIds: r.standardIds,
    };
    res.render('report/views/recommendation.njk', {
      ...found,
      ...choices(found.framework, values),
      values,
      errors: posted?.errors,
      conflict: posted?.conflict ?? false,
      version: r.version,
      reportPath: `/inspections/${req.params.inspectionId}/report`,
      listPath: listPath(req.params.inspectionId),
      activeNav: 'inspections',
    });
  }

  const editRoute = '/inspections/:inspectionId/report/recommendations/:recommendationId';
  router.get(editRoute, (req, res) => renderEdit(req, res));
  router.post(editRoute, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const values = valuesOf(body);
    const { inspectionId, recommendationId } = req.params;
    await saveOrRerender(
      res,
      () =>
        services.report.recommendations.update(
          req.actor!,
          inspectionId,
          recommendationId,
          toInput(values, versionField(body.expectedVersion)),
        ),
      listPath(inspectionId),
      (posted) => renderEdit(req, res, { values, ...posted }),
    );
  });

  router.post(`${editRoute}/remove`, async (req, res) => {
    await services.report.recommendations.remove(req.actor!, req.params.inspectionId, req.params.recommendationId);
    res.redirect(303, `${listPath(req.params.inspectionId)}?removed=1`);
  });
}
