import { and, asc, eq, ne } from 'drizzle-orm';
import type { Database } from '../../../platform/db/connect.js';
import { inspections } from '../../../platform/db/core-tables.js';
import { inspectionKindLabels } from '../../inspections/index.js';
import type { createRatingService } from '../../ratings/index.js';
import type { Actor } from '../../../platform/audit.js';
import type { ImprovementPlanRow } from './access.js';

export interface ImpactFigure {
  inspectionId: string;
  inspectionTitle: string;
  kind: string;
  fieldworkStart: string | null;
  target: string;
  /** "65%" with "11 of 17", or a standard's rating. */
  figure: string;
  detail: string;
}

/**
 * Evidence of impact: for the standards and key questions an action targets, the figures from the service's
 * later inspections and internal audits (after the plan's own inspection), as the ratings service works them
 * out. Empty until such an inspection or audit has answers.
 */
export function createPlanImpactService(db: Database, ratings: ReturnType<typeof createRatingService>) {
  return {
    async impactOf(actor: Actor, plan: ImprovementPlanRow, targets: readonly string[]): Promise<ImpactFigure[]> {
      if (targets.length === 0) return [];
      const [own] = plan.inspectionId
        ? await db.select().from(inspections).where(eq(inspections.id, plan.inspectionId))
        : [];
      const since = own?.fieldworkStart ?? plan.createdAt.toISOString().slice(0, 10);
      const later = (
        await db
          .select()
          .from(inspections)
          .where(and(eq(inspections.organisationId, plan.organisationId), ...(own ? [ne(inspections.id, own.id)] : [])))
          .orderBy(asc(inspections.fieldworkStart), asc(inspections.createdAt))
      ).filter((i) => (i.fieldworkStart ?? i.createdAt.toISOString().slice(0, 10)) > since);
      const figures: ImpactFigure[] = [];
      for (const inspection of later) {
        let rated;
        try {
          rated = await ratings.rate(actor, inspection.id);
        } catch {
          continue; // Not visible to this user, or not rateable: nothing to show from it.
        }
        for (const target of targets) {
          const standard = rated.rating.standards.find(
            (s) => s.id === target || s.keyQuestions.some((k) => k.id === target),
          );
          if (!standard) continue;
          const base = {
            inspectionId: inspection.id,
            inspectionTitle: inspection.title,
            kind: inspectionKindLabels[inspection.kind],
            fieldworkStart: inspection.fieldworkStart,
            target,
          };
          if (standard.id === target) {
            const rating = standard.rating ?? standard.provisionalRating;
            if (rating)
              figures.push({ ...base, figure: rating, detail: standard.rating ? 'Rating' : 'Provisional rating' });
            continue;
          }
          const keyQuestion = standard.keyQuestions.find((k) => k.id === target)!;
          if (keyQuestion.percent === null) continue;
          figures.push({
            ...base,
            figure: `${keyQuestion.percent}%`,
            detail:
              keyQuestion.relevant !== null
                ? `${keyQuestion.yes} of ${keyQuestion.relevant} relevant cases`
                : "Published % 'Yes'",
          });
        }
      }
      return figures;
    },
  };
}
