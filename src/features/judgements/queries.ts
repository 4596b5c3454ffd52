import { and, count, eq } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/connect.js';
import { evidenceNotes, judgements } from './tables.js';

/** The judged standards of an inspection, as the ratings and the report read them. */
export function judgementsOf(db: Queryable, inspectionId: string) {
  return db.select().from(judgements).where(eq(judgements.inspectionId, inspectionId));
}

/** How many meetings the evidence notes record: the report's background says so. */
export async function meetingCountOf(db: Queryable, inspectionId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(evidenceNotes)
    .where(and(eq(evidenceNotes.inspectionId, inspectionId), eq(evidenceNotes.source, 'meeting')));
  return Number(row?.n ?? 0);
}
