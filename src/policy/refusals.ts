import { permissionMatrix, type Permission, type Role } from './matrix.js';

/**
 * What each permission lets one do, as the end of "Only the lead inspector can …": the refusal a user reads
 * when they try it without the role (see `whoMay`).
 */
export const permissionActions: Record<Permission, string> = {
  'inspection.create': 'start an inspection of this service',
  'inspection.view': 'see this inspection',
  'inspection.plan': 'plan the inspection: its timeline, team, population, sample and allocation',
  'inspection.status': 'move the inspection on to its next stage',
  'team.manage': 'add, invite and remove inspectors and ratings panel members',
  'national.import': "import HMIP's published national ratings",
  'case.view': 'see the cases, their answers and evidence',
  'case.edit': 'add, import and edit cases, and allocate them',
  'case.assess': 'assess cases',
  'judgement.edit': 'record judgements and evidence notes on the judged standards',
  'discretion.decide': 'record or withdraw professional discretion',
  'ratings.view': 'see the ratings',
  'report.view': 'read the report',
  'report.edit': 'write the report',
  'report.publish': 'publish the report',
  'plan.view': 'see the improvement plan',
  'plan.edit': 'write the improvement plan',
  'plan.update': 'update progress on the improvement plan',
  'plan.agree': 'agree the improvement plan',
  'plan.signOff': 'sign off the improvement plan',
  'retention.set': "set how long the service's case data is kept",
  'audit.view': 'search and export the whole audit trail',
  'moderation.manage': 'choose cases for moderation and their moderators',
  'moderation.assess': 'assess a case a second time as its moderator',
  'moderation.view': 'see the agreement between assessors',
  'moderation.reconcile': 'decide the answer that counts where assessors disagree',
  'text.redact': "redact personal data from a case's record",
  'qa.manage': 'set up audit programmes and rounds',
  'qa.view': "see the service's audit trends and the board's QA report",
  'qa.feedback': "see and acknowledge the audit's feedback on their own cases",
  'framework.add': "add a framework file of the service's own",
  'framework.publish': "publish a service's framework for every service",
};

const roleWords: Record<Role, string> = {
  leadInspector: 'the lead inspector',
  inspector: 'an inspector',
  ratingsPanel: 'a ratings panel member',
  moderator: 'a moderator',
  headOfService: 'the head of service',
  qaLead: 'a QA lead',
  auditor: 'an auditor',
  boardMember: 'a board member',
  caseManager: 'a case manager',
  administrator: 'a system administrator',
};

/** The refusal in plain words, from the matrix: "Only the lead inspector or a system administrator can …". */
export function whoMay(permission: Permission): string {
  // The people who do the work first, the administrator last.
  const who = [...permissionMatrix[permission]]
    .sort((a, b) => Number(a === 'administrator') - Number(b === 'administrator'))
    .map((role) => roleWords[role]);
  const action = permissionActions[permission];
  if (who.length === 1) return `Only ${who[0]} can ${action}.`;
  // Each joint written out ("{a}, {b}", "… or {last} can …"): the translator finds the role words in the sentence.
  const others = who.slice(0, -1).reduce((a, b) => `${a}, ${b}`);
  return `Only ${others} or ${who.at(-1)} can ${action}.`;
}
