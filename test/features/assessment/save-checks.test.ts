import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/platform/audit.js';
import { answers, auditEvents } from '../../../src/platform/db/core-tables.js';
import { moderationCases } from '../../../src/features/moderation/tables.js';
import { ForbiddenError, ValidationError } from '../../../src/platform/errors.js';
import { atStage } from '../../support/stages.js';
import { addUser, openTestWorld, type TestWorld } from '../../support/web.js';

// The save is one statement that checks everything itself: these prove none of its checks is skipped.
let world: TestWorld;
let lead: Actor;
let inspectionId: string;
let caseId: string;
let leadToken: string;
let admin: Actor;

const path = () => `/api/v1/inspections/${inspectionId}/cases/${caseId}/answers`;
const put = (token: string, body: object) =>
  supertest(world.app).put(path()).set('authorization', `Bearer ${token}`).send(body);
const stored = async () =>
  world.database.db
    .select({ questionId: answers.questionId, answer: answers.answer, evidence: answers.evidence })
    .from(answers)
    .where(eq(answers.caseId, caseId));
const saveEvents = () =>
  world.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, caseId), eq(auditEvents.action, 'answers.save')));

beforeAll(async () => {
  world = await openTestWorld();
  admin = await addUser(world, 'admin@example.org', { isAdmin: true });
  lead = await addUser(world, 'lead@example.org');
  const organisation = await world.services.organisations.create(admin, { name: 'Checks YJS' });
  await world.services.users.addMembership(null, lead.id, organisation.id, 'headOfService');
  inspectionId = (
    await world.services.inspections.create(lead, {
      organisationId: organisation.id,
      framework: 'hmip-youth-2021',
      kind: 'internalAudit',
    })
  ).id;
  caseId = (await world.services.cases.add(lead, inspectionId, { ref: 'C1', domain: 'court' })).id;
  leadToken = await world.services.users.createApiToken(null, lead.id, 'lead');
});
afterAll(() => world.close());

describe('a save checks everything in its own statement', () => {
  it('writes the answers and one audit event for every successful save', async () => {
    const before = (await saveEvents()).length;
    let version = (await world.services.assessment.get(lead, inspectionId, caseId)).case.version;
    for (const answer of ['yes', 'no', 'yes'] as const) {
      const response = await put(leadToken, { answers: { '2.1.1': answer }, expectedVersion: version });
      expect(response.status).toBe(200);
      version = (response.body as { version: number }).version;
    }
    const events = await saveEvents();
    expect(events.length - before).toBe(3);
    expect(events.at(-1)!.after).toEqual({ '2.1.1': { answer: 'yes', evidence: '' } });
    expect(events.at(-1)!.before).toEqual({ '2.1.1': { answer: 'no', evidence: '' } });
  });

  it('refuses a stale version with 409 and writes nothing, no audit event either', async () => {
    const current = (await world.services.assessment.get(lead, inspectionId, caseId)).case.version;
    const [answersBefore, eventsBefore] = [await stored(), (await saveEvents()).length];
    const response = await put(leadToken, { answers: { '2.1.1': 'no' }, expectedVersion: current - 1 });
    expect(response.status).toBe(409);
    expect(await stored()).toEqual(answersBefore);
    expect((await saveEvents()).length).toBe(eventsBefore);
    expect((await world.services.assessment.get(lead, inspectionId, caseId)).case.version).toBe(current);
  });

  it('gives 404 to a user of another service, and 403 to one who sees the case but may not assess, writing nothing', async () => {
    const other = await addUser(world, 'other@example.org');
    const otherOrganisation = await world.services.organisations.create(admin, { name: 'Other YJS' });
    await world.services.users.addMembership(null, other.id, otherOrganisation.id, 'headOfService');
    const qa = await addUser(world, 'qa@example.org');
    const { organisationId } = await world.services.inspections.get(lead, inspectionId);
    await world.services.users.addMembership(null, qa.id, organisationId, 'qaLead');
    const [answersBefore, eventsBefore] = [await stored(), (await saveEvents()).length];
    const version = (await world.services.assessment.get(lead, inspectionId, caseId)).case.version;
    // The lead's save primes what the service remembers of the case: the others must still be refused.
    expect((await put(leadToken, { answers: { '2.1.1': 'yes' }, expectedVersion: version })).status).toBe(200);
    const after = [await stored(), (await saveEvents()).length] as const;
    const body = { answers: { '2.1.1': 'no' }, expectedVersion: version + 1 };
    expect((await put(await world.services.users.createApiToken(null, other.id, 'o'), body)).status).toBe(404);
    expect((await put(await world.services.users.createApiToken(null, qa.id, 'q'), body)).status).toBe(403);
    // Bad input from someone who may not see the case is still a 404: access is checked before validation.
    const bad = { answers: { '9.9.9': 'yes' }, expectedVersion: version + 1 };
    expect((await put(await world.services.users.createApiToken(null, other.id, 'o2'), bad)).status).toBe(404);
    expect(await stored()).toEqual(after[0]);
    expect((await saveEvents()).length).toBe(after[1]);
    expect(after[1]).toBe(eventsBefore + 1);
    expect(answersBefore.length).toBeGreaterThan(0);
  });

  it('refuses a revoked token at once, on the request after the revocation', async () => {
    const token = await world.services.users.createApiToken(null, lead.id, 'soon revoked');
    const version = (await world.services.assessment.get(lead, inspectionId, caseId)).case.version;
    expect((await put(token, { answers: { '2.1.1': 'no' }, expectedVersion: version })).status).toBe(200);
    const [listed] = (await world.services.administration.tokensOf(lead)).filter((t) => t.name === 'soon revoked');
    await world.services.administration.revokeToken(lead, listed!.id);
    const [answersBefore, eventsBefore] = [await stored(), (await saveEvents()).length];
    expect((await put(token, { answers: { '2.1.1': 'yes' }, expectedVersion: version + 1 })).status).toBe(401);
    expect(await stored()).toEqual(answersBefore);
    expect((await saveEvents()).length).toBe(eventsBefore);
  });

  it('a token remembered from the request before still meets a revocation first: 401 even for a body that breaks the rules', async () => {
    const token = await world.services.users.createApiToken(null, lead.id, 'remembered then revoked');
    const version = (await world.services.assessment.get(lead, inspectionId, caseId)).case.version;
    expect((await put(token, { answers: { '2.1.1': 'yes' }, expectedVersion: version })).status).toBe(200);
    const [listed] = (await world.services.administration.tokensOf(lead)).filter(
      (t) => t.name === 'remembered then revoked',
    );
    await world.services.administration.revokeToken(lead, listed!.id);
    const eventsBefore = (await saveEvents()).length;
    const invalid = await put(token, { answers: { '2.1.1': 'maybe' } });
    expect(invalid.status).toBe(401);
    expect(invalid.body).not.toHaveProperty('error.fields');
    expect((await saveEvents()).length).toBe(eventsBefore);
  });

  it('a remembered token of a user disabled since saves nothing (401)', async () => {
    const inspector = await addUser(world, 'soon-disabled@example.org');
    await world.services.inspections.addTeamMember(admin, inspectionId, inspector.id, 'inspector');
    const token = await world.services.users.createApiToken(null, inspector.id, 'inspector');
    const version = (await world.services.assessment.get(lead, inspectionId, caseId)).case.version;
    expect((await put(token, { answers: { '2.1.1': 'no' }, expectedVersion: version })).status).toBe(200);
    await world.services.administration.setDisabled(admin, inspector.id, true);
    const [answersBefore, eventsBefore] = [await stored(), (await saveEvents()).length];
    expect((await put(token, { answers: { '2.1.1': 'yes' }, expectedVersion: version + 1 })).status).toBe(401);
    expect(await stored()).toEqual(answersBefore);
    expect((await saveEvents()).length).toBe(eventsBefore);
  });

  it("applies moderation's blind rule in the statement: the case's moderator saves nothing until it is lifted", async () => {
    const moderator = await addUser(world, 'moderating-inspector@example.org');
    await world.services.inspections.addTeamMember(admin, inspectionId, moderator.id, 'inspector');
    const token = await world.services.users.createApiToken(null, moderator.id, 'moderator');
    await world.database.db.insert(moderationCases).values({ caseId, inspectionId, moderatorId: moderator.id });
    try {
      const [answersBefore, eventsBefore] = [await stored(), (await saveEvents()).length];
      for (let i = 0; i < 2; i++) {
        // The second time, the case's attributes are remembered: the statement alone must refuse.
        const refused = await put(token, { answers: { '2.1.1': 'no' } });
        expect(refused.status).toBe(403);
        expect((refused.body as { error: { message: string } }).error.message).toContain(
          'You are moderating this case',
        );
      }
      expect(await stored()).toEqual(answersBefore);
      expect((await saveEvents()).length).toBe(eventsBefore);
    } finally {
      await world.database.db.delete(moderationCases).where(eq(moderationCases.caseId, caseId));
    }
    expect((await put(token, { answers: { '2.1.1': 'no' } })).status).toBe(200);
  });

  it("checks the inspection's stage in the statement: once it moves past assessment, a save writes nothing", async () => {
    const version = (await world.services.assessment.get(lead, inspectionId, caseId)).case.version;
    // The first save leaves the case's attributes remembered: the next one is the statement alone.
    expect((await put(leadToken, { answers: { '2.1.1': 'yes' }, expectedVersion: version })).status).toBe(200);
    await atStage(world, inspectionId, 'published');
    try {
      const [answersBefore, eventsBefore] = [await stored(), (await saveEvents()).length];
      const refused = await put(leadToken, { answers: { '2.1.1': 'no' }, expectedVersion: version + 1 });
      expect(refused.status).toBe(403);
      expect((refused.body as { error: { message: string } }).error.message).toMatch(/stage/);
      expect(await stored()).toEqual(answersBefore);
      expect((await saveEvents()).length).toBe(eventsBefore);
    } finally {
      await atStage(world, inspectionId, 'fieldwork');
    }
  });

  it('re-checks the credential in the write itself: a token revoked after the request was authenticated saves nothing', async () => {
    const token = await world.services.users.createApiToken(null, lead.id, 'revoked mid-request');
    const signedIn = (await world.services.users.apiTokenOf(token))!.actor;
    const [listed] = (await world.services.administration.tokensOf(lead)).filter(
      (t) => t.name === 'revoked mid-request',
    );
    await world.services.administration.revokeToken(lead, listed!.id);
    expect(signedIn.credential).toEqual({ kind: 'token', hash: createHash('sha256').update(token).digest('hex') });
    const eventsBefore = (await saveEvents()).length;
    await expect(
      world.services.assessment.save(signedIn, inspectionId, caseId, { answers: { '2.1.1': 'no' } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect((await saveEvents()).length).toBe(eventsBefore);
  });

  it('validates against the case as it is now, after its factors changed since the last save', async () => {
    const version = (await world.services.assessment.get(lead, inspectionId, caseId)).case.version;
    await world.services.assessment.save(lead, inspectionId, caseId, {
      answers: { '2.2.3': 'yes' },
      expectedVersion: version,
    });
    // The inspector records that there are no factors about other people's safety: 2.2.3 no longer applies.
    await world.services.cases.update(lead, inspectionId, caseId, {
      ref: 'C1',
      domain: 'court',
      otherPeopleSafetyFactors: false,
    });
    const eventsBefore = (await saveEvents()).length;
    const refused = world.services.assessment.save(lead, inspectionId, caseId, {
      answers: { '2.2.3': 'no' },
      expectedVersion: version + 1,
    });
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toThrow(/2\.2\.3 does not apply/);
    expect((await saveEvents()).length).toBe(eventsBefore);
  });

  it("validates against 2.4's review factors as they are now (2018): a kind of change ruled out since", async () => {
    const { organisationId } = await world.services.inspections.get(lead, inspectionId);
    const merton = await world.services.inspections.create(lead, {
      organisationId,
      framework: 'hmip-youth-2018',
      kind: 'internalAudit',
    });
    const reviewed = await world.services.cases.add(lead, merton.id, {
      ref: 'R1',
      domain: 'court',
      reviewRequired: true,
    });
    await world.services.assessment.save(lead, merton.id, reviewed.id, {
      answers: { '2.4.3': 'yes' },
      expectedVersion: reviewed.version,
    });
    // The inspector records no change in the factors of other people's safety: 2.4.3 no longer applies,
    // while "review required" still brings in 2.4.1 and 2.4.2.
    await world.services.cases.update(lead, merton.id, reviewed.id, {
      ref: 'R1',
      domain: 'court',
      reviewRequired: true,
      reviewOtherPeopleSafety: false,
    });
    const refused = world.services.assessment.save(lead, merton.id, reviewed.id, {
      answers: { '2.4.3': 'no' },
      expectedVersion: reviewed.version + 1,
    });
    await expect(refused).rejects.toThrow(/2\.4\.3 does not apply/);
    const saved = await world.services.assessment.save(lead, merton.id, reviewed.id, {
      answers: { '2.4.2': 'no' },
      expectedVersion: reviewed.version + 1,
    });
    expect(saved).toBeTruthy();
  });
});
