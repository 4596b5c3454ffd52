import type { InspectionKind } from '../timeline/propose.js';

/**
 * The stages of an inspection, as data of its kind: what may happen in each, who moves it on, what the
 * inspected service and its board may see, and what must be done before moving on.
 */
export const stageIds = ['planning', 'fieldwork', 'ratingsPanel', 'factualAccuracy', 'published', 'closed'] as const;
export type StageId = (typeof stageIds)[number];

/** What the team does: each activity is open in the stages that list it. */
export type Activity = 'planning' | 'assessment' | 'discretion' | 'reportText' | 'publishing';

/** What someone outside the team may see of the inspection, beyond its overview. */
export interface Sight {
  caseAnswers: boolean;
  ratings: boolean;
  draftReport: boolean;
  publishedReport: boolean;
}

/** What must be true before the inspection moves on from a stage. */
export type Check = 'casesAllocated' | 'casesAssessed' | 'panelConsidered';

export interface Stage {
  id: StageId;
  label: string;
  /** One line: what the stage is for. */
  purpose: string;
  activities: readonly Activity[];
  /** From this stage on the figures (answers, judgements, discretion) cannot change. */
  figuresFrozen: boolean;
  /** Who moves the inspection on to the next stage. */
  movedOnBy: 'leadInspector';
  service: Sight;
  board: Sight;
  /** Checked before moving on from this stage. */
  checks: readonly Check[];
}

const nothing: Sight = { caseAnswers: false, ratings: false, draftReport: false, publishedReport: false };
const draftOnly: Sight = { ...nothing, draftReport: true };
const published: Sight = { ...nothing, ratings: true, publishedReport: true };
/** The service's own work: its leads see everything of it as it happens. */
const everything: Sight = { caseAnswers: true, ratings: true, draftReport: true, publishedReport: true };

const lead = 'leadInspector' as const;

/** HMIP (and joint): the inspectorate's process, the service seeing the draft only for factual accuracy. */
const hmip: readonly Stage[] = [
  {
    id: 'planning',
    label: 'Planning',
    purpose: 'Timeline, team, eligible population, sample and allocation',
    activities: ['planning'],
    figuresFrozen: false,
    movedOnBy: lead,
    service: nothing,
    board: nothing,
    checks: ['casesAllocated'],
  },
  {
    id: 'fieldwork',
    label: 'Fieldwork',
    purpose: 'Inspectors assess the cases and gather evidence on the judged standards',
    activities: ['planning', 'assessment'],
    figuresFrozen: false,
    movedOnBy: lead,
    service: nothing,
    board: nothing,
    checks: ['casesAssessed'],
  },
  {
    id: 'ratingsPanel',
    label: 'Ratings panel',
    purpose: 'The panel considers professional discretion; the report is written',
    activities: ['discretion', 'reportText'],
    figuresFrozen: false,
    movedOnBy: lead,
    service: nothing,
    board: nothing,
    checks: ['panelConsidered'],
  },
  {
    id: 'factualAccuracy',
    label: 'Factual accuracy',
    purpose: 'The service checks the draft report for factual accuracy',
    activities: ['reportText', 'publishing'],
    figuresFrozen: true,
    movedOnBy: lead,
    service: draftOnly,
    board: nothing,
    checks: [],
  },
  {
    id: 'published',
    label: 'Published',
    purpose: 'The report is public; the service writes its improvement plan',
    activities: [],
    figuresFrozen: true,
    movedOnBy: lead,
    service: published,
    board: published,
    checks: [],
  },
  {
    id: 'closed',
    label: 'Closed',
    purpose: 'Nothing more changes',
    activities: [],
    figuresFrozen: true,
    movedOnBy: lead,
    service: published,
    board: published,
    checks: [],
  },
];

/**
 * A mock inspection: the service rehearses an HMIP inspection on itself, with its own panel to learn how
 * discretion works, but no factual accuracy check (it is its own report). Its board sees the result only.
 */
const mock: readonly Stage[] = [
  { ...hmip[0]!, service: everything },
  { ...hmip[1]!, service: everything },
  { ...hmip[2]!, service: everything },
  { ...hmip[4]!, service: everything, purpose: 'The mock report goes to the management board' },
  { ...hmip[5]!, service: everything },
];

/**
 * An internal audit (Ealing's "3 cases per quarter each"): planning, auditing the cases, the findings shared
 * with the board. No ratings panel: an audit is not rated with discretion.
 */
const audit: readonly Stage[] = [
  { ...mock[0]! },
  { ...mock[1]!, label: 'Auditing', purpose: 'Auditors assess the cases', checks: ['casesAssessed'] },
  { ...mock[3]!, label: 'Shared', purpose: 'The findings go to the management board' },
  { ...mock[4]! },
];

export const stagesByKind: Record<InspectionKind, readonly Stage[]> = {
  hmipInspection: hmip,
  jointInspection: hmip,
  mockInspection: mock,
  internalAudit: audit,
};

/** The stage of an inspection of this kind; a stage the kind does not have reads as its nearest earlier one. */
export function stageOf(kind: InspectionKind, id: string): Stage {
  const stages = stagesByKind[kind];
  const found = stages.find((s) => s.id === id);
  if (found) return found;
  const order = stageIds.indexOf(id as StageId);
  return [...stages].reverse().find((s) => stageIds.indexOf(s.id) <= order) ?? stages[0]!;
}

export function nextStage(kind: InspectionKind, id: string): Stage | null {
  const stages = stagesByKind[kind];
  const index = stages.findIndex((s) => s.id === stageOf(kind, id).id);
  return stages[index + 1] ?? null;
}

/** What is still to do before moving on, in words, from the counts the caller gathered. */
export function missingBeforeMovingOn(
  stage: Stage,
  counts: { cases: number; unallocated: number; unassessed: number; toConsider: number },
): string[] {
  const missing: string[] = [];
  for (const check of stage.checks) {
    if (check === 'casesAllocated') {
      if (counts.cases === 0) missing.push('Add the cases to inspect');
      else if (counts.unallocated > 0)
        missing.push(`Allocate ${counts.unallocated} ${counts.unallocated === 1 ? 'case' : 'cases'} to an inspector`);
    }
    if (check === 'casesAssessed' && counts.unassessed > 0)
      missing.push(`Finish assessing ${counts.unassessed} ${counts.unassessed === 1 ? 'case' : 'cases'}`);
    if (check === 'panelConsidered' && counts.toConsider > 0)
      missing.push(
        `The ratings panel has ${counts.toConsider} ${counts.toConsider === 1 ? 'standard' : 'standards'} still to consider`,
      );
  }
  return missing;
}
