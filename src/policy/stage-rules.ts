import { stageIds, stageOf, stagesByKind, type Activity, type Sight, type Stage } from '../domain/stages/stages.js';
import type { InspectionKind } from '../domain/timeline/propose.js';

/** Permissions and roles by name: policy.ts imports this file, so it cannot import policy.ts's types. */
type Permission = string;
type Role = string;

/** The team's permissions and the activity each belongs to. */
const activityOf: Record<Permission, Activity | undefined> = {
  'inspection.plan': 'planning',
  'case.edit': 'planning',
  'case.assess': 'assessment',
  'judgement.edit': 'assessment',
  // A second assessment, and the answer that counts, change the figures as assessment does.
  'moderation.assess': 'assessment',
  'moderation.reconcile': 'assessment',
  'discretion.decide': 'discretion',
  'report.edit': 'reportText',
  'report.publish': 'publishing',
};

/** What outside the team each permission shows. */
const sightOf: Record<Permission, ((sight: Sight) => boolean) | undefined> = {
  'case.view': (s) => s.caseAnswers,
  'moderation.view': (s) => s.caseAnswers,
  'moderation.assess': (s) => s.caseAnswers,
  'moderation.reconcile': (s) => s.caseAnswers,
  'moderation.manage': (s) => s.caseAnswers,
  'ratings.view': (s) => s.ratings,
  'report.view': (s) => s.draftReport || s.publishedReport,
};

const serviceLeads: readonly Role[] = ['headOfService', 'qaLead', 'auditor'];

/**
 * Why the inspection's stage refuses the permission, in words; null when it allows it. Outside the team (the
 * service's people, its board) what may be seen follows the stage; inside, an activity closes once the
 * inspection has moved past every stage that has it (figures frozen from factual accuracy on).
 */
export function stageRefusal(
  inspection: { kind: InspectionKind; status: string },
  roles: ReadonlySet<Role>,
  permission: Permission,
): string | null {
  const stage = stageOf(inspection.kind, inspection.status);
  const onTeam =
    roles.has('administrator') || ['leadInspector', 'inspector', 'ratingsPanel', 'moderator'].some((r) => roles.has(r));
  const sees = sightOf[permission];
  if (!onTeam && sees) {
    const board = !serviceLeads.some((r) => roles.has(r));
    if (!sees(board ? stage.board : stage.service)) return whatIsShared(inspection.kind, stage, board);
  }
  const activity = activityOf[permission];
  if (activity && !stillOpen(inspection.kind, stage, activity))
    return `This inspection is at the ${stage.label.toLowerCase()} stage: ${closedWords[activity]}.`;
  return null;
}

const closedWords: Record<Activity, string> = {
  planning: 'planning and the cases can no longer change',
  assessment: 'the figures are frozen, so answers and judgements can no longer change',
  discretion: 'the ratings panel has finished, so discretion can no longer change',
  reportText: 'the report text can no longer change',
  publishing: 'the report is already published',
};

function stillOpen(kind: InspectionKind, stage: Stage, activity: Activity): boolean {
  const stages = stagesByKind[kind];
  return stages.slice(stages.indexOf(stage)).some((s) => s.activities.includes(activity));
}

function whatIsShared(kind: InspectionKind, stage: Stage, board: boolean): string {
  const now = `This inspection is at the ${stage.label.toLowerCase()} stage.`;
  if (board) return `${now} The management board sees the report and the ratings once the report is published.`;
  const draft = stagesByKind[kind].find((s) => s.service.draftReport);
  return `${now} The service sees the draft report at the ${draft!.label.toLowerCase()} stage and the ratings once the report is published; the cases' answers stay with the inspectors.`;
}

/**
 * The (kind, stage) pairs in which the team may still do a permission's activity: for a write that checks
 * access inside its own SQL statement, so that the statement itself refuses a frozen stage.
 */
export function stagesOpenTo(permission: Permission): { kind: InspectionKind; status: string }[] {
  const team: ReadonlySet<Role> = new Set(['leadInspector', 'inspector']);
  return (Object.keys(stagesByKind) as InspectionKind[]).flatMap((kind) =>
    stageIds
      .filter((status) => stageRefusal({ kind, status }, team, permission) === null)
      .map((status) => ({ kind, status })),
  );
}
