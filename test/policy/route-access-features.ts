import type { Permission } from '../../src/policy/policy.js';
import type { Form, Payload, RouteRule } from './route-rule.js';

const plan = (permission: Permission, form?: Form): RouteRule => ({ permission, ...(form && { form }) });
/** A GOV.UK date input holding today. */
function today(name: string): Form {
  const [year, month, day] = new Date().toISOString().slice(0, 10).split('-') as [string, string, string];
  return { [`${name}-day`]: day, [`${name}-month`]: month, [`${name}-year`]: year };
}
const freshRecommendation: Payload['fresh'] = async ({ services, ids, lead }) => {
  const made = await services.report.recommendations.add(lead, ids.inspectionId, {
    actor: 'service',
    text: 'A recommendation to remove',
  });
  return { recommendationId: (made as { id: string }).id };
};
/** An audit programme of the demo service, set up by an administrator with the service's first auditor. */
const freshProgramme: Payload['fresh'] = async ({ services, ids, lead }) => {
  const admin = { ...lead, isAdmin: true };
  const [auditor] = await services.qaProgrammes.auditorsOf(admin, ids.organisationId);
  const programme = await services.qaProgrammes.create(admin, ids.organisationId, {
    title: 'Security test programme',
    framework: 'hmip-youth-2021',
    frequency: 'quarterly',
    selection: 'perCaseManager',
    perCaseManager: 1,
    auditors: [auditor!.id],
  });
  const { round } = await services.qaProgrammes.startRound(admin, programme.id, {
    periodStart: '2026-01-01',
    population: 'ref,domain,caseManager\nQA-1,court,someone',
  });
  return { programmeId: programme.id, roundId: round.id };
};
const planning: Permission = 'inspection.plan';

const actionBody = {
  text: 'Security test action',
  owners: ['QA lead'],
  commencementDate: null,
  targetDate: null,
  status: 'notStarted',
  completionDate: null,
};

/** Planning the inspection (issue 5), the report (issue 6), improvement plans (issue 7), accounts and privacy. */
export const featurePageRules: Record<string, RouteRule> = {
  'GET /services/:organisationId/qa': { permission: 'qa.view' },
  'GET /services/:organisationId/qa/programmes/new': { permission: 'qa.manage' },
  'POST /services/:organisationId/qa/programmes': { permission: 'qa.manage', form: { title: 'A programme' } },
  'GET /services/:organisationId/qa/trends': { permission: 'qa.view' },
  'GET /services/:organisationId/qa/trends.csv': { permission: 'qa.view' },
  'GET /services/:organisationId/qa/trends.xlsx': { permission: 'qa.view' },
  'GET /services/:organisationId/qa/board-report': { permission: 'qa.view' },
  'GET /services/:organisationId/qa/board-report.pdf': { permission: 'qa.view' },
  'GET /services/:organisationId/qa/board-report.xlsx': { permission: 'qa.view' },
  'GET /qa/programmes/:programmeId': { permission: 'qa.view', fresh: freshProgramme },
  'POST /qa/programmes/:programmeId/rounds': { permission: 'qa.manage', fresh: freshProgramme },
  'POST /qa/rounds/:roundId/close': { permission: 'qa.manage', fresh: freshProgramme },
  'GET /qa/rounds/:roundId/feedback': { permission: 'qa.manage', fresh: freshProgramme },
  // Each user sees the feedback on the cases they manage, and only those (test/features/qa/journey.test.ts).
  'GET /qa/feedback': { signedIn: true },
  // Public data, shown to everyone signed in; importing a newer file is an administrator's.
  'GET /national': { signedIn: true },
  'GET /national/import': { administrator: true },
  'POST /national/import': { administrator: true, form: { csvText: 'la_name\n' } },
  'GET /services/:organisationId/frameworks': { permission: 'qa.view' },
  'GET /services/:organisationId/frameworks/:key': { permission: 'qa.view', params: { key: 'hmip-youth-2021' } },
  'POST /services/:organisationId/frameworks': { permission: 'framework.add', form: { file: '{}' } },
  // Tested with a stored framework in test/features/frameworks/frameworks.test.ts.
  'POST /frameworks/:key/publish': { administrator: true, run: false },
  'POST /qa/feedback/:caseId': { signedIn: true, run: false },
  'GET /inspections/:inspectionId/population': { permission: planning },
  'POST /inspections/:inspectionId/population': { permission: planning, form: { csvText: 'ref\n' } },
  'POST /inspections/:inspectionId/population/import': { permission: planning },
  'GET /inspections/:inspectionId/sample-size': { permission: planning },
  'GET /inspections/:inspectionId/sample': { permission: planning },
  'POST /inspections/:inspectionId/sample/draw': { permission: planning },
  // A draw id that is not an id: past the access check, a permitted user gets 400.
  'POST /inspections/:inspectionId/sample/use': { permission: planning, form: { drawId: 'none' } },
  'POST /inspections/:inspectionId/sample/replace': { permission: planning },
  'GET /inspections/:inspectionId/allocation': { permission: planning },
  'POST /inspections/:inspectionId/allocation/balance': { permission: planning },
  'GET /inspections/:inspectionId/allocation/:caseId/interview': { permission: planning },
  'POST /inspections/:inspectionId/allocation/:caseId/interview': { permission: planning },

  'GET /report.css': { open: 'a stylesheet' },
  'GET /inspections/:inspectionId/report': { permission: 'report.view' },
  'GET /inspections/:inspectionId/report/versions': { permission: 'report.view' },
  'GET /inspections/:inspectionId/report/versions/:versionNumber': { permission: 'report.view' },
  'GET /inspections/:inspectionId/report.html': { permission: 'report.view' },
  'GET /inspections/:inspectionId/report.pdf': { permission: 'report.view' },
  'GET /inspections/:inspectionId/report.xlsx': { permission: 'report.view' },
  'GET /inspections/:inspectionId/report.csv': { permission: 'report.view' },
  'GET /inspections/:inspectionId/report/publish': { permission: 'report.publish' },
  // An out-of-date version: a permitted lead gets 409, and the report stays unpublished for the other checks.
  'POST /inspections/:inspectionId/report/publish': { permission: 'report.publish', form: { expectedVersion: '999' } },
  'GET /inspections/:inspectionId/report/prose': { permission: 'report.edit' },
  'POST /inspections/:inspectionId/report/prose': { permission: 'report.edit' },
  'GET /inspections/:inspectionId/report/standards/:standardId': { permission: 'report.edit' },
  'POST /inspections/:inspectionId/report/standards/:standardId': { permission: 'report.edit' },
  'GET /inspections/:inspectionId/report/surveys': { permission: 'report.edit' },
  'POST /inspections/:inspectionId/report/surveys': { permission: 'report.edit' },
  'GET /inspections/:inspectionId/report/settings': { permission: 'report.edit' },
  'POST /inspections/:inspectionId/report/settings': { permission: 'report.edit' },
  'GET /inspections/:inspectionId/report/recommendations': { permission: 'report.view' },
  'POST /inspections/:inspectionId/report/recommendations': { permission: 'report.edit' },
  'GET /inspections/:inspectionId/report/recommendations/:recommendationId': { permission: 'report.edit' },
  'POST /inspections/:inspectionId/report/recommendations/:recommendationId': { permission: 'report.edit' },
  'POST /inspections/:inspectionId/report/recommendations/:recommendationId/remove': {
    permission: 'report.edit',
    fresh: freshRecommendation,
  },

  'GET /plans': { signedIn: true },
  'GET /plans/new': { signedIn: true },
  'POST /plans': {
    permission: 'plan.edit',
    form: { source: (ids) => `${ids.organisationId}/`, title: 'Security test plan', startFrom: 'blank' },
    other: 'organisation',
  },
  'GET /plans/my-actions': { signedIn: true },
  'POST /plans/my-actions/calendar': { signedIn: true },
  'POST /plans/my-actions/digest': { signedIn: true },
  'GET /plans/:planId': plan('plan.view'),
  'GET /plans/:planId/history': plan('plan.view'),
  'GET /plans/:planId/dashboard': plan('plan.view'),
  'GET /plans/:planId/report': plan('plan.view'),
  'GET /plans/:planId/report.pdf': plan('plan.view'),
  'GET /plans/:planId/report.xlsx': plan('plan.view'),
  'GET /plans/:planId/export.csv': plan('plan.view'),
  'GET /plans/:planId/export.xlsx': plan('plan.view'),
  'GET /plans/:planId/actions/:actionId': plan('plan.view'),
  'POST /plans/:planId/actions/:actionId/updates': plan('plan.update', { ...today('date'), note: 'Update' }),
  // The plans' forms show to whoever sees the plan; sending them needs plan.edit.
  'GET /plans/:planId/areas/new': plan('plan.view'),
  'GET /plans/:planId/areas/:areaId': plan('plan.view'),
  'POST /plans/:planId/areas/new': plan('plan.edit', { number: '2', domain: 'D2', text: 'Security test area' }),
  'POST /plans/:planId/areas/:areaId': plan('plan.edit', { number: '1', domain: 'D1', text: 'Security test area' }),
  'GET /plans/:planId/areas/:areaId/actions/new': plan('plan.view'),
  'GET /plans/:planId/areas/:areaId/actions/:actionId/edit': plan('plan.view'),
  'POST /plans/:planId/areas/:areaId/actions/new': plan('plan.edit', {
    text: 'Security test action',
    owners: 'QA lead',
    status: 'notStarted',
  }),
  'POST /plans/:planId/areas/:areaId/actions/:actionId/edit': plan('plan.edit', {
    text: 'Security test action',
    owners: 'QA lead',
    status: 'notStarted',
  }),
  'GET /plans/:planId/import': plan('plan.edit'),
  // Reads the uploaded file back as a preview and writes nothing; the confirmation writes, with plan.edit.
  'POST /plans/:planId/import': plan('plan.edit'),
  'POST /plans/:planId/import/confirm': plan('plan.edit', {
    table: JSON.stringify({ headers: ['Action'], rows: [{ line: 2, cells: ['Security test'] }] }),
    asAt: '',
  }),
  'GET /plans/:planId/sign-off': plan('plan.view'),
  'POST /plans/:planId/agree': plan('plan.agree', today('date')),
  'POST /plans/:planId/sign-off': plan('plan.signOff', today('date')),

  'GET /account/password': { signedIn: true },
  'POST /account/password': { signedIn: true },
  'GET /account/export': { signedIn: true },
  'GET /admin/users/:userId/export': { administrator: true },
  'GET /privacy/retention': { signedIn: true },
  // Deletes expired inspections' case data: not run here (its own tests do), so the demo's cases stay.
  'POST /privacy/retention/run': { administrator: true, run: false },
  'POST /privacy/retention/:organisationId': { permission: 'retention.set', form: { months: '120' } },
};

export const featureApiRules: Record<string, RouteRule> = {
  'GET /api/v1/services/{organisationId}/qa/trends': { permission: 'qa.view' },
  'GET /api/v1/services/{organisationId}/qa/trends/{frameworkId}': {
    permission: 'qa.view',
    params: { frameworkId: 'hmip-youth-2021' },
  },
  'POST /api/v1/inspections/{id}/population': { permission: planning, body: { csv: 'ref\n' } },
  'POST /api/v1/inspections/{id}/sample-size': { permission: planning, body: {} },
  'POST /api/v1/inspections/{id}/sample/draws': { permission: planning, body: {} },
  'POST /api/v1/inspections/{id}/sample/use': {
    permission: planning,
    body: { drawId: '00000000-0000-4000-8000-000000000000' },
    absent: 'no sample was drawn: the draw is not found',
  },
  'GET /api/v1/plans': { signedIn: true },
  'POST /api/v1/plans': {
    permission: 'plan.edit',
    body: (ids) => ({ organisationId: ids.organisationId, title: 'Security test plan', startFrom: 'blank' }),
    other: 'organisation',
  },
  'GET /api/v1/plans/{id}': { permission: 'plan.view', params: { id: (ids) => ids.planId } },
  'GET /api/v1/plans/{id}/progress/{asOf}': {
    permission: 'plan.view',
    params: { id: (ids) => ids.planId, asOf: () => new Date().toISOString().slice(0, 10) },
  },
  'POST /api/v1/plans/{id}/areas': {
    permission: 'plan.edit',
    params: { id: (ids) => ids.planId },
    body: { number: 7, domain: 'D7', text: 'Security test area' },
  },
  'PUT /api/v1/plans/{id}/areas/{areaId}': {
    permission: 'plan.edit',
    params: { id: (ids) => ids.planId },
    body: { number: 1, domain: 'D1', text: 'Security test area' },
  },
  'POST /api/v1/plans/{id}/areas/{areaId}/actions': {
    permission: 'plan.edit',
    params: { id: (ids) => ids.planId },
    body: () => actionBody,
  },
  'PUT /api/v1/plans/{id}/areas/{areaId}/actions/{actionId}': {
    permission: 'plan.edit',
    params: { id: (ids) => ids.planId },
    body: () => actionBody,
  },
  'POST /api/v1/plans/{id}/actions/{actionId}/updates': {
    permission: 'plan.update',
    params: { id: (ids) => ids.planId },
    body: () => ({ date: new Date().toISOString().slice(0, 10), note: 'Update' }),
  },
  'POST /api/v1/plans/{id}/sign-offs': {
    permission: 'plan.signOff',
    params: { id: (ids) => ids.planId },
    body: () => ({ date: new Date().toISOString().slice(0, 10), kind: 'chairSignedOff' }),
  },
  'GET /api/v1/inspections/{id}/report': { permission: 'report.view' },
  'GET /api/v1/inspections/{id}/report/versions': { permission: 'report.view' },
  'GET /api/v1/inspections/{id}/report/versions/{version}': { permission: 'report.view', params: { version: '1' } },
  'POST /api/v1/inspections/{id}/report/publish': { permission: 'report.publish', body: { expectedVersion: 999 } },
  'PUT /api/v1/inspections/{id}/report/prose': { permission: 'report.edit', body: { foreword: 'Security test' } },
  'PUT /api/v1/inspections/{id}/report/surveys': { permission: 'report.edit', body: { childrenSummary: 'Test' } },
  'PUT /api/v1/inspections/{id}/report/standards/{standardId}': {
    permission: 'report.edit',
    body: { narrative: 'Security test' },
  },
  'GET /api/v1/inspections/{id}/recommendations': { permission: 'report.view' },
  'POST /api/v1/inspections/{id}/recommendations': {
    permission: 'report.edit',
    body: { actor: 'service', text: 'Security test recommendation' },
  },
  'PUT /api/v1/inspections/{id}/recommendations/{recommendationId}': {
    permission: 'report.edit',
    body: { actor: 'service', text: 'Security test recommendation' },
  },
  'POST /api/v1/inspections/{id}/recommendations/{recommendationId}/remove': {
    permission: 'report.edit',
    fresh: freshRecommendation,
  },
  'POST /api/v1/inspections/{id}/sample/replacements': {
    permission: planning,
    body: (ids) => ({ caseId: ids.caseId, reason: 'security test' }),
  },
};
