import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { createServices } from '../../src/platform/services.js';
import { answers, inspections, users } from '../../src/platform/db/core-tables.js';
import { sessions, signInFailures } from '../../src/features/accounts/tables.js';
import { recommendations, reportContents, reportVersions } from '../../src/features/report/tables.js';
import { qaFeedback, qaRounds } from '../../src/features/qa/tables.js';
import type { Actor } from '../../src/platform/audit.js';
import { seedDemo } from '../../src/demo/demo.js';
import { atStage, panelConsidersAll } from '../support/stages.js';
import { addUser, openTestWorld, pageText, signIn, type TestWorld } from '../support/web.js';
import { planWorld } from '../features/plans/support.js';

/**
 * The services and routes take "now" from the clock the composition root was given: with a fixed clock, what
 * they record and the limits they apply are at that instant, months before the day the tests run.
 */
const at = '2026-03-01T10:00:00Z';
const instant = new Date(at);
const minutesAfter = (minutes: number) => new Date(instant.getTime() + minutes * 60_000);
/** The same database, with the services on a clock stopped at another instant. */
const servicesAt = (when: Date) => createServices(world.database, { clock: fixedClock(when) });

let world: TestWorld;
let admin: Actor;
let lead: Actor;
let inspectionId: string;
let organisationId: string;

beforeAll(async () => {
  world = await openTestWorld({ clock: fixedClock(at) });
  admin = await addUser(world, 'admin@example.org', { isAdmin: true });
  await seedDemo(world.database.db, world.services.users);
  lead = (await world.services.users.findByEmail('lead.inspector@demo.invalid'))!;
  inspectionId = (await world.services.inspections.list(admin)).find((i) => i.title.includes('Hackney'))!.id;
  organisationId = (await world.services.inspections.get(admin, inspectionId)).organisationId;
});
afterAll(() => world.close());

describe('users and sessions on a fixed clock', () => {
  it("records a user's creation and a session's limits at the clock's time, and keeps the session by it", async () => {
    const user = await addUser(world, 'sam@example.org');
    const [row] = await world.database.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.createdAt).toEqual(instant);

    const signedIn = await signIn(world, 'sam@example.org');
    const [session] = await world.database.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(session!.lastSeenAt).toEqual(instant);
    expect(session!.expiresAt).toEqual(minutesAfter(12 * 60));
    // By the day the tests run the session ended long ago; by the clock it has its whole idle limit left.
    const page = await signedIn.get('/account');
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-seconds-left="1800"');
    // Idle for 29 minutes by the clock it holds; for 31, it has ended.
    const kept = await world.services.users.startSession(user.id);
    expect((await servicesAt(minutesAfter(29)).users.userForSession(kept.token))?.id).toBe(user.id);
    const idle = await world.services.users.startSession(user.id);
    expect(await servicesAt(minutesAfter(31)).users.userForSession(idle.token)).toBeNull();
  });

  it("counts failed sign-ins in the throttle's window by the clock", async () => {
    await addUser(world, 'taylor@example.org');
    for (let i = 0; i < 5; i++)
      expect((await world.services.signIn.signIn('taylor@example.org', `wrong ${i}`, '192.0.2.1')).outcome).toBe(
        'refused',
      );
    const failures = await world.database.db
      .select()
      .from(signInFailures)
      .where(eq(signInFailures.email, 'taylor@example.org'));
    expect(failures.map((f) => f.at)).toEqual(Array(5).fill(instant));
    const password = 'correct horse battery staple';
    expect(await servicesAt(minutesAfter(10)).signIn.signIn('taylor@example.org', password, '192.0.2.1')).toEqual({
      outcome: 'throttled',
      minutes: 5,
    });
    // The window is 15 minutes from the clock's time of the failures, not from the day the tests run.
    expect(
      (await servicesAt(minutesAfter(16)).signIn.signIn('taylor@example.org', password, '192.0.2.1')).outcome,
    ).toBe('signedIn');
  });
});

describe('an inspection on a fixed clock', () => {
  it("saves answers through the page with the session checked by the clock, at the clock's time", async () => {
    const ines = await addUser(world, 'ines@example.org', { organisationId, role: 'qaLead' });
    await world.services.inspections.addTeamMember(admin, inspectionId, ines.id, 'inspector');
    const signedIn = await signIn(world, 'ines@example.org');
    const [first] = await world.services.cases.list(admin, inspectionId);
    await world.services.cases.allocate(admin, inspectionId, [first!.id], ines.id);
    const page = `/inspections/${inspectionId}/cases/${first!.id}/standards/2.1/key-questions/2.1.1`;
    const version = /name="version" value="(\d+)"/.exec((await signedIn.get(page)).text)![1]!;
    const saved = await signedIn.post(page, page, {
      version,
      'answers[2.1.1]': 'yes',
      'evidence[2.1.1]': 'The assessment analysed the offending well.',
      action: 'continue',
    });
    expect(saved.status).toBe(303);
    const [stored] = await world.database.db
      .select()
      .from(answers)
      .where(and(eq(answers.caseId, first!.id), eq(answers.questionId, '2.1.1')));
    expect(stored!.answeredAt).toEqual(instant);
  });

  it("records the report's text, a recommendation and the published date at the clock's time", async () => {
    await world.services.report.saveProse(lead, inspectionId, { keyQuestionFormat: 'counts' });
    const [content] = await world.database.db
      .select()
      .from(reportContents)
      .where(eq(reportContents.inspectionId, inspectionId));
    expect(content!.updatedAt).toEqual(instant);
    const added = await world.services.report.recommendations.add(lead, inspectionId, {
      actor: 'service',
      text: 'Make sure that assessments analyse the offending.',
      standardIds: ['2.1'],
    });
    const [recommendation] = await world.database.db
      .select()
      .from(recommendations)
      .where(eq(recommendations.id, added.id));
    expect([recommendation!.createdAt, recommendation!.updatedAt]).toEqual([instant, instant]);

    await atStage(world, inspectionId, 'ratingsPanel');
    await panelConsidersAll(world, lead, inspectionId);
    await atStage(world, inspectionId, 'factualAccuracy');
    const published = await world.services.report.publish(lead, inspectionId);
    const [version] = await world.database.db.select().from(reportVersions).where(eq(reportVersions.id, published.id));
    expect(version!.publishedAt).toEqual(instant);
    const html = (await world.services.report.download(lead, inspectionId, 'html')).body.toString('utf8');
    expect(html).toContain('1 March 2026');
  });

  it("deletes case data past its retention by the clock's day, not the database's", async () => {
    // Fieldwork ended on 10 February 2023: 40 months keep the case data until 10 June 2026.
    await world.services.privacy.setRetention(admin, organisationId, { months: '40' });
    await atStage(world, inspectionId, 'published');
    expect(await world.services.privacy.expired()).toEqual([]);
    expect(await servicesAt(new Date('2026-06-10T12:00:00Z')).privacy.expired()).toEqual([]);
    const due = servicesAt(new Date('2026-06-11T09:00:00Z'));
    expect((await due.privacy.expired()).map((i) => i.id)).toEqual([inspectionId]);
    await due.privacy.run(null, { dryRun: false });
    const [inspection] = await world.database.db.select().from(inspections).where(eq(inspections.id, inspectionId));
    expect(inspection!.caseDataDeletedAt).toEqual(new Date('2026-06-11T09:00:00Z'));
  });
});

describe('quality assurance on a fixed clock', () => {
  it("records a round's closing and a case manager's acknowledgement at the clock's time", async () => {
    const service = await world.services.organisations.create(admin, { name: 'Northtown YJS' });
    const qaLead = await addUser(world, 'qa.lead@example.org', { organisationId: service.id, role: 'qaLead' });
    const auditor = await addUser(world, 'auditor@example.org', { organisationId: service.id, role: 'auditor' });
    const manager = await addUser(world, 'cm@example.org', { organisationId: service.id, role: 'caseManager' });
    const programme = await world.services.qaProgrammes.create(qaLead, service.id, {
      title: 'Assessment audit',
      framework: 'hmip-youth-2021',
      frequency: 'quarterly',
      standards: ['2.1'],
      selection: 'perCaseManager',
      perCaseManager: '2',
      auditors: [auditor.id],
    } as never);
    await world.services.qaProgrammes.startRound(qaLead, programme.id, {
      periodStart: '2026-01-01',
      population: 'ref,domain,caseManager\nYJ-01,court,cm@example.org\nYJ-02,court,cm@example.org',
      refs: '',
    });
    const { rounds } = await world.services.qaProgrammes.rounds(qaLead, programme.id);
    const round = rounds[0]!;
    for (const c of await world.services.cases.list(qaLead, round.inspectionId))
      await world.services.assessment.save(auditor, round.inspectionId, c.id, {
        answers: { '2.1.1': 'yes', '2.1.2': 'yes', '2.1.3': 'yes' },
        evidence: {},
      });
    await world.services.qaProgrammes.closeRound(qaLead, round.id);
    const [closed] = await world.database.db.select().from(qaRounds).where(eq(qaRounds.id, round.id));
    expect(closed!.closedAt).toEqual(instant);

    const [held] = await world.services.qaFeedback.mine(manager);
    await world.services.qaFeedback.respond(manager, held!.caseId, { status: 'acknowledged' });
    const [feedback] = await world.database.db.select().from(qaFeedback).where(eq(qaFeedback.caseId, held!.caseId));
    expect(feedback!.at).toEqual(instant);
  });
});

describe('an improvement plan on a fixed clock', () => {
  it('marks only what changed after the chair signed it off, on the plan and in its history', async () => {
    const setup = await planWorld(world);
    const plan = await world.services.plans.plans.create(setup.head, {
      organisationId: setup.organisation.id,
      inspectionId: setup.inspection.id,
      title: 'Post-inspection improvement plan',
      startFrom: 'recommendations',
    });
    expect(plan.createdAt).toEqual(instant);
    await world.services.plans.plans.signOff(setup.lead, plan.id, 'leadInspectorAgreed', { date: '2026-02-27' });
    await world.services.plans.plans.signOff(setup.chair, plan.id, 'chairSignedOff', { date: '2026-02-28' });
    const head = await signIn(world, setup.head.email);
    const marked = async () => ({
      plan: pageText((await head.get(`/plans/${plan.id}`)).text).match(/Changed after sign-off/g)?.length ?? 0,
      history: pageText((await head.get(`/plans/${plan.id}/history`)).text).match(/After sign-off/g)?.length ?? 0,
    });
    // Areas made from the recommendations before the sign-off, by the clock: not changes after it.
    expect(await marked()).toEqual({ plan: 0, history: 0 });
    const { areas } = await world.services.plans.plans.plan(setup.head, plan.id);
    const area = areas.find((a) => a.number === 1)!;
    await servicesAt(minutesAfter(60)).plans.edits.saveArea(setup.head, plan.id, area.id, {
      number: 1,
      domain: area.domain,
      standardId: area.standardId ?? '',
      text: 'Develop and embed effective management oversight of every case',
      source: area.source,
    });
    expect(await marked()).toEqual({ plan: 1, history: 1 });
  });
});
