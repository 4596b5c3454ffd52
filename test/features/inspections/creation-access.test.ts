import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError, ValidationError } from '../../../src/platform/errors.js';
import { addUser, pageText } from '../../support/web.js';
import { browserFor, openSecurityWorld, type SecurityWorld } from '../../policy/world.js';

/** Who starts an inspection: the service's leads their own mock inspections and audits; HMIP the inspectorate. */
let world: SecurityWorld;
const hmip = (organisationId: string) => ({
  organisationId,
  framework: 'hmip-youth-2021',
  kind: 'hmipInspection' as const,
});

beforeAll(async () => {
  world = await openSecurityWorld();
  const inspectorate = await world.services.organisations.create(world.users.administrator, {
    name: 'HM Inspectorate of Probation',
    kind: 'inspectorate',
  });
  await addUser(world, 'hmi@inspectorate.test', { organisationId: inspectorate.id, role: 'qaLead' });
});
afterAll(() => world.close());

describe('starting an inspection', () => {
  it("lets an inspectorate's member start an HMIP inspection of any service, and lead it", async () => {
    const hmi = (await world.services.users.findByEmail('hmi@inspectorate.test'))!;
    expect((await world.services.inspections.organisationsFor(hmi)).map((o) => o.id)).toContain(
      world.ids.organisationId,
    );
    const inspection = await world.services.inspections.create(hmi, hmip(world.ids.organisationId));
    expect((await world.services.inspections.team(hmi, inspection.id)).map((m) => [m.email, m.role])).toEqual([
      ['hmi@inspectorate.test', 'leadInspector'],
    ]);
  });

  it("gives the service's QA lead a form error for an HMIP inspection, keeping what was typed", async () => {
    await expect(world.services.inspections.create(world.users.qaLead, hmip(world.ids.organisationId))).rejects.toThrow(
      ValidationError,
    );
    const qaLead = await browserFor(world, 'qaLead');
    const response = await qaLead.agent
      .post('/inspections')
      .type('form')
      .send({ ...hmip(world.ids.organisationId), title: 'Our own try', _csrf: qaLead.csrf });
    expect(response.status).toBe(400);
    expect(pageText(response.text)).toContain('HMIP and joint inspections are started by the inspectorate');
    expect(response.text).toContain('value="Our own try"');
  });

  it('refuses board members, auditors, team members and other services alike', async () => {
    for (const key of ['boardMember', 'auditor', 'leadInspector', 'otherOrganisation'] as const) {
      for (const kind of ['mockInspection', 'hmipInspection'] as const)
        await expect(
          world.services.inspections.create(world.users[key], { ...hmip(world.ids.organisationId), kind }),
          `${key} ${kind}`,
        ).rejects.toThrow(ForbiddenError);
    }
  });
});
