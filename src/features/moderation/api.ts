import type { Actor } from '../../platform/audit.js';
import type { Services } from '../../platform/services.js';
import type { Endpoint, RequestBody } from '../../platform/web/api/openapi.js';

/** Keeps each endpoint's body type tied to its handler. */
const endpoint = <K extends RequestBody | undefined = undefined>(definition: Endpoint<K>) =>
  definition as unknown as Endpoint;

/** The agreement figures as the API gives them: the same as the agreement page and its downloads. */
export async function agreementJson(services: Services, actor: Actor, inspectionId: string) {
  const { breakdown, names, selected, reading } = await services.moderation.comparison(actor, inspectionId);
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? id) : null);
  return {
    inspectionId,
    reading,
    overall: breakdown.overall,
    keyQuestions: breakdown.keyQuestionsOverall,
    prompts: breakdown.promptsOverall,
    byStandard: breakdown.byStandard,
    byKeyQuestion: breakdown.byKeyQuestion,
    byPrompt: breakdown.byPrompt,
    byPair: breakdown.byPair.map((p) => ({
      first: nameOf(p.firstBy),
      second: nameOf(p.secondBy)!,
      agreement: p.agreement,
    })),
    cases: selected.map((s) => ({
      caseId: s.caseId,
      ref: s.ref,
      moderator: s.moderatorName,
      firstComplete: s.firstComplete,
      secondComplete: !!s.secondCompletedAt,
    })),
  };
}

export function moderationEndpoints(services: Services): Endpoint[] {
  return [
    endpoint({
      method: 'post',
      path: '/inspections/:id/moderation/selection',
      operationId: 'selectForModeration',
      summary: 'Chooses cases for a second, blind assessment: by hand, or a share drawn with a recorded seed',
      body: 'SelectForModeration',
      status: 201,
      response: 'ModerationSelection',
      errors: [400, 401, 403, 404],
      handle: ({ actor, param, body }) => services.moderation.select(actor, param('id'), body),
    }),
    endpoint({
      method: 'get',
      path: '/inspections/:id/moderation/agreement',
      operationId: 'getModerationAgreement',
      summary: "Agreement between assessors: percentage, Cohen's kappa and Gwet's AC1 with 95% intervals",
      response: 'ModerationAgreement',
      errors: [401, 403, 404],
      handle: ({ actor, param }) => agreementJson(services, actor, param('id')),
    }),
    endpoint({
      method: 'put',
      path: '/moderation/cases/:caseId/answers',
      operationId: 'saveSecondAnswers',
      summary: "The moderator's answers to a case (blind: the first assessment is never returned)",
      body: 'SaveSecondAnswers',
      response: 'Version',
      errors: [400, 401, 404, 409],
      handle: ({ actor, param, body }) => services.moderation.save(actor, param('caseId'), body),
    }),
    endpoint({
      method: 'post',
      path: '/moderation/cases/:caseId/questions/:questionId/decision',
      operationId: 'decideDisagreement',
      summary: 'Decides the answer that counts where the two assessments disagree, with a reason',
      body: 'DecideDisagreement',
      status: 201,
      response: 'ModerationDecision',
      errors: [400, 401, 403, 404, 409],
      handle: ({ actor, param, body }) => services.moderation.decide(actor, param('caseId'), param('questionId'), body),
    }),
  ];
}
