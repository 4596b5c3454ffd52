import type { Request, RequestHandler, Router } from 'express';
import { frameworkIds, getFramework } from '../../framework-registry.js';
import type { Actor } from '../../audit.js';
import { NotFoundError, UnauthorizedError } from '../../errors.js';
import type { Services } from '../../services.js';
import { planningEndpoints } from '../../../features/planning/api.js';
import { planEndpoints } from '../../../features/plans/api.js';
import { reportEndpoints } from '../../../features/report/api.js';
import { moderationEndpoints } from '../../../features/moderation/api.js';
import { teamEndpoints } from '../../../features/team/api.js';
import { qaEndpoints } from '../../../features/qa/api.js';
import { openApiDocument, type ApiCall, type Endpoint, type RequestBody } from './openapi.js';
import { parseBody, requestBodies } from './schemas.js';

/** Keeps each endpoint's body type tied to its handler. */
const endpoint = <K extends RequestBody | undefined = undefined>(definition: Endpoint<K>) =>
  definition as unknown as Endpoint;

/** The API takes bearer tokens only: a session cookie is no credential here, so no cross-site page can use one. */
const requireToken: RequestHandler = (req, res, next) => {
  if (req.actor && req.authenticatedBy === 'token') return next();
  res
    .status(401)
    .set('WWW-Authenticate', 'Bearer realm="yj-inspect"')
    .json({
      error: {
        status: 401,
        message: req.get('authorization')
          ? 'The bearer token is not valid: it is unknown or was revoked'
          : 'Send a bearer token: Authorization: Bearer <token> (yj-inspect tokens create)',
      },
    });
};

/** An inspection with what a client checks first: its service, how many cases, how far they are answered. */
async function inspectionDetail(services: Services, actor: Actor, inspectionId: string) {
  const inspection = await services.inspections.get(actor, inspectionId);
  const cases = await services.cases.progress(actor, inspectionId);
  const organisation = await services.inspections.organisationOf(inspection.organisationId);
  return {
    ...inspection,
    organisationName: organisation.name,
    caseCount: cases.length,
    progress: {
      answered: cases.reduce((sum, c) => sum + c.answered, 0),
      expected: cases.reduce((sum, c) => sum + c.expected, 0),
    },
  };
}

function endpoints(services: Services, document: () => unknown): Endpoint[] {
  return [
    endpoint({
      method: 'get',
      path: '/openapi.json',
      operationId: 'openApiDocument',
      summary: 'This API, described in OpenAPI 3.1',
      public: true,
      response: 'OpenApiDocument',
      errors: [],
      handle: () => document(),
    }),
    endpoint({
      method: 'get',
      path: '/frameworks',
      operationId: 'listFrameworks',
      summary: 'The framework versions inspections can use',
      public: true,
      response: 'FrameworkList',
      errors: [],
      handle: () => ({
        frameworks: frameworkIds().map((id) => {
          const framework = getFramework(id);
          return {
            id,
            title: framework.title,
            publisher: framework.publisher,
            standardCount: framework.standards.length,
            caseBasedStandardCount: framework.standards.filter((s) => s.assessment === 'caseBased').length,
          };
        }),
      }),
    }),
    endpoint({
      method: 'get',
      path: '/frameworks/:id',
      operationId: 'getFramework',
      summary: 'One framework version, whole: the file in frameworks/',
      public: true,
      response: 'Framework',
      errors: [404],
      handle: ({ param }) => {
        if (!frameworkIds().includes(param('id'))) throw new NotFoundError('framework not found');
        return getFramework(param('id')).file;
      },
    }),
    endpoint({
      method: 'post',
      path: '/organisations',
      operationId: 'createOrganisation',
      summary: 'Adds an organisation (administrators only)',
      body: 'NewOrganisation',
      status: 201,
      response: 'Organisation',
      errors: [400, 401, 403, 409],
      handle: ({ actor, body }) => services.organisations.create(actor, body),
    }),
    endpoint({
      method: 'get',
      path: '/inspections',
      operationId: 'listInspections',
      summary: 'The inspections the user may see',
      response: 'InspectionList',
      errors: [401],
      handle: async ({ actor }) => ({ inspections: await services.inspections.list(actor) }),
    }),
    endpoint({
      method: 'post',
      path: '/inspections',
      operationId: 'createInspection',
      summary: 'Creates an inspection of a service the user belongs to; the user leads its team',
      body: 'NewInspection',
      status: 201,
      response: 'Inspection',
      errors: [400, 401, 403],
      handle: ({ actor, body }) => services.inspections.create(actor, body),
    }),
    endpoint({
      method: 'get',
      path: '/inspections/:id',
      operationId: 'getInspection',
      summary: 'An inspection, with its status, case count and progress',
      response: 'InspectionDetail',
      errors: [401, 404],
      handle: ({ actor, param }) => inspectionDetail(services, actor, param('id')),
    }),
    endpoint({
      method: 'get',
      path: '/inspections/:id/cases',
      operationId: 'listCases',
      summary: "The inspection's cases, each with its version and progress",
      response: 'CaseList',
      errors: [401, 404],
      handle: async ({ actor, param }) => ({
        cases: (await services.cases.list(actor, param('id'))).map(
          ({ expected, answered, assessed: _assessed, ...row }) => ({
            ...row,
            progress: { answered, expected },
          }),
        ),
      }),
    }),
    endpoint({
      method: 'post',
      path: '/inspections/:id/cases',
      operationId: 'addCase',
      summary: 'Adds a case to the sample',
      body: 'NewCase',
      status: 201,
      response: 'Case',
      errors: [400, 401, 404, 409],
      handle: ({ actor, param, body }) => services.cases.add(actor, param('id'), body),
    }),
    endpoint({
      method: 'get',
      path: '/inspections/:id/cases/:caseId/answers',
      operationId: 'getAnswers',
      summary: "A case's answers and evidence, and its version for the next save",
      response: 'CaseAnswers',
      errors: [401, 404],
      handle: async ({ actor, param }) => {
        const found = await services.assessment.get(actor, param('id'), param('caseId'));
        return { version: found.case.version, answers: found.answers };
      },
    }),
    endpoint({
      method: 'put',
      path: '/inspections/:id/cases/:caseId/answers',
      operationId: 'saveAnswers',
      summary: 'Saves answers (and evidence) to key questions and prompts of a case',
      description:
        'Only the questions given change. With expectedVersion, a case saved by someone else since gets 409 ' +
        'and nothing is saved.',
      body: 'SaveAnswers',
      response: 'Version',
      errors: [400, 401, 403, 404, 409],
      checksCredentialItself: true,
      handle: ({ actor, param, body }) => services.assessment.save(actor, param('id'), param('caseId'), body),
    }),
    endpoint({
      method: 'put',
      path: '/inspections/:id/judgements/:standardId',
      operationId: 'saveJudgement',
      summary: "Records the inspectors' judgement of a judged standard",
      body: 'SaveJudgement',
      response: 'Judgement',
      errors: [400, 401, 404, 409],
      handle: ({ actor, param, body }) =>
        services.judgements.saveJudgement(actor, param('id'), param('standardId'), body),
    }),
    endpoint({
      method: 'put',
      path: '/inspections/:id/discretion/:standardId',
      operationId: 'recordDiscretion',
      summary: "Records the ratings panel's professional discretion on a case-based standard",
      description:
        'outcome stands: the computed rating stands; moved (or a rating without an outcome): it moves one band; withdrawn (or a rating of null): the decision in force is withdrawn. Each with a rationale.',
      body: 'RecordDiscretion',
      response: 'DiscretionDecision',
      errors: [400, 401, 404],
      handle: ({ actor, param, body }) =>
        services.ratings.recordDiscretion(actor, param('id'), param('standardId'), body),
    }),
    endpoint({
      method: 'get',
      path: '/inspections/:id/panel-meetings',
      operationId: 'listPanelMeetings',
      summary: "The ratings panel's meetings: date, members present, standards considered",
      response: 'PanelMeetings',
      errors: [401, 403, 404],
      handle: async ({ actor, param }) => ({
        meetings: (await services.panelMeetings.list(actor, param('id'))).meetings,
      }),
    }),
    endpoint({
      method: 'post',
      path: '/inspections/:id/panel-meetings',
      operationId: 'recordPanelMeeting',
      summary: 'Records a meeting of the ratings panel',
      body: 'RecordPanelMeeting',
      status: 201,
      response: 'PanelMeeting',
      errors: [400, 401, 403, 404],
      handle: ({ actor, param, body }) => services.panelMeetings.record(actor, param('id'), body),
    }),
    endpoint({
      method: 'get',
      path: '/inspections/:id/ratings',
      operationId: 'getRatings',
      summary: 'The ratings now: the same JSON as `yj-inspect rate --format json`',
      response: 'InspectionRating',
      errors: [401, 404],
      handle: async ({ actor, param }) => {
        const { framework, service, ...rest } = await services.ratings.ratings(actor, param('id'));
        // The keys in the order of InspectionRating, as the command prints them: service after framework.
        return { framework, service, ...rest };
      },
    }),
    ...planningEndpoints(services),
    ...planEndpoints(services),
    ...reportEndpoints(services),
    ...moderationEndpoints(services),
    ...teamEndpoints(services),
    ...qaEndpoints(services),
  ];
}

/** The JSON API under /api/v1: bearer tokens, bodies checked at the edge, JSON errors with the field at fault. */
const patternOf = (path: string) => new RegExp(`^${path.replace(/\./g, '\\.').replace(/:\w+/g, '[^/]+')}/?$`);

/** Whether a request (its full path, under /api/v1) is one of the writes that check the token themselves. */
export function checksCredentialItself(services: Services): (req: Request) => boolean {
  const checked = endpoints(services, () => ({}))
    .filter((e) => e.checksCredentialItself)
    .map(({ method, path }) => ({ method: method.toUpperCase(), pattern: patternOf(`/api/v1${path}`) }));
  return (req) => {
    const path = req.originalUrl.split('?')[0]!;
    return checked.some((c) => c.method === req.method && c.pattern.test(path));
  };
}

export function registerApiRoutes(router: Router, services: Services) {
  const all = endpoints(services, () => document);
  const document = openApiDocument(all);
  // A token authentication took from memory (checksCredentialItself) is checked before a body is refused:
  // whoever holds a revoked token learns nothing from the validation of what they sent.
  const parsedBody = async (req: Request, schema: (typeof requestBodies)[RequestBody]) => {
    try {
      return parseBody(schema, req.body);
    } catch (error) {
      if (req.actor?.credential?.remembered && !(await services.users.credentialHolds(req.actor)))
        throw new UnauthorizedError('The bearer token is not valid: it is unknown or was revoked');
      throw error;
    }
  };
  for (const { method, path, public: open, body, status, handle } of all)
    router[method](path, ...(open ? [] : [requireToken]), async (req, res) => {
      const call: ApiCall<unknown> = {
        get actor() {
          if (!req.actor) throw new Error(`${path} is public: it has no actor`);
          return req.actor;
        },
        param: (name) => {
          const value = req.params[name];
          return typeof value === 'string' ? value : '';
        },
        body: body ? await parsedBody(req, requestBodies[body]) : undefined,
      };
      res.status(status ?? 200).json(await handle(call as never));
    });
  // A path the API has, asked with a method it does not take: 405 and the methods it does take, not 404.
  const patterns = all.map(({ method, path }) => ({
    method: method.toUpperCase(),
    pattern: patternOf(path),
  }));
  router.use((req, res, next) => {
    const allowed = [...new Set(patterns.filter((p) => p.pattern.test(req.path)).map((p) => p.method))];
    if (allowed.length === 0) return next();
    res
      .status(405)
      .set('Allow', allowed.join(', '))
      .json({ error: { status: 405, message: `This path takes ${allowed.join(' or ')}` } });
  });
}
