import type { Services } from '../../platform/services.js';
import type { Endpoint, RequestBody } from '../../platform/web/api/openapi.js';

/** Keeps each endpoint's body type tied to its handler (as routes.ts does). */
const endpoint = <K extends RequestBody | undefined = undefined>(definition: Endpoint<K>) =>
  definition as unknown as Endpoint;

/** Improvement plans (issue 7): list, create, read as of a date, areas, actions, progress, agreement and sign-off. */
export function planEndpoints(services: Services): Endpoint[] {
  const plans = services.plans;
  const progress = async (actor: Parameters<typeof plans.board.report>[0], id: string, asOf?: string) => {
    const { plan, asOf: date, report } = await plans.board.report(actor, id, asOf);
    return {
      id: plan.id,
      title: plan.title,
      version: plan.version,
      asOf: date,
      counts: report.counts,
      areas: report.domains.flatMap((d) => d.areas),
    };
  };
  return [
    endpoint({
      method: 'get',
      path: '/plans',
      operationId: 'listPlans',
      summary: 'The improvement plans the user may see',
      response: 'PlanList',
      errors: [401],
      handle: async ({ actor }) => ({
        plans: (await plans.plans.list(actor)).map(({ id, title, organisationName, agreedOn, signedOffOn }) => ({
          id,
          title,
          organisationName,
          agreedOn,
          signedOffOn,
        })),
      }),
    }),
    endpoint({
      method: 'post',
      path: '/plans',
      operationId: 'createPlan',
      summary: 'Creates a plan for a service: blank, or one area per recommendation of the inspection',
      body: 'NewPlan',
      status: 201,
      response: 'PlanSummary',
      errors: [400, 401, 403, 404],
      handle: ({ actor, body }) => plans.plans.create(actor, body),
    }),
    endpoint({
      method: 'get',
      path: '/plans/:id',
      operationId: 'getPlan',
      summary: 'The plan today: areas, actions, status and RAG',
      response: 'PlanProgress',
      errors: [401, 404],
      handle: ({ actor, param }) => progress(actor, param('id')),
    }),
    endpoint({
      method: 'get',
      path: '/plans/:id/progress/:asOf',
      operationId: 'getPlanProgress',
      summary: 'The progress report as of a date (YYYY-MM-DD): each action’s status and RAG on that day',
      response: 'PlanProgress',
      errors: [400, 401, 404],
      handle: ({ actor, param }) => progress(actor, param('id'), param('asOf')),
    }),
    endpoint({
      method: 'post',
      path: '/plans/:id/areas',
      operationId: 'addPlanArea',
      summary: 'Adds an area for improvement',
      body: 'SavePlanArea',
      status: 201,
      response: 'PlanArea',
      errors: [400, 401, 403, 404, 409],
      handle: ({ actor, param, body }) => plans.edits.saveArea(actor, param('id'), null, body),
    }),
    endpoint({
      method: 'put',
      path: '/plans/:id/areas/:areaId',
      operationId: 'editPlanArea',
      summary: 'Edits an area for improvement',
      body: 'SavePlanArea',
      response: 'PlanArea',
      errors: [400, 401, 403, 404, 409],
      handle: ({ actor, param, body }) => plans.edits.saveArea(actor, param('id'), param('areaId'), body),
    }),
    endpoint({
      method: 'post',
      path: '/plans/:id/areas/:areaId/actions',
      operationId: 'addPlanAction',
      summary: 'Adds an action to an area',
      body: 'SavePlanAction',
      status: 201,
      response: 'PlanAction',
      errors: [400, 401, 403, 404, 409],
      handle: ({ actor, param, body }) => plans.edits.saveAction(actor, param('id'), param('areaId'), null, body),
    }),
    endpoint({
      method: 'put',
      path: '/plans/:id/areas/:areaId/actions/:actionId',
      operationId: 'editPlanAction',
      summary: 'Edits an action; a new status is recorded as a status change',
      body: 'SavePlanAction',
      response: 'PlanAction',
      errors: [400, 401, 403, 404, 409],
      handle: ({ actor, param, body }) =>
        plans.edits.saveAction(actor, param('id'), param('areaId'), param('actionId'), body),
    }),
    endpoint({
      method: 'post',
      path: '/plans/:id/actions/:actionId/updates',
      operationId: 'addProgressUpdate',
      summary: 'Adds a progress update: a dated note, an evidence link, and maybe a new status',
      body: 'AddProgressUpdate',
      status: 201,
      response: 'ProgressUpdate',
      errors: [400, 401, 403, 404, 409],
      handle: ({ actor, param, body }) => plans.edits.addUpdate(actor, param('id'), param('actionId'), body),
    }),
    endpoint({
      method: 'post',
      path: '/plans/:id/sign-offs',
      operationId: 'signOffPlan',
      summary: "Records the lead inspector's agreement (plan.agree) or the chair's sign-off (plan.signOff)",
      body: 'PlanSignOff',
      status: 201,
      response: 'PlanSignOffRecord',
      errors: [400, 401, 403, 404, 409],
      handle: ({ actor, param, body }) => {
        const { kind, ...rest } = body;
        return plans.plans.signOff(actor, param('id'), kind, rest);
      },
    }),
  ];
}
