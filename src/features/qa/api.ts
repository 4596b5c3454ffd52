import type { Actor } from '../../platform/audit.js';
import type { Services } from '../../platform/services.js';
import type { Endpoint } from '../../platform/web/api/openapi.js';
import type { Estimate } from '../../domain/agreement/agreement.js';

const interval = (e: Estimate | null) => (e ? { value: e.value, low: e.low, high: e.high } : null);

/** A service's trends as the API gives them: the trend page's figures, predictions and agreement. */
export async function trendsJson(services: Services, actor: Actor, organisationId: string, frameworkId?: string) {
  const result = await services.qaTrends.trends(actor, organisationId, { frameworkId });
  const agreement = await services.moderation.agreementByRound(actor, organisationId);
  return {
    organisationId,
    framework: result.framework.id,
    trends: result.trends,
    sampled: result.sampled,
    predictions: result.predictions.map((p) => ({
      standardId: p.standard.id,
      roundId: p.round.id,
      nextBand: p.nextBand,
      prediction: p.prediction,
    })),
    assumptions: [...result.assumptions],
    agreement: agreement.map((r) => ({
      roundId: r.id,
      title: r.title,
      compared: r.agreement.compared,
      percentAgreement: r.agreement.percentAgreement,
      kappa: interval(r.agreement.kappa),
      ac1: interval(r.agreement.ac1),
    })),
  };
}

export function qaEndpoints(services: Services): Endpoint[] {
  return [
    {
      method: 'get',
      path: '/services/:organisationId/qa/trends',
      operationId: 'getQaTrends',
      summary: "A service's trends on the latest framework: % Yes with Wilson intervals, bands, changes, predictions",
      description:
        'Each case-based standard and key question across the audit rounds and inspections, in time order, as on the trend page.',
      response: 'QaTrends',
      errors: [401, 403, 404],
      handle: ({ actor, param }) => trendsJson(services, actor, param('organisationId')),
    },
    {
      method: 'get',
      path: '/services/:organisationId/qa/trends/:frameworkId',
      operationId: 'getQaTrendsOnFramework',
      summary: "A service's trends on one framework version",
      response: 'QaTrends',
      errors: [400, 401, 403, 404],
      handle: ({ actor, param }) => trendsJson(services, actor, param('organisationId'), param('frameworkId')),
    },
  ];
}
