import { featureApiRules, featurePageRules } from './route-access-features.js';
import { moderationApiRules, moderationPageRules } from './route-access-moderation.js';
import type { RouteRule } from './route-rule.js';

export * from './route-rule.js';

const judged = { standardId: '1.3' };
const caseAnswer = { answers: { '2.1.1': 'yes' }, evidence: {} };

export const pageRules: Record<string, RouteRule> = {
  'GET /ping': { open: 'health check' },
  'GET /health': { open: 'health check' },
  'GET /info': { open: 'version, no data' },
  'GET /': { open: 'redirects to sign-in or the inspections' },
  'GET /sign-in': { open: 'sign-in' },
  'POST /sign-in': { open: 'sign-in' },
  'GET /sign-in/oidc': { open: 'single sign-on' },
  'GET /sign-in/oidc/callback': { open: 'single sign-on' },
  'POST /sign-out': { open: 'ends the session' },
  'POST /session/keep-alive': { open: 'extends the session' },
  'GET /kept-forms/:id': { signedIn: true, run: false },
  'GET /plans/calendar/:token.ics': { open: 'a secret calendar link, the token is the credential' },

  'GET /account': { signedIn: true },
  'POST /account/sign-out-everywhere': { signedIn: true, run: false },
  'POST /account/language': { signedIn: true, form: { language: 'en' } },
  'GET /account/api-tokens': { signedIn: true },
  'POST /account/api-tokens': { signedIn: true },
  'POST /account/api-tokens/:tokenId/revoke': { signedIn: true, run: false },

  'GET /admin/users': { administrator: true },
  'GET /admin/languages': { administrator: true },
  'GET /admin/users/new': { administrator: true },
  'POST /admin/users': {
    administrator: true,
    form: { displayName: 'Invited by security test', email: 'invited@security.test' },
  },
  'GET /invitations/:token': { open: 'an invitation link, the token is the credential' },
  'POST /invitations/:token': { open: 'an invitation link, the token is the credential' },
  'GET /admin/users/:userId': { administrator: true },
  'POST /admin/users/:userId/status': { administrator: true },
  'POST /admin/users/:userId/memberships': { administrator: true },
  'POST /admin/users/:userId/memberships/:organisationId/remove': {
    administrator: true,
    params: { organisationId: (ids) => ids.otherOrganisationId },
  },
  'GET /audit': { administrator: true },
  'GET /audit/export.csv': { administrator: true },

  'GET /inspections': { signedIn: true },
  'GET /inspections/new': { signedIn: true },
  'POST /inspections': {
    permission: 'inspection.create',
    form: { organisationId: (ids) => ids.organisationId, framework: 'hmip-youth-2021', kind: 'internalAudit' },
    other: 'organisation',
  },
  'GET /inspections/:inspectionId': { permission: 'inspection.view' },
  'GET /inspections/:inspectionId/timeline': { permission: 'inspection.view' },
  'POST /inspections/:inspectionId/stage': { permission: 'inspection.status', form: { from: 'closed' } },
  'GET /inspections/:inspectionId/team': { permission: 'team.manage' },
  'POST /inspections/:inspectionId/team': {
    permission: 'team.manage',
    form: { userId: (ids) => ids.spareUserId, role: 'inspector' },
  },
  'POST /inspections/:inspectionId/team/invitations': {
    permission: 'team.manage',
    form: { displayName: 'Team security test', email: 'team-invite@security.test', inviteRole: 'inspector' },
  },
  'POST /inspections/:inspectionId/team/:userId/remove': { permission: 'team.manage', absent: 'not on the team' },
  'POST /inspections/:inspectionId/timeline': { permission: 'inspection.plan' },

  'GET /inspections/:inspectionId/cases': { permission: 'case.view' },
  'POST /inspections/:inspectionId/cases/allocate': { permission: 'case.edit' },
  'GET /inspections/:inspectionId/cases/new': { permission: 'case.edit' },
  'POST /inspections/:inspectionId/cases/new': { permission: 'case.edit' },
  'GET /inspections/:inspectionId/cases/import': { permission: 'case.edit' },
  'POST /inspections/:inspectionId/cases/import': { permission: 'case.edit', form: { csvText: 'ref,domain\n' } },
  'GET /inspections/:inspectionId/cases/:caseId': { permission: 'case.view' },
  'GET /inspections/:inspectionId/cases/:caseId/edit': { permission: 'case.edit' },
  'POST /inspections/:inspectionId/cases/:caseId/edit': { permission: 'case.edit' },
  'GET /inspections/:inspectionId/cases/:caseId/history': { permission: 'case.view' },
  'GET /inspections/:inspectionId/cases/:caseId/standards/:standardId/check': { permission: 'case.view' },
  'GET /inspections/:inspectionId/cases/:caseId/standards/:standardId/key-questions/:keyQuestionId': {
    permission: 'case.assess',
  },
  'POST /inspections/:inspectionId/cases/:caseId/standards/:standardId/key-questions/:keyQuestionId': {
    permission: 'case.assess',
  },
  'GET /inspections/:inspectionId/cases/:caseId/standards/:standardId': { permission: 'case.assess' },
  'POST /inspections/:inspectionId/cases/:caseId/standards/:standardId': {
    permission: 'case.assess',
    form: { version: '1' },
  },
  'GET /inspections/:inspectionId/cases/:caseId/check': { permission: 'case.view' },
  'GET /inspections/:inspectionId/cases/:caseId/assess-anyway': { permission: 'case.assess' },
  'POST /inspections/:inspectionId/cases/:caseId/assess-anyway': { permission: 'case.assess' },
  'POST /inspections/:inspectionId/cases/:caseId/complete': { permission: 'case.assess' },
  'GET /inspections/:inspectionId/cases/:caseId/factors': { permission: 'case.assess' },
  'POST /inspections/:inspectionId/cases/:caseId/factors': {
    permission: 'case.assess',
    form: {
      rosh: 'medium',
      swb: 'medium',
      childSafetyFactors: '',
      otherPeopleSafetyFactors: '',
      reviewRequired: '',
      reason: 'Access test',
    },
  },
  'GET /inspections/:inspectionId/cases/:caseId/redact': { permission: 'text.redact' },
  'POST /inspections/:inspectionId/cases/:caseId/redact': {
    permission: 'text.redact',
    form: { questionId: '2.1.1', text: 'not there', reason: 'Access test' },
  },

  'GET /inspections/:inspectionId/standards/:standardId/judgement': { permission: 'case.view', params: judged },
  'POST /inspections/:inspectionId/standards/:standardId/judgement': {
    permission: 'judgement.edit',
    params: judged,
  },
  'POST /inspections/:inspectionId/standards/:standardId/evidence': { permission: 'judgement.edit', params: judged },
  'GET /inspections/:inspectionId/standards/:standardId/history': { permission: 'case.view', params: judged },

  'GET /inspections/:inspectionId/ratings': { permission: 'ratings.view' },
  'GET /inspections/:inspectionId/ratings/:standardId': { permission: 'ratings.view' },
  'GET /inspections/:inspectionId/ratings/:standardId/key-questions/:keyQuestionId': { permission: 'case.view' },
  'GET /inspections/:inspectionId/ratings/panel-meetings': { permission: 'ratings.view' },
  'POST /inspections/:inspectionId/ratings/panel-meetings': {
    permission: 'discretion.decide',
    form: { 'heldOn-day': '17', 'heldOn-month': '3', 'heldOn-year': '2023', standardsConsidered: '2.2' },
  },
  'GET /inspections/:inspectionId/ratings/:standardId/discretion': { permission: 'discretion.decide' },
  'POST /inspections/:inspectionId/ratings/:standardId/discretion': { permission: 'discretion.decide' },
  ...featurePageRules,
  ...moderationPageRules,
};

export const apiRules: Record<string, RouteRule> = {
  'GET /api/v1/openapi.json': { open: 'the API description' },
  'GET /api/v1/frameworks': { open: 'published frameworks' },
  'GET /api/v1/frameworks/{id}': { open: 'published frameworks' },
  'POST /api/v1/organisations': { administrator: true, body: { name: 'Security test YJS' } },
  'GET /api/v1/inspections': { signedIn: true },
  'POST /api/v1/inspections': {
    permission: 'inspection.create',
    body: (ids) => ({ organisationId: ids.organisationId, framework: 'hmip-youth-2021', kind: 'internalAudit' }),
    other: 'organisation',
  },
  'GET /api/v1/inspections/{id}': { permission: 'inspection.view' },
  'GET /api/v1/inspections/{id}/team': { permission: 'inspection.view' },
  'GET /api/v1/inspections/{id}/team/candidates': { permission: 'team.manage' },
  'POST /api/v1/inspections/{id}/team': {
    permission: 'team.manage',
    body: (ids) => ({ userId: ids.spareUserId, role: 'inspector' }),
  },
  'POST /api/v1/inspections/{id}/team/invitations': {
    permission: 'team.manage',
    body: { email: 'api-invite@security.test', displayName: 'API invite', role: 'ratingsPanel' },
  },
  'DELETE /api/v1/inspections/{id}/team/{userId}': { permission: 'team.manage', absent: 'not on the team' },
  'GET /api/v1/inspections/{id}/cases': { permission: 'case.view' },
  'POST /api/v1/inspections/{id}/cases': { permission: 'case.edit', body: { ref: 'SEC-1', domain: 'court' } },
  'GET /api/v1/inspections/{id}/cases/{caseId}/answers': { permission: 'case.view' },
  'PUT /api/v1/inspections/{id}/cases/{caseId}/answers': { permission: 'case.assess', body: caseAnswer },
  'PUT /api/v1/inspections/{id}/judgements/{standardId}': {
    permission: 'judgement.edit',
    params: judged,
    body: { rating: null, strengths: '', areasForImprovement: '' },
  },
  'PUT /api/v1/inspections/{id}/discretion/{standardId}': {
    permission: 'discretion.decide',
    params: { standardId: '2.2' },
    body: { rating: 'Good', rationale: 'security test' },
  },
  'GET /api/v1/inspections/{id}/ratings': { permission: 'ratings.view' },
  'GET /api/v1/inspections/{id}/panel-meetings': { permission: 'ratings.view' },
  'POST /api/v1/inspections/{id}/panel-meetings': {
    permission: 'discretion.decide',
    body: { heldOn: '2023-03-17', members: [], standardsConsidered: ['2.2'] },
  },
  ...featureApiRules,
  ...moderationApiRules,
};
