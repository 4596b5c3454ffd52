import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/platform/audit.js';
import { getFramework } from '../../../src/platform/framework-registry.js';
import { caseCsvColumnHelp } from '../../../src/features/cases/case-import.js';
import { addUser, openTestWorld, signIn, type TestWorld } from '../../support/web.js';

// 2.4's three sub-samples (Merton, 2018): the case form, the API and the CSV import carry the three kinds of change.
let world: TestWorld;
let lead: Actor;
let merton: string;
let hackney: string;
let token: string;

beforeAll(async () => {
  world = await openTestWorld();
  const admin = await addUser(world, 'admin@example.org', { isAdmin: true });
  const organisationId = (await world.services.organisations.create(admin, { name: 'Review YJS' })).id;
  lead = await addUser(world, 'lead@example.org', { organisationId });
  const create = async (framework: string) =>
    (await world.services.inspections.create(lead, { organisationId, framework, kind: 'mockInspection' })).id;
  merton = await create('hmip-youth-2018');
  hackney = await create('hmip-youth-2021');
  token = await world.services.users.createApiToken(null, lead.id, 'review');
});
afterAll(() => world.close());

const stored = async (inspectionId: string, ref: string) =>
  (await world.services.cases.list(lead, inspectionId)).find((c) => c.ref === ref);
const postCase = (inspectionId: string, body: object) =>
  supertest(world.app)
    .post(`/api/v1/inspections/${inspectionId}/cases`)
    .set('authorization', `Bearer ${token}`)
    .send(body);

describe("the case form with 2.4's kinds of change", () => {
  it('asks for them under the 2018 framework only, and stores them', async () => {
    const user = await signIn(world, 'lead@example.org');
    const form2018 = await user.get(`/inspections/${merton}/cases/new`);
    expect(form2018.text).toContain('Were there changes in factors related to keeping other people safe?');
    const form2021 = await user.get(`/inspections/${hackney}/cases/new`);
    expect(form2021.text).toContain('Did changes in the case require a review?');
    expect(form2021.text).not.toContain('reviewOtherPeopleSafety');

    const response = await user.post(`/inspections/${merton}/cases/new`, `/inspections/${merton}/cases/new`, {
      ref: 'M-1',
      domain: 'court',
      reviewRequired: 'yes',
      reviewDesistance: 'yes',
      reviewChildSafety: 'yes',
      reviewOtherPeopleSafety: 'no',
      caseManagerInterviewed: 'no',
    });
    expect(response.status).toBe(303);
    expect(await stored(merton, 'M-1')).toMatchObject({
      reviewRequired: true,
      reviewDesistance: true,
      reviewChildSafety: true,
      reviewOtherPeopleSafety: false,
    });
    // Two of 2.4's three key questions apply: the case expects one fewer than with "review required" alone.
    await user.post(`/inspections/${merton}/cases/new`, `/inspections/${merton}/cases/new`, {
      ref: 'M-2',
      domain: 'court',
      reviewRequired: 'yes',
      caseManagerInterviewed: 'no',
    });
    const [m1, m2] = [await stored(merton, 'M-1'), await stored(merton, 'M-2')];
    expect(m2!.expected - m1!.expected).toBe(1);
  });

  it('refuses a change of a kind when no review was required, naming the field', async () => {
    const user = await signIn(world, 'lead@example.org');
    const response = await user.post(`/inspections/${merton}/cases/new`, `/inspections/${merton}/cases/new`, {
      ref: 'M-3',
      domain: 'court',
      reviewRequired: 'no',
      reviewChildSafety: 'yes',
      caseManagerInterviewed: 'no',
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain('href="#reviewChildSafety"');
    expect(response.text).toContain('reviewRequired cannot be no');
    expect(await stored(merton, 'M-3')).toBeUndefined();
  });
});

describe('the API', () => {
  it('takes the kinds of change on a 2018 case, and refuses them on a 2021 one, naming the field', async () => {
    const created = await postCase(merton, {
      ref: 'A-1',
      domain: 'court',
      reviewRequired: true,
      reviewDesistance: true,
    });
    expect(created.status).toBe(201);
    expect(await stored(merton, 'A-1')).toMatchObject({ reviewDesistance: true, reviewChildSafety: null });
    const refused = await postCase(hackney, { ref: 'A-2', domain: 'court', reviewDesistance: true });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('reviewDesistance');
    expect(await stored(hackney, 'A-2')).toBeUndefined();
  });
});

describe('the CSV import', () => {
  it('reads the three columns, and names the line and column of a contradiction', async () => {
    const imported = await world.services.cases.importCsv(
      lead,
      merton,
      'ref,domain,reviewRequired,reviewDesistance,reviewChildSafety,reviewOtherPeopleSafety\n' +
        'C-1,court,yes,yes,no,\nC-2,court,no,,,\n',
    );
    expect(imported).toHaveLength(2);
    expect(await stored(merton, 'C-1')).toMatchObject({
      reviewDesistance: true,
      reviewChildSafety: false,
      reviewOtherPeopleSafety: null,
    });
    await expect(
      world.services.cases.importCsv(
        lead,
        merton,
        'ref,domain,reviewRequired,reviewOtherPeopleSafety\nC-3,court,no,yes\n',
      ),
    ).rejects.toMatchObject({ problems: [{ line: 2, column: 'reviewOtherPeopleSafety' }] });
  });

  it('describes the columns with what a blank means', () => {
    const help = Object.fromEntries(caseCsvColumnHelp(getFramework('hmip-youth-2018')).map((c) => [c.name, c.accepts]));
    expect(help.reviewDesistance).toBe(
      'yes or no: There were changes in factors related to desistance (blank: as reviewRequired says)',
    );
    const help2021 = Object.fromEntries(
      caseCsvColumnHelp(getFramework('hmip-youth-2021')).map((c) => [c.name, c.accepts]),
    );
    expect(help2021.reviewDesistance).toBe('not in this framework: leave it blank');
  });
});

describe("the inspector's correction of a 2018 case's factors", () => {
  it('shows a kind of change read from "review required", and rules one out with a reason', async () => {
    const m2 = (await stored(merton, 'M-2'))!;
    const user = await signIn(world, 'lead@example.org');
    const casePath = `/inspections/${merton}/cases/${m2.id}`;
    const page = await user.get(casePath);
    expect(page.text).toContain('Yes (not recorded: as &quot;There were changes in factors related to desistance');
    const path = `${casePath}/factors`;
    const form = await user.get(path);
    expect(form.text).toContain('name="reviewOtherPeopleSafety"');
    const saved = await user.post(path, path, {
      rosh: '',
      swb: '',
      childSafetyFactors: '',
      otherPeopleSafetyFactors: '',
      reviewRequired: 'yes',
      reviewDesistance: '',
      reviewChildSafety: '',
      reviewOtherPeopleSafety: 'no',
      reason: 'No change in the risk of harm to others since the plan',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toContain('out=2.4.3');
    expect(await stored(merton, 'M-2')).toMatchObject({ reviewOtherPeopleSafety: false, reviewDesistance: null });
  });
});
