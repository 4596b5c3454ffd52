import type { Actor } from '../../platform/audit.js';
import type { Services } from '../../platform/services.js';
import type { Permission } from '../../policy/policy.js';
import { timelineOf } from '../timeline/index.js';

/** What the overview page shows: the inspection, its team's progress, and where each task stands. */
export async function overviewOf(
  services: Services,
  actor: Actor,
  inspectionId: string,
  permitted: ReadonlySet<Permission>,
) {
  const inspection = await services.inspections.get(actor, inspectionId);
  const organisation = await services.inspections.organisationOf(inspection.organisationId);
  // Counts only: board members see the overview, not the cases.
  const cases = await services.cases.progress(actor, inspectionId);
  const may = Object.fromEntries([...permitted].map((p) => [p, true])) as Partial<Record<Permission, true>>;
  // Before the report is shared the service and its board see the stage and the counts, not the ratings.
  const { framework, rating, toConsider } = await services.ratings.rate(actor, inspectionId, 'inspection.view');
  const stages = await services.stages.of(actor, inspectionId);
  const missing = may['inspection.status'] && stages.next ? await services.stages.missing(actor, inspectionId) : [];

  const byInspector = new Map<
    string,
    { name: string; cases: number; complete: number; answered: number; expected: number }
  >();
  for (const c of cases) {
    const name = c.allocatedName ?? 'Not allocated';
    const row = byInspector.get(name) ?? { name, cases: 0, complete: 0, answered: 0, expected: 0 };
    row.cases++;
    row.answered += c.answered;
    row.expected += c.expected;
    if (c.assessed) row.complete++;
    byInspector.set(name, row);
  }
  const judged = rating.standards.filter((s) => s.assessment === 'judged');
  const caseBased = rating.standards.filter((s) => s.assessment === 'caseBased');
  const assessed = cases.filter((c) => c.assessed).length;
  const eligible = caseBased.filter((s) => s.discretion?.eligible);

  // The inspection was read through the access policy above: its timeline is computed from it, no new read.
  const timeline = timelineOf(inspection);

  return {
    may,
    stages,
    missing,
    inspection,
    organisation,
    timeline,
    framework,
    rating,
    progress: [...byInspector.values()].sort((a, b) => a.name.localeCompare(b.name)),
    tasks: {
      timeline: {
        started: inspection.fieldworkStart !== null,
        complete: timeline.complete,
        proposed: Object.values(timeline.dates).filter((entry) => entry.proposed).length,
      },
      cases: { count: cases.length, allocated: cases.filter((c) => c.allocatedTo).length },
      assessment: { assessed, total: cases.length },
      evidence: { judged: judged.filter((s) => s.rating).length, total: judged.length },
      ratings: { rated: rating.standards.filter((s) => s.rating).length, total: rating.standards.length },
      panel: {
        eligible: eligible.length,
        decided: eligible.filter((s) => s.discretion?.applied).length,
        toConsider: toConsider.length,
      },
    },
    judged,
    planning: await services.planning.status(actor, inspectionId),
    moderation: (await services.moderation.abilities(actor, inspection)).view,
  };
}
