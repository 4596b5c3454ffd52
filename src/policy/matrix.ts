/**
 * Who may do what, decided here and nowhere else. A user's roles come from three places: the system
 * administrator flag, their role in a service (memberships) and their role on an inspection team. The matrix
 * below is the README's access table; `test/security` walks every route against it.
 */
export const serviceRoles = ['headOfService', 'qaLead', 'auditor', 'boardMember', 'caseManager'] as const;
export const teamRoles = ['leadInspector', 'inspector', 'ratingsPanel', 'moderator'] as const;
export type ServiceRole = (typeof serviceRoles)[number];
export type TeamRole = (typeof teamRoles)[number];
export type Role = 'administrator' | ServiceRole | TeamRole;

export const roleLabels: Record<Role, string> = {
  administrator: 'System administrator',
  leadInspector: 'Lead inspector',
  inspector: 'Inspector',
  ratingsPanel: 'Ratings panel member',
  moderator: 'Moderator',
  headOfService: 'Head of service',
  qaLead: 'QA lead',
  auditor: 'Auditor',
  boardMember: 'Board member',
  caseManager: 'Case manager',
};

const everyone: readonly Role[] = [
  'administrator',
  'leadInspector',
  'inspector',
  'ratingsPanel',
  'moderator',
  'headOfService',
  'qaLead',
  'auditor',
  'boardMember',
  'caseManager',
];
/**
 * Everyone who may see case-level data: all but board members, case managers (who see their own cases'
 * feedback) and moderators, whose second assessment is blind (they see their own cases on the moderation
 * pages only).
 */
const caseReaders = everyone.filter((role) => !['boardMember', 'caseManager', 'moderator'].includes(role));

/** The access matrix: each permission and the roles that hold it. */
export const permissionMatrix = {
  /**
   * Starting an inspection of a service: mock inspections and internal audits by the service's own leads;
   * HMIP and joint inspections by an inspectorate's members holding it (see `demandInspectionCreation`).
   */
  'inspection.create': ['administrator', 'headOfService', 'qaLead'],
  /** The inspection's overview, timeline and team (no case data). */
  'inspection.view': everyone,
  /** Timeline, team, population, sample, allocation and interviews. */
  'inspection.plan': ['administrator', 'leadInspector'],
  'inspection.status': ['administrator', 'leadInspector'],
  /** Adding, inviting and removing the inspectors and ratings panel members. */
  'team.manage': ['administrator', 'leadInspector'],
  'case.view': caseReaders,
  'case.edit': ['administrator', 'leadInspector'],
  'case.assess': ['leadInspector', 'inspector'],
  'judgement.edit': ['leadInspector', 'inspector'],
  'discretion.decide': ['leadInspector', 'ratingsPanel'],
  'ratings.view': everyone,
  'report.view': everyone,
  'report.edit': ['leadInspector', 'inspector'],
  'report.publish': ['leadInspector'],
  'plan.view': ['administrator', 'leadInspector', 'headOfService', 'qaLead', 'auditor', 'boardMember'],
  'plan.edit': ['headOfService', 'qaLead'],
  'plan.update': ['headOfService', 'qaLead'],
  'plan.agree': ['leadInspector'],
  'plan.signOff': ['boardMember'],
  /** How long the service's case data is kept after an inspection (the privacy settings). */
  'retention.set': ['administrator', 'headOfService'],
  /** The whole audit trail, filtered and exported; a case's and a standard's history go with case.view. */
  'audit.view': ['administrator'],
  /** Choosing cases for a second, blind assessment and who moderates them. */
  'moderation.manage': ['administrator', 'leadInspector', 'qaLead'],
  /** The second assessment itself: only for the cases the moderator was given. */
  'moderation.assess': ['moderator', 'leadInspector', 'inspector', 'qaLead', 'auditor', 'headOfService'],
  /** Agreement figures, the disagreements side by side, the moderation report. */
  'moderation.view': ['administrator', 'leadInspector', 'qaLead', 'headOfService', 'moderator'],
  /** Deciding the answer that counts where the two assessments disagree. */
  'moderation.reconcile': ['administrator', 'leadInspector', 'qaLead', 'moderator'],
  /** Removing personal data from a case's record: answers, history and audit trail. */
  'text.redact': ['administrator'],
  /** Audit programmes, their rounds and who acknowledged feedback. */
  'qa.manage': ['administrator', 'headOfService', 'qaLead'],
  /** A service's trends, predictions and the board's quarterly report (figures, no case data). */
  'qa.view': ['administrator', 'headOfService', 'qaLead', 'auditor', 'boardMember'],
  /** The audit's answers and evidence on the cases one manages, acknowledged or answered. */
  'qa.feedback': ['caseManager'],
  /** A framework file of the service's own (an audit tool); publishing it for every service is an administrator's. */
  'framework.add': ['administrator', 'headOfService', 'qaLead'],
  'framework.publish': ['administrator'],
  /** A newer file of HMIP's published national ratings, replacing the one shown. */
  'national.import': ['administrator'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof permissionMatrix;

/** What each permission lets a user do, in the README's words. */
export const permissionLabels: Record<Permission, string> = {
  'inspection.create': 'Start an inspection of the service (HMIP and joint: inspectorate members)',
  'inspection.view': "See the inspection's overview, timeline and team",
  'inspection.plan': 'Plan: timeline, team, population, sample, allocation',
  'inspection.status': "Change the inspection's status",
  'team.manage': 'Add, invite and remove inspectors and ratings panel members',
  'case.view': 'See cases, answers, evidence and their history',
  'case.edit': 'Add, import and edit cases; allocate them',
  'case.assess': 'Answer key questions and prompts, with evidence',
  'judgement.edit': 'Record judgements and evidence notes on judged standards',
  'discretion.decide': 'Record or withdraw professional discretion',
  'ratings.view': 'See the ratings and their workings (not the cases behind them)',
  'report.view': 'Read the report',
  'report.edit': 'Write the report',
  'report.publish': 'Publish the report',
  'plan.view': 'See the improvement plan',
  'plan.edit': 'Write the improvement plan',
  'plan.update': 'Update progress on the improvement plan',
  'plan.agree': 'Agree the improvement plan',
  'plan.signOff': 'Sign off the improvement plan',
  'retention.set': "Set how long the service's case data is kept",
  'audit.view': 'Search and export the whole audit trail',
  'moderation.manage': 'Choose cases for moderation and their moderator',
  'moderation.assess': 'Assess a case a second time, blind, as its moderator',
  'moderation.view': 'See agreement between assessors and the moderation report',
  'moderation.reconcile': 'Decide the answer that counts where assessors disagree',
  'text.redact': "Redact personal data from a case's record",
  'qa.manage': 'Set up audit programmes and rounds; see which feedback is acknowledged',
  'qa.view': "See the service's audit trends, predictions and the board's QA report",
  'qa.feedback': "See and acknowledge the audit's feedback on one's own cases",
  'framework.add': "Add a framework file of the service's own",
  'framework.publish': "Publish a service's framework for every service",
  'national.import': "Import a newer file of HMIP's published national ratings",
};

/** The access matrix as the README's Markdown table: one row per permission, one column per role. */
export function matrixMarkdown(): string {
  const roles = Object.keys(roleLabels) as Role[];
  const lines = [
    `| Permission | ${roles.map((role) => roleLabels[role]).join(' | ')} |`,
    `| --- | ${roles.map(() => ':-:').join(' | ')} |`,
  ];
  for (const permission of Object.keys(permissionMatrix) as Permission[])
    lines.push(
      `| ${permissionLabels[permission]} (\`${permission}\`) | ${roles.map((role) => (can([role], permission) ? 'yes' : '')).join(' | ')} |`,
    );
  return `${lines.join('\n')}\n`;
}

export function can(roles: Iterable<Role>, permission: Permission): boolean {
  const allowed: readonly Role[] = permissionMatrix[permission];
  for (const role of roles) if (allowed.includes(role)) return true;
  return false;
}
