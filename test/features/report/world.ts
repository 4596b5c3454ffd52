import type { Actor } from '../../../src/platform/audit.js';
import { seedDemo } from '../../../src/demo/demo.js';
import { panelConsidersAll } from '../../support/stages.js';
import { addUser, openTestWorld, type TestWorld } from '../../support/web.js';

export interface ReportWorld {
  world: TestWorld;
  inspectionId: string;
  admin: Actor;
  lead: Actor;
  inspector: Actor;
  boardMember: Actor;
  outsider: Actor;
}

/**
 * The demo inspection (in fieldwork, every eligible standard considered by the panel) with a lead inspector,
 * an inspector, a board member of the service (who reads the report once it is published) and an outsider;
 * its services built from `built` (a PDF renderer, say).
 */
export async function openReportWorld(built: Parameters<typeof openTestWorld>[0] = {}): Promise<ReportWorld> {
  const world = await openTestWorld(built);
  const admin = await addUser(world, 'admin@example.org', { isAdmin: true });
  await seedDemo(world.database.db, world.services.users);
  // The Hackney demo (the demo may hold other inspections too).
  const demo = (await world.services.inspections.list(admin)).find((i) => i.title.includes('Hackney'));
  const inspectionId = demo!.id;
  const { organisationId } = await world.services.inspections.get(admin, inspectionId);
  const lead = await addUser(world, 'lead@example.org');
  await world.services.inspections.addTeamMember(admin, inspectionId, lead.id, 'leadInspector');
  const inspector = await addUser(world, 'inspector@example.org');
  await world.services.inspections.addTeamMember(admin, inspectionId, inspector.id, 'inspector');
  const boardMember = await addUser(world, 'board@example.org');
  await world.services.users.addMembership(admin, boardMember.id, organisationId, 'boardMember');
  const other = await world.services.organisations.create(admin, { name: 'Another YJS' });
  const outsider = await addUser(world, 'outsider@example.org', { organisationId: other.id });
  // Publishing waits for the panel: the demo's eligible standards other than 3.3 stand.
  await panelConsidersAll(world, lead, inspectionId);
  return { world, inspectionId, admin, lead, inspector, boardMember, outsider };
}
