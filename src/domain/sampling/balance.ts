import { byCode } from './allocate.js';

/**
 * Sharing the unallocated cases among the inspectors so that each has about as many cases as the others,
 * and about as many of each domain. Cases are taken in domain then reference order; each goes to the
 * inspector with the fewest cases so far (those already allocated count), then the fewest of its domain,
 * then in the order the inspectors are given. Starting from nothing, everyone's total ends within one of
 * everyone else's, and so does everyone's count within the first domain. Deterministic: the same cases and
 * inspectors give the same allocation.
 */

export interface CaseToAllocate {
  id: string;
  ref: string;
  domain: string;
}

export interface InspectorLoad {
  id: string;
  /** Cases already allocated to the inspector, by domain. */
  byDomain: Record<string, number>;
}

/** Case id to inspector id, for the unallocated cases only. */
export function balanceAllocation(
  unallocated: readonly CaseToAllocate[],
  inspectors: readonly InspectorLoad[],
): Map<string, string> {
  const allocation = new Map<string, string>();
  if (inspectors.length === 0) return allocation;
  const loads = inspectors.map((inspector) => ({
    id: inspector.id,
    total: Object.values(inspector.byDomain).reduce((sum, n) => sum + n, 0),
    byDomain: new Map(Object.entries(inspector.byDomain)),
  }));
  const ordered = [...unallocated].sort((a, b) => byCode(a.domain, b.domain) || byCode(a.ref, b.ref));
  for (const c of ordered) {
    let best = loads[0]!;
    for (const load of loads.slice(1)) {
      const fewer = load.total - best.total || (load.byDomain.get(c.domain) ?? 0) - (best.byDomain.get(c.domain) ?? 0);
      if (fewer < 0) best = load;
    }
    best.total++;
    best.byDomain.set(c.domain, (best.byDomain.get(c.domain) ?? 0) + 1);
    allocation.set(c.id, best.id);
  }
  return allocation;
}
