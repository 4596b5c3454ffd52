import supertest from 'supertest';
import type { Actor } from '../../src/platform/audit.js';
import { seedDemo } from '../../src/demo/demo.js';
import { type Role, serviceRoles, teamRoles } from '../../src/policy/policy.js';
import { atStage, panelConsidersAll } from '../support/stages.js';
import { addUser, csrfTokenOf, openTestWorld, signIn, type TestWorld } from '../support/web.js';

/** Every role of the matrix, and a user of another organisation. */
export const everyRole = ['administrator', ...teamRoles, ...serviceRoles] as const satisfies readonly Role[];
export type UserKey = Role | 'otherOrganisation';
export const everyUser: readonly UserKey[] = [...everyRole, 'otherOrganisation'];

export interface SecurityWorld extends TestWorld {
  users: Record<UserKey, Actor>;
  ids: {
    inspectionId: string;
    organisationId: string;
    caseId: string;
    outOfCourtCaseId: string;
    otherInspectionId: string;
    otherOrganisationId: string;
    spareUserId: string;
    planId: string;
    areaId: string;
    actionId: string;
    recommendationId: string;
  };
  /** Words on the demo inspection's pages that another organisation's user must never see. */
  secrets: string[];
}

export const emailOf = (key: UserKey) => `${key.toLowerCase()}@security.test`;

/**
 * The demo inspection (Hackney, with cases, answers and judgements) with one user in each role: team roles on
 * the inspection, service roles in Hackney's organisation; and a QA lead of another service who leads an
 * inspection there.
 */
export async function openSecurityWorld(): Promise<SecurityWorld> {
  const world = await openTestWorld();
  const admin = await addUser(world, emailOf('administrator'), { isAdmin: true });
  await seedDemo(world.database.db, world.services.users);
  const demo = (await world.services.inspections.list(admin)).find((i) => i.isDemo && i.title.includes('Hackney'));
  const inspection = await world.services.inspections.get(admin, demo!.id);
  const users = { administrator: admin } as Record<UserKey, Actor>;
  for (const role of teamRoles) {
    users[role] = await addUser(world, emailOf(role));
    await world.services.inspections.addTeamMember(admin, inspection.id, users[role].id, role);
  }
  for (const role of serviceRoles)
    users[role] = await addUser(world, emailOf(role), { organisationId: inspection.organisationId, role });
  const elsewhere = await world.services.organisations.create(admin, { name: 'Elsewhere YJS' });
  users.otherOrganisation = await addUser(world, emailOf('otherOrganisation'), {
    organisationId: elsewhere.id,
    role: 'headOfService',
  });
  const theirs = await world.services.inspections.create(users.otherOrganisation, {
    organisationId: elsewhere.id,
    framework: 'hmip-youth-2021',
    kind: 'internalAudit',
    title: 'Elsewhere internal audit',
  });
  const cases = await world.services.cases.list(admin, inspection.id);
  const spare = await addUser(world, 'spare@security.test', { organisationId: elsewhere.id });
  const plan = await world.services.plans.plans.create(users.headOfService, {
    organisationId: inspection.organisationId,
    inspectionId: inspection.id,
    title: 'Hackney improvement plan',
    startFrom: 'blank',
  });
  const area = await world.services.plans.edits.saveArea(users.headOfService, plan.id, null, {
    number: 1,
    domain: 'D1 Governance and leadership',
    text: 'Board oversight of case work',
  });
  const action = await world.services.plans.edits.saveAction(users.headOfService, plan.id, area.id, null, {
    text: 'Quarterly audit of plans',
    owners: ['QA lead'],
    status: 'notStarted',
  } as never);
  const { recommendations } = await world.services.report.recommendations.list(admin, inspection.id);
  // A published version 1, for the routes that show one: the panel considers every eligible standard first.
  await panelConsidersAll(world, users.leadInspector, inspection.id);
  await world.services.report.publish(users.leadInspector, inspection.id);
  // Back to fieldwork, where every team route is open; the access tests expect that stage's refusals of the
  // service's and the board's reads.
  await atStage(world, inspection.id, 'fieldwork');
  return {
    ...world,
    users,
    ids: {
      inspectionId: inspection.id,
      organisationId: inspection.organisationId,
      caseId: cases.find((c) => c.ref === 'DEMO-C01')!.id,
      outOfCourtCaseId: cases.find((c) => c.domain === 'outOfCourt')!.id,
      otherInspectionId: theirs.id,
      otherOrganisationId: elsewhere.id,
      spareUserId: spare.id,
      planId: plan.id,
      areaId: area.id,
      actionId: action.id,
      recommendationId: recommendations[0]!.id,
    },
    secrets: ['Hackney', inspection.title, 'DEMO-C01'],
  };
}

export type Browser = Awaited<ReturnType<typeof signIn>> & { csrf: string };

/** A signed-in browser with the CSRF token of its session, as a form on any page carries it. */
export async function browserFor(world: SecurityWorld, key: UserKey): Promise<Browser> {
  const browser = await signIn(world, emailOf(key));
  const page = await browser.get('/inspections');
  return { ...browser, csrf: csrfTokenOf(page.text) };
}

/** An API client with a bearer token of the user. */
export async function apiFor(world: SecurityWorld, key: UserKey) {
  const token = await world.services.users.createApiToken(null, world.users[key].id, 'security test');
  const agent = supertest(world.app);
  return (method: 'get' | 'post' | 'put' | 'delete' | 'patch', path: string, body?: unknown) => {
    const request = agent[method](path).set('Authorization', `Bearer ${token}`);
    return body === undefined ? request : request.send(body as object);
  };
}
