import type { Services } from '../../platform/services.js';
import type { Endpoint, RequestBody } from '../../platform/web/api/openapi.js';

/** Keeps each endpoint's body type tied to its handler (as routes.ts does). */
const endpoint = <K extends RequestBody | undefined = undefined>(definition: Endpoint<K>) =>
  definition as unknown as Endpoint;

const versionParam = (value: string) => (/^\d{1,6}$/.test(value) ? Number(value) : -1);

/** The inspection report (issue 6): its figures and text as JSON, its prose, recommendations and publishing. */
export function reportEndpoints(services: Services): Endpoint[] {
  const shown = async (actor: Parameters<Services['report']['report']>[0], id: string, version?: number) => {
    const { model, state, latestVersion, changedSincePublished, notPublishable } = await services.report.report(
      actor,
      id,
      version,
    );
    return { state, latestVersion, changedSincePublished, notPublishable, report: model };
  };
  return [
    endpoint({
      method: 'get',
      path: '/inspections/:id/report',
      operationId: 'getReport',
      summary: 'The working report: every figure and text, and whether it differs from the published version',
      description: 'The files: /inspections/{id}/report.pdf, .html, .xlsx and .csv on the web application (signed in).',
      response: 'Report',
      errors: [401, 404],
      handle: ({ actor, param }) => shown(actor, param('id')),
    }),
    endpoint({
      method: 'get',
      path: '/inspections/:id/report/versions',
      operationId: 'listReportVersions',
      summary: 'The published versions of the report, newest first',
      response: 'ReportVersionList',
      errors: [401, 404],
      handle: async ({ actor, param }) => ({ versions: (await services.report.versions(actor, param('id'))).versions }),
    }),
    endpoint({
      method: 'get',
      path: '/inspections/:id/report/versions/:version',
      operationId: 'getReportVersion',
      summary: 'A published version of the report, frozen as it was published',
      response: 'Report',
      errors: [401, 404],
      handle: ({ actor, param }) => shown(actor, param('id'), versionParam(param('version'))),
    }),
    endpoint({
      method: 'post',
      path: '/inspections/:id/report/publish',
      operationId: 'publishReport',
      summary: 'Publishes the working report as a new version (lead inspector only)',
      body: 'PublishReport',
      status: 201,
      response: 'ReportVersion',
      errors: [400, 401, 403, 404, 409],
      handle: ({ actor, param, body }) => services.report.publish(actor, param('id'), body),
    }),
    endpoint({
      method: 'put',
      path: '/inspections/:id/report/prose',
      operationId: 'saveReportProse',
      summary: 'Saves the foreword, background, local context, involvement and the table options',
      body: 'SaveReportProse',
      response: 'ReportContent',
      errors: [400, 401, 403, 404, 409],
      handle: ({ actor, param, body }) => services.report.saveProse(actor, param('id'), body),
    }),
    endpoint({
      method: 'put',
      path: '/inspections/:id/report/surveys',
      operationId: 'saveReportSurveys',
      summary: 'Saves the survey results and the contextual facts',
      body: 'SaveReportSurveys',
      response: 'ReportContent',
      errors: [400, 401, 403, 404, 409],
      handle: ({ actor, param, body }) => services.report.saveSurveysAndContext(actor, param('id'), body),
    }),
    endpoint({
      method: 'put',
      path: '/inspections/:id/report/standards/:standardId',
      operationId: 'saveReportStandardText',
      summary: "Saves a standard's narrative, strengths and areas for improvement",
      body: 'SaveReportStandardText',
      response: 'ReportStandardText',
      errors: [400, 401, 403, 404, 409],
      handle: ({ actor, param, body }) =>
        services.report.saveStandardText(actor, param('id'), param('standardId'), body),
    }),
    endpoint({
      method: 'get',
      path: '/inspections/:id/recommendations',
      operationId: 'listRecommendations',
      summary: "The report's recommendations, in number order",
      response: 'RecommendationList',
      errors: [401, 404],
      handle: async ({ actor, param }) => ({
        recommendations: (await services.report.recommendations.list(actor, param('id'))).recommendations,
      }),
    }),
    endpoint({
      method: 'post',
      path: '/inspections/:id/recommendations',
      operationId: 'addRecommendation',
      summary: 'Adds a recommendation: who must act, its text and the standards it concerns',
      body: 'NewRecommendation',
      status: 201,
      response: 'Recommendation',
      errors: [400, 401, 403, 404],
      handle: ({ actor, param, body }) => services.report.recommendations.add(actor, param('id'), body),
    }),
    endpoint({
      method: 'put',
      path: '/inspections/:id/recommendations/:recommendationId',
      operationId: 'updateRecommendation',
      summary: 'Changes a recommendation (with expectedVersion, a stale change gets 409)',
      body: 'NewRecommendation',
      response: 'Recommendation',
      errors: [400, 401, 403, 404, 409],
      handle: ({ actor, param, body }) =>
        services.report.recommendations.update(actor, param('id'), param('recommendationId'), body),
    }),
    endpoint({
      method: 'post',
      path: '/inspections/:id/recommendations/:recommendationId/remove',
      operationId: 'removeRecommendation',
      summary: 'Removes a recommendation from the report (kept for any improvement plan that refers to it)',
      response: 'Recommendation',
      errors: [401, 403, 404, 409],
      handle: ({ actor, param }) =>
        services.report.recommendations.remove(actor, param('id'), param('recommendationId')),
    }),
  ];
}
