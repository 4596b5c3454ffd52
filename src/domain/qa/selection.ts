import { drawSample, type PopulationCase } from '../sampling/index.js';
import { hash32, mulberry32, shuffle } from '../sampling/random.js';

export type CaseSelection =
  | { kind: 'perCaseManager'; perCaseManager: number }
  | { kind: 'sample'; confidence: number; margin: number }
  | { kind: 'byHand'; refs: readonly string[] };

export interface ChosenCases {
  cases: PopulationCase[];
  /** Case managers with fewer open cases than the number asked for: all of theirs are audited. */
  shortCaseManagers: string[];
}

const byRef = (a: PopulationCase, b: PopulationCase) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);

/**
 * The cases a round audits. Per case manager: that many of each manager's cases, shuffled by a seed taken
 * from the round's label so that a round drawn again gives the same cases. A sample: the inspection
 * sampler's stratified draw. By hand: the references typed, each of which must be in the population.
 */
export function chooseRoundCases(
  population: readonly PopulationCase[],
  selection: CaseSelection,
  seedLabel: string,
): ChosenCases {
  if (selection.kind === 'sample') {
    const plan = drawSample(population, {
      confidence: selection.confidence,
      margin: selection.margin,
      strata: [],
      split: { kind: 'proportional' },
    });
    const cases = [...plan.domains.court.sample, ...plan.domains.outOfCourt.sample, ...plan.resettlement];
    return { cases: cases.sort(byRef), shortCaseManagers: [] };
  }
  if (selection.kind === 'byHand') {
    const wanted = new Set(selection.refs);
    return { cases: population.filter((c) => wanted.has(c.ref)).sort(byRef), shortCaseManagers: [] };
  }
  const byManager = new Map<string, PopulationCase[]>();
  for (const c of [...population].sort(byRef)) {
    if (!c.caseManager) continue;
    byManager.set(c.caseManager, [...(byManager.get(c.caseManager) ?? []), c]);
  }
  const next = mulberry32(hash32(seedLabel));
  const chosen: PopulationCase[] = [];
  const shortCaseManagers: string[] = [];
  for (const manager of [...byManager.keys()].sort()) {
    const theirs = byManager.get(manager)!;
    if (theirs.length < selection.perCaseManager) shortCaseManagers.push(manager);
    chosen.push(...shuffle([...theirs], next).slice(0, selection.perCaseManager));
  }
  return { cases: chosen.sort(byRef), shortCaseManagers };
}

/** Cases shared out among the auditors in turn, in reference order. */
export function shareOut<T>(items: readonly T[], auditors: readonly string[]): { item: T; auditor: string }[] {
  return items.map((item, i) => ({ item, auditor: auditors[i % auditors.length]! }));
}
