import { sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from './connect.js';

/**
 * The version of everything an inspection's ratings and progress are computed from: the inspection's change
 * count (judgements, discretion, cases added or removed) and the sum of its cases' change counts (answers,
 * case factors). Triggers bump both in the writer's transaction, so equal versions mean equal inputs.
 * Null when the inspection does not exist.
 */
export async function inputsVersion(db: Queryable, inspectionId: string): Promise<string | null> {
  const [row] = rowsOf<{ inspection: number; cases: number }>(
    await db.execute(sql`
      select i.change_count as inspection,
        (select coalesce(sum(c.change_count), 0)::int from cases c where c.inspection_id = i.id) as cases
      from inspections i where i.id = ${inspectionId}`),
  );
  return row ? `${row.inspection}:${row.cases}` : null;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * Values computed from an inspection's inputs, kept in memory per process and served only while the
 * database's inputsVersion is the one they were computed at: another process's change is seen on the next read.
 * The version is read before the inputs, so a value is never older than the version it is kept under.
 */
export function versionedCache<T>(limit = 100) {
  const entries = new Map<string, { version: string; value: Promise<T> }>();
  return {
    async get(db: Queryable, inspectionId: string, compute: () => Promise<T>): Promise<T> {
      const version = await inputsVersion(db, inspectionId);
      const kept = entries.get(inspectionId);
      if (version !== null && kept?.version === version) {
        entries.delete(inspectionId);
        entries.set(inspectionId, kept);
        return kept.value;
      }
      // Concurrent readers of one version share one computation; a failed one is not kept.
      const value = compute().then(deepFreeze);
      if (version === null) return value;
      entries.delete(inspectionId);
      entries.set(inspectionId, { version, value });
      if (entries.size > limit) entries.delete(entries.keys().next().value!);
      value.catch(() => {
        if (entries.get(inspectionId)?.value === value) entries.delete(inspectionId);
      });
      return value;
    },
    get size() {
      return entries.size;
    },
  };
}
