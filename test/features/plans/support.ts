import { recommendations } from '../../../src/features/report/tables.js';
import type { Actor } from '../../../src/platform/audit.js';
import type { ServiceRole } from '../../../src/policy/policy.js';
import { addUser, type TestWorld } from '../../support/web.js';

/** A service with an inspection and its recommendations, and a user in each role the plan needs. */
export async function planWorld(world: TestWorld, name = 'Riverside YJS') {
  const admin = await addUser(world, `admin@${name.replace(/\W/g, '').toLowerCase()}.example.org`, { isAdmin: true });
  const organisation = await world.services.organisations.create(admin, { name });
  const inspection = await world.services.inspections.create(admin, {
    organisationId: organisation.id,
    framework: 'hmip-youth-2021',
    kind: 'hmipInspection',
    title: `${name} inspection 2023`,
    fieldworkStart: '2023-07-10',
    fieldworkEnd: '2023-07-14',
  });
  await world.database.db.insert(recommendations).values([
    {
      inspectionId: inspection.id,
      number: 1,
      actor: 'service',
      text: 'Develop and embed effective management oversight',
      standardIds: ['1.1'],
    },
    {
      inspectionId: inspection.id,
      number: 2,
      actor: 'police',
      text: 'Review out-of-court disposal policy with the YJS',
      standardIds: ['3.4'],
    },
  ]);
  const domain = name.replace(/\W/g, '').toLowerCase();
  const member = async (local: string, role: ServiceRole): Promise<Actor> => {
    const user = await addUser(world, `${local}@${domain}.example.org`);
    await world.services.users.addMembership(null, user.id, organisation.id, role);
    return user;
  };
  const head = await member('head', 'headOfService');
  const chair = await member('chair', 'boardMember');
  const auditor = await member('auditor', 'auditor');
  const lead = await addUser(world, `lead@${domain}.example.org`);
  await world.services.inspections.addTeamMember(admin, inspection.id, lead.id, 'leadInspector');
  return { admin, organisation, inspection, head, chair, auditor, lead };
}

/** A GOV.UK date input's three boxes. */
export const dateParts = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year! };
};
