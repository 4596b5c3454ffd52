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
 * Values computed from some inputs, kept in memory per process and served only while the database's version
 * of those inputs is the one they were computed at: another process's change is seen on the next read.
 * `get` keys by inspection and versions by inputsVersion; `at` takes a key and a version the caller has read
 * (for inputs wider than one inspection). The version is read before the inputs, so a value is never older
 * than the version it is kept under.
 */
export function versionedCache<T>(limit = 100) {
  const entries = new Map<string, { version: string; value: Promise<T> }>();
  function at(key: string, version: string | null, compute: () => Promise<T>): Promise<T> {
    const kept = entries.get(key);
    if (version !== null && kept?.version === version) {
      entries.delete(key);
      entries.set(key, kept);
      return kept.value;
    }
    // Concurrent readers of one version share one computation; a failed one is not kept.
    const value = compute().then(deepFreeze);
    if (version === null) return value;
    entries.delete(key);
    entries.set(key, { version, value });
    if (entries.size > limit) entries.delete(entries.keys().next().value!);
    value.catch(() => {
      if (entries.get(key)?.value === value) entries.delete(key);
    });
    return value;
  }
  return {
    async get(db: Queryable, inspectionId: string, compute: () => Promise<T>): Promise<T> {
      return at(inspectionId, await inputsVersion(db, inspectionId), compute);
    },
    at,
    /**
     * Many keys at once, each at its own version: the ones not kept at that version are computed together by
     * one call of `compute` (which must return every key it is given) and kept; the others are served as kept.
     */
    async many(
      wanted: readonly { key: string; version: string | null }[],
      compute: (keys: string[]) => Promise<Map<string, T>>,
    ): Promise<Map<string, T>> {
      const missing = wanted.filter((w) => w.version === null || entries.get(w.key)?.version !== w.version);
      const batch = missing.length ? compute(missing.map((w) => w.key)) : null;
      const values = await Promise.all(
        wanted.map((w) =>
          at(w.key, w.version, async () => {
            const value = (await batch!).get(w.key);
            if (value === undefined) throw new Error(`versionedCache.many: nothing computed for ${w.key}`);
            return value;
          }),
        ),
      );
      return new Map(wanted.map((w, i) => [w.key, values[i]!]));
    },
    get size() {
      return entries.size;
    },
  };
}
