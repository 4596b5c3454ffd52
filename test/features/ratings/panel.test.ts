import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../../src/platform/audit.js';
import { seedDemo } from '../../../src/demo/demo.js';
import { auditEvents } from '../../../src/platform/db/core-tables.js';
import { ValidationError } from '../../../src/platform/errors.js';
import { addUser, openTestWorld, pageText, signIn, type TestWorld } from '../../support/web.js';

/**
 * The ratings panel on the demo inspection (Hackney, in fieldwork): 2.1, 2.2, 2.3 and 3.3 are eligible for
 * professional discretion and only 3.3 has a decision (moved to Outstanding), so three are still to consider.
 */
let world: TestWorld;
let lead: Actor;
let panellist: Actor;
let inspectionId: string;
let headOfServiceEmail: string;

const ratingsUrl = () => `/inspections/${inspectionId}/ratings`;
const discretionUrl = (standardId: string) => `${ratingsUrl()}/${standardId}/discretion`;
const meetingsUrl = () => `${ratingsUrl()}/panel-meetings`;
/** What the tests read of the API's answers. */
interface Json {
  error: { fields: Record<string, string> };
  meetings: { heldOn: string }[];
  outcome: string;
  rating: string;
}
const json = (response: { body: unknown }) => response.body as Json;

beforeAll(async () => {
  world = await openTestWorld();
  const admin = await addUser(world, 'admin@panel.test', { isAdmin: true });
  await seedDemo(world.database.db, world.services.users);
  const demo = (await world.services.inspections.list(admin)).find((i) => i.isDemo && i.title.includes('Hackney'))!;
  inspectionId = demo.id;
  const { organisationId } = await world.services.inspections.get(admin, inspectionId);
  lead = await addUser(world, 'lead@panel.test');
  await world.services.inspections.addTeamMember(admin, inspectionId, lead.id, 'leadInspector');
  panellist = await addUser(world, 'panel@panel.test');
  await world.services.inspections.addTeamMember(admin, inspectionId, panellist.id, 'ratingsPanel');
  headOfServiceEmail = 'head@panel.test';
  await addUser(world, headOfServiceEmail, { organisationId, role: 'headOfService' });
});
afterAll(() => world.close());

describe('a decision of the ratings panel', () => {
  it('counts only the eligible standards still to consider, on the ratings page and the overview', async () => {
    const user = await signIn(world, panellist.email);
    const page = pageText((await user.get(ratingsUrl())).text);
    expect(page).toContain('3 standards still to consider: 2.1, 2.2, 2.3.');
    const overview = pageText((await user.get(`/inspections/${inspectionId}`)).text);
    expect(overview).toMatch(
      /Ratings panel 4 standards eligible for professional discretion, 3 still to consider 3 to consider/,
    );
  });

  it('records "the rating stands" with a rationale: no footnote, the history says so, one fewer to consider', async () => {
    const user = await signIn(world, panellist.email);
    const form = await user.get(discretionUrl('2.1'));
    expect(form.text).toContain('value="stands"');
    expect(pageText(form.text)).toContain('The rating stands: Good');
    expect(pageText(form.text)).toContain('Moved one band: Outstanding');

    const noReason = await user.post(discretionUrl('2.1'), discretionUrl('2.1'), { rating: 'stands', rationale: ' ' });
    expect(noReason.status).toBe(400);
    expect(pageText(noReason.text)).toContain('There is a problem Enter why the computed rating stands');

    const saved = await user.post(discretionUrl('2.1'), discretionUrl('2.1'), {
      rating: 'stands',
      rationale: 'The sub-samples are large and the other key questions agree.',
    });
    expect(saved.status).toBe(303);
    const page = await user.get(saved.headers.location!);
    const text = pageText(page.text);
    expect(text).toContain('2 standards still to consider: 2.2, 2.3.');
    expect(text).toContain('Rating stands');
    // No footnote for a rating that stands: the only discretion note is 3.3's, which moved.
    expect(text).not.toMatch(/to reflect the sub-samples are large/i);
    expect(text).toContain('to reflect the overall quality of work');
    const history = pageText((await user.get(`${ratingsUrl()}/2.1`)).text);
    expect(history).toMatch(/The rating stands \(Good\) \(in force\) The sub-samples are large/);

    const [audit] = await world.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'discretion.stands'), eq(auditEvents.inspectionId, inspectionId)));
    expect(audit?.after).toMatchObject({ standardId: '2.1', outcome: 'stands', rating: 'Good' });

    const { model } = await world.services.report.report(lead, inspectionId);
    const footnoted = model.domains.flatMap((d) => d.standards).filter((s) => s.discretion?.applied);
    expect(footnoted.map((s) => s.id)).toEqual(['3.3']);
  });

  it('refuses "stands" on a standard that is not eligible, and a move of two bands, naming the field', async () => {
    await expect(
      world.services.ratings.recordDiscretion(panellist, inspectionId, '2.4', { outcome: 'stands', rationale: 'x' }),
    ).rejects.toThrow(ValidationError);
    const api = supertest(world.app);
    const token = await world.services.users.createApiToken(null, panellist.id, 'panel');
    const twoBands = await api
      .put(`/api/v1/inspections/${inspectionId}/discretion/2.2`)
      .set('authorization', `Bearer ${token}`)
      .send({ outcome: 'moved', rating: 'Outstanding', rationale: 'x' });
    expect(twoBands.status).toBe(400);
    expect(json(twoBands).error.fields.rating).toContain('one band at most');
    const stands = await api
      .put(`/api/v1/inspections/${inspectionId}/discretion/2.2`)
      .set('authorization', `Bearer ${token}`)
      .send({ outcome: 'stands', rationale: 'The planning seen was consistently weak.' });
    expect(stands.status).toBe(200);
    expect(stands.body).toMatchObject({ outcome: 'stands', rating: 'Requires improvement' });
  });
});

describe('a meeting of the ratings panel', () => {
  it('is recorded with its date, members present and standards considered; bad input names each field', async () => {
    const user = await signIn(world, panellist.email);
    const empty = await user.post(meetingsUrl(), meetingsUrl(), {
      'heldOn-day': '31',
      'heldOn-month': '2',
      'heldOn-year': '2023',
    });
    expect(empty.status).toBe(400);
    const errors = pageText(empty.text);
    expect(errors).toContain('The date of the meeting must be a real date');
    expect(errors).toContain('Select the members who were present');
    expect(errors).toContain('Select the standards the panel considered');
    expect(empty.text).toContain('href="#heldOn-day"');
    expect(empty.text).toMatch(/name="heldOn-day" type="text" value="31"/);

    const saved = await user.post(meetingsUrl(), meetingsUrl(), {
      'heldOn-day': '17',
      'heldOn-month': '3',
      'heldOn-year': '2023',
      members: [lead.id, panellist.id],
      standardsConsidered: ['2.1', '2.2', '2.3', '3.3'],
      notes: 'Discretion on 3.3 applied',
    });
    expect(saved.status).toBe(303);
    const page = pageText((await user.get(saved.headers.location!)).text);
    expect(page).toContain('The meeting is recorded.');
    expect(page).toMatch(
      /Meeting on 17 March 2023 Members present lead, panel Standards considered 2\.1, 2\.2, 2\.3, 3\.3/,
    );
  });

  it('refuses a member from outside the team and a standard not eligible, through the API too', async () => {
    const token = await world.services.users.createApiToken(null, lead.id, 'panel');
    const api = (method: 'get' | 'post', body?: object) => {
      const agent = supertest(world.app);
      const path = `/api/v1/inspections/${inspectionId}/panel-meetings`;
      const request = (method === 'get' ? agent.get(path) : agent.post(path)).set('authorization', `Bearer ${token}`);
      return body ? request.send(body) : request;
    };
    const head = await world.services.users.findByEmail(headOfServiceEmail);
    const outsider = await api('post', { heldOn: '2023-03-18', members: [head!.id], standardsConsidered: ['2.4'] });
    expect(outsider.status).toBe(400);
    expect(json(outsider).error.fields).toEqual({ members: 'Select members of the inspection team only' });
    const notEligible = await api('post', { heldOn: '2023-03-18', members: [lead.id], standardsConsidered: ['2.4'] });
    expect(json(notEligible).error.fields.standardsConsidered).toContain('2.4 is not eligible');
    const created = await api('post', { heldOn: '2023-03-18', members: [lead.id], standardsConsidered: ['2.3'] });
    expect(created.status).toBe(201);
    const list = await api('get');
    expect(json(list).meetings.map((m) => m.heldOn)).toEqual(['2023-03-18', '2023-03-17']);
  });

  it('is not shown to the inspected service before the report is published', async () => {
    const head = await signIn(world, headOfServiceEmail);
    const refused = await head.get(meetingsUrl());
    expect(refused.status).toBe(403);
    expect(pageText(refused.text)).toContain('the ratings once the report is published');
  });
});

describe('publishing', () => {
  it('is refused while a standard is still to consider, then allowed; the overview then has nothing to consider', async () => {
    const refused = await world.services.report.publish(lead, inspectionId).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fields.publish).toBe(
      'The ratings panel has still to consider 2.3: record whether each rating stands or moves one band',
    );
    await world.services.ratings.recordDiscretion(panellist, inspectionId, '2.3', {
      outcome: 'stands',
      rationale: 'The other key questions are well within Good.',
    });
    const published = await world.services.report.publish(lead, inspectionId);
    expect(published.versionNumber).toBe(1);
    const user = await signIn(world, lead.email);
    const overview = pageText((await user.get(`/inspections/${inspectionId}`)).text);
    expect(overview).toContain('Stage Published');
    expect(overview).toMatch(
      /Ratings panel 4 standards eligible for professional discretion, 0 still to consider Nothing to consider/,
    );
    expect(overview).not.toMatch(/\d to consider/);
  });
});
