import { eq } from 'drizzle-orm';
import type { StageId } from '../../src/domain/stages/stages.js';
import type { InspectionKind } from '../../src/domain/timeline/propose.js';
import { inspections } from '../../src/platform/db/core-tables.js';
import type { Actor } from '../../src/platform/audit.js';
import type { TestWorld } from './web.js';

/**
 * Puts an inspection at a stage (and, when given, makes it another kind) without the checks of moving on:
 * for tests of other features that need the stage where their work happens, not the journey to it.
 */
export async function atStage(
  world: Pick<TestWorld, 'database'>,
  inspectionId: string,
  stage: StageId,
  kind?: InspectionKind,
): Promise<void> {
  await world.database.db
    .update(inspections)
    .set({ status: stage, ...(kind && { kind }) })
    .where(eq(inspections.id, inspectionId));
}

/**
 * The ratings panel considers every eligible standard it has not yet, the computed rating standing: what an
 * inspection needs before it can be published.
 */
export async function panelConsidersAll(
  world: Pick<TestWorld, 'services'>,
  panel: Actor,
  inspectionId: string,
): Promise<string[]> {
  const { toConsider } = await world.services.ratings.rate(panel, inspectionId, 'discretion.decide');
  for (const standardId of toConsider)
    await world.services.ratings.recordDiscretion(panel, inspectionId, standardId, {
      outcome: 'stands',
      rationale: 'The panel weighed the sub-samples and the other key questions; the computed rating stands.',
    });
  return toConsider;
}
