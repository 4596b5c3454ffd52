import { eq } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/connect.js';
import type { KeyQuestionFigure } from '../../domain/rating/types.js';
import { ratingSnapshots } from './tables.js';

/** Keeps an inspection's ratings before its case-level data is deleted (the retention job). */
export async function keepRatingSnapshot(tx: Queryable, inspectionId: string, figures: unknown, rating: unknown) {
  await tx
    .insert(ratingSnapshots)
    .values({ inspectionId, keyQuestionFigures: figures, rating })
    .onConflictDoUpdate({ target: ratingSnapshots.inspectionId, set: { keyQuestionFigures: figures, rating } });
}

/** The key-question figures kept when an inspection's cases were deleted, or null while it still has them. */
export async function keptKeyQuestionFigures(
  db: Queryable,
  inspectionId: string,
): Promise<Record<string, KeyQuestionFigure[]> | null> {
  const [snapshot] = await db
    .select({ figures: ratingSnapshots.keyQuestionFigures })
    .from(ratingSnapshots)
    .where(eq(ratingSnapshots.inspectionId, inspectionId));
  return (snapshot?.figures as Record<string, KeyQuestionFigure[]> | undefined) ?? null;
}
