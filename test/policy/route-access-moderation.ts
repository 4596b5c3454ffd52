import type { RouteRule } from './route-rule.js';

/**
 * Moderation's routes. The moderator's own case pages answer only to the case's moderator (anyone else is
 * told it does not exist): test/features/moderation covers them.
 */
export const moderationPageRules: Record<string, RouteRule> = {
  'GET /inspections/:inspectionId/moderation': { permission: 'moderation.view' },
  'POST /inspections/:inspectionId/moderation/selection': {
    permission: 'moderation.manage',
    form: { moderatorId: (ids) => ids.spareUserId, how: 'share', percent: '20' },
  },
  'GET /inspections/:inspectionId/moderation/agreement': { permission: 'moderation.view' },
  'GET /inspections/:inspectionId/moderation/agreement.csv': { permission: 'moderation.view' },
  'GET /inspections/:inspectionId/moderation/agreement.xlsx': { permission: 'moderation.view' },
  'GET /inspections/:inspectionId/moderation/disagreements': { permission: 'moderation.view' },
  'GET /inspections/:inspectionId/moderation/report': { permission: 'moderation.view' },
  'POST /inspections/:inspectionId/moderation/cases/:caseId/questions/:questionId/decision': {
    permission: 'moderation.reconcile',
    params: { questionId: '2.1.1' },
    form: { answer: 'yes', reason: 'Access test' },
    absent: 'no moderation of the case',
  },
  'GET /moderation': { signedIn: true },
  'GET /moderation/cases/:caseId': { signedIn: true, run: false },
  'POST /moderation/cases/:caseId': { signedIn: true, run: false },
};

export const moderationApiRules: Record<string, RouteRule> = {
  'POST /api/v1/inspections/{id}/moderation/selection': {
    permission: 'moderation.manage',
    body: (ids) => ({ moderatorId: ids.spareUserId, how: 'share', percent: 20 }),
  },
  'GET /api/v1/inspections/{id}/moderation/agreement': { permission: 'moderation.view' },
  'PUT /api/v1/moderation/cases/{caseId}/answers': { signedIn: true, run: false },
  'POST /api/v1/moderation/cases/{caseId}/questions/{questionId}/decision': { signedIn: true, run: false },
};
