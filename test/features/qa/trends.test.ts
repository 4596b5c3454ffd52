import ExcelJS from 'exceljs';
import supertest from 'supertest';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementOf } from '../../../src/domain/agreement/agreement.js';
import { casesToNextBand } from '../../../src/domain/qa/index.js';
import type { Actor } from '../../../src/platform/audit.js';
import { answers, cases } from '../../../src/platform/db/core-tables.js';
import { rowsOf } from '../../../src/platform/db/connect.js';
import { getFramework } from '../../../src/platform/framework-registry.js';
import { createServices } from '../../../src/platform/services.js';
import { assessedCaseOf } from '../../../src/features/cases/index.js';
import { expectedKeyQuestions } from '../../../src/features/moderation/questions.js';
import { asOwner } from '../../support/database.js';
import { addUser, binaryBody, openTestWorld, pageText, signIn, type TestWorld } from '../../support/web.js';

/**
 * Around the trend page: a round is made whole or not at all; a thematic programme narrows the figures
 * without changing the others; moderation's agreement shows beside the trends; the trends come through the
 * API; the board's report puts the plan's actions beside the figures they are meant to move.
 */
let world: TestWorld;
let organisationId: string;
const people: Record<string, Actor> = {};
const managers = ['cm1', 'cm2', 'cm3'];
const population = [
  'ref,domain,caseManager',
  ...managers.flatMap((m, i) => [1, 2].map((j) => `T-${i}${j},court,${m}@trends.test`)),
].join('\n');
let wholeProgrammeId: string;
let thematicProgrammeId: string;
const roundInspections: string[] = [];

/** The key questions a case must answer, as the moderation's completeness check counts them. */
async function keyQuestionsOf(caseId: string) {
  const [row] = await world.database.db.select().from(cases).where(eq(cases.id, caseId));
  return expectedKeyQuestions(getFramework('hmip-youth-2021'), row!, assessedCaseOf(row!, {}));
}

beforeAll(async () => {
  world = await openTestWorld();
  const admin = await addUser(world, 'admin@trends.test', { isAdmin: true });
  organisationId = (await world.services.organisations.create(admin, { name: 'Trendton YJS' })).id;
  people.lead = await addUser(world, 'lead@trends.test', { organisationId, role: 'qaLead' });
  people.a1 = await addUser(world, 'a1@trends.test', { organisationId, role: 'auditor' });
  people.a2 = await addUser(world, 'a2@trends.test', { organisationId, role: 'auditor' });
  people.moderator = await addUser(world, 'moderator@trends.test', { organisationId, role: 'auditor' });
  people.chair = await addUser(world, 'chair@trends.test', { organisationId, role: 'boardMember' });
  people.head = await addUser(world, 'head@trends.test', { organisationId, role: 'headOfService' });
  for (const m of managers)
    people[m] = await addUser(world, `${m}@trends.test`, { organisationId, role: 'caseManager' });
  const common = {
    framework: 'hmip-youth-2021',
    frequency: 'quarterly',
    selection: 'perCaseManager',
    perCaseManager: '2',
    auditors: [people.a1.id, people.a2.id],
  };
  wholeProgrammeId = (
    await world.services.qaProgrammes.create(people.lead, organisationId, {
      ...common,
      title: 'Whole framework',
      standards: [],
    } as never)
  ).id;
  thematicProgrammeId = (
    await world.services.qaProgrammes.create(people.lead, organisationId, {
      ...common,
      title: 'Planning theme',
      standards: ['2.2'],
    } as never)
  ).id;
});
afterAll(() => world.close());

describe('starting a round', () => {
  it('makes the internal audit, the round and its cases in one transaction: a failure leaves none of them', async () => {
    const { db } = world.database;
    const count = async (table: string) =>
      rowsOf<{ n: number }>(await db.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;
    const before = { inspections: await count('inspections'), cases: await count('cases') };
    await asOwner(world.database, [
      `create function qa_test_refuse() returns trigger language plpgsql as $$
        begin raise exception 'refused by the test'; end $$`,
      'create trigger qa_test_refuse before insert on qa_rounds for each row execute function qa_test_refuse()',
    ]);
    try {
      await expect(
        world.services.qaProgrammes.startRound(people.lead!, wholeProgrammeId, {
          periodStart: '2025-10-01',
          population,
          refs: '',
        }),
      ).rejects.toThrow();
    } finally {
      await asOwner(world.database, ['drop trigger qa_test_refuse on qa_rounds', 'drop function qa_test_refuse()']);
    }
    expect({ inspections: await count('inspections'), cases: await count('cases') }).toEqual(before);
  });
});

describe('trends, agreement, the API and the board report', () => {
  it('audits two whole-framework rounds, the second moderated on two cases, and a thematic round on 2.2', async () => {
    for (const [periodStart, yes] of [
      ['2026-01-01', 2],
      ['2026-04-01', 5],
    ] as const) {
      const { round, cases } = await world.services.qaProgrammes.startRound(people.lead!, wholeProgrammeId, {
        periodStart,
        population,
        refs: '',
      });
      roundInspections.push(round.inspectionId);
      expect(cases).toHaveLength(6);
      const moderated = periodStart === '2026-04-01' ? cases.slice(0, 2) : [];
      if (moderated.length)
        await world.services.moderation.select(people.lead!, round.inspectionId, {
          moderatorId: people.moderator!.id,
          how: 'hand',
          caseIds: moderated.map((c) => c.id),
        });
      for (const [i, c] of cases.entries()) {
        const auditor = c.allocatedTo === people.a1!.id ? people.a1! : people.a2!;
        const asked = await keyQuestionsOf(c.id);
        const answer: 'yes' | 'no' = i < yes ? 'yes' : 'no';
        await world.services.assessment.save(auditor, round.inspectionId, c.id, {
          answers: Object.fromEntries(asked.map((id) => [id, answer])),
          evidence: {},
        });
        if (moderated.some((m) => m.id === c.id)) {
          const view = await world.services.moderation.caseForModerator(people.moderator!, c.id);
          // The moderator agrees except on 2.1.1 of the first moderated case.
          const second = Object.fromEntries(
            asked.map((id) => [id, id === '2.1.1' && c.id === moderated[0]!.id ? flip(answer) : answer]),
          );
          await world.services.moderation.save(people.moderator!, c.id, {
            answers: second,
            evidence: {},
            expectedVersion: view.moderation.version,
          });
          await world.services.moderation.complete(people.moderator!, c.id);
        }
      }
    }
    // The thematic round audits 2.2; its auditors also answered 2.1 on the same cases, which must not count.
    const thematic = await world.services.qaProgrammes.startRound(people.lead!, thematicProgrammeId, {
      periodStart: '2026-07-01',
      population,
      refs: '',
    });
    for (const c of thematic.cases) {
      const auditor = c.allocatedTo === people.a1!.id ? people.a1! : people.a2!;
      await world.services.assessment.save(auditor, thematic.round.inspectionId, c.id, {
        answers: { '2.1.1': 'no', '2.1.2': 'no', '2.1.3': 'no', '2.2.1': 'yes', '2.2.2': 'yes', '2.2.3': 'yes' },
        evidence: {},
      });
    }
  });

  it('counts a thematic round for its own standards only, and narrowing the page never changes another figure', async () => {
    const all = await world.services.qaTrends.trends(people.lead!, organisationId);
    const assessment = all.trends.find((t) => t.id === '2.1')!;
    // Two whole-framework rounds; the thematic round's 2.1 answers are left out.
    expect(assessment.points.map((p) => `${p.yes} of ${p.relevant}`)).toEqual(['2 of 6', '5 of 6']);
    const planning = all.trends.find((t) => t.id === '2.2')!;
    expect(planning.points.map((p) => `${p.yes} of ${p.relevant}`)).toEqual(['2 of 6', '5 of 6', '6 of 6']);
    const narrowed = await world.services.qaTrends.trends(people.lead!, organisationId, { standards: ['2.1'] });
    expect(narrowed.trends.every((t) => t.id.startsWith('2.1'))).toBe(true);
    expect(narrowed.trends).toEqual(all.trends.filter((t) => t.id.startsWith('2.1')));
    // 2.1's prediction comes from its own latest round, not the later thematic one, with or without the others.
    const prediction = (r: typeof all) => r.predictions.find((p) => p.standard.id === '2.1')!;
    expect(prediction(all).round.id).toBe(assessment.points.at(-1)!.roundId);
    expect(prediction(narrowed)).toEqual(prediction(all));
  });

  it('shows kappa and AC1 with their intervals for the moderated round beside the trends', async () => {
    const found = await world.services.moderation.comparison(people.lead!, roundInspections[1]!);
    const expected = agreementOf(found.compared.map((row) => ({ first: row.current, second: row.second })));
    expect(expected.yesNoDisagreements).toBe(1);
    const lead = await signIn(world, 'lead@trends.test');
    const text = pageText((await lead.get(`/services/${organisationId}/qa/trends`)).text);
    expect(text).toContain('Agreement between assessors');
    const ac1 = `${expected.ac1!.value.toFixed(2)} (${expected.ac1!.low.toFixed(2)} to ${expected.ac1!.high.toFixed(2)})`;
    const kappa = `${expected.kappa!.value.toFixed(2)} (${expected.kappa!.low.toFixed(2)} to ${expected.kappa!.high.toFixed(2)})`;
    expect(text).toContain(
      `Whole framework: 2026-04-01 to 2026-06-30 ${expected.compared} ${Math.round(expected.percentAgreement!)}%`,
    );
    expect(text).toContain(kappa);
    expect(text).toContain(ac1);
    // The unmoderated first round has no row.
    expect(text).not.toContain('Whole framework: 2026-01-01 to 2026-03-31 0');
  });

  it("shows every standard on the trend page, and a standard's key questions on its own", async () => {
    const lead = await signIn(world, 'lead@trends.test');
    const all = pageText((await lead.get(`/services/${organisationId}/qa/trends`)).text);
    expect(all).toContain('2.1 Assessment');
    expect(all).toContain("2.1's key questions across the rounds");
    expect(all).not.toContain('2.1.1 Does assessment sufficiently analyse');
    const one = pageText((await lead.get(`/services/${organisationId}/qa/trends?standard=2.1`)).text);
    expect(one).toContain('Standard 2.1 and its key questions');
    expect(one).toMatch(
      /2\.1\.1 Does assessment sufficiently analyse[^]*2026-01-01 to 2026-03-31 33% 10% to 70% 2 of 6/,
    );
    expect(one).not.toContain('2.2 Planning:');
  });

  it('gives the trends through the API, as documented in OpenAPI, to a bearer of a token with qa.view only', async () => {
    const api = supertest(world.app);
    const token = await world.services.users.createApiToken(null, people.chair!.id, 'trends');
    const response = await api
      .get(`/api/v1/services/${organisationId}/qa/trends`)
      .set('authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
    const body = response.body as {
      framework: string;
      trends: { id: string; points: { yes: number; relevant: number; lower: number; change: unknown }[] }[];
      agreement: { compared: number; ac1: { value: number } }[];
      predictions: { standardId: string }[];
    };
    expect(body.framework).toBe('hmip-youth-2021');
    const assessment = body.trends.find((t) => t.id === '2.1')!;
    expect(assessment.points.map((p) => p.yes)).toEqual([2, 5]);
    expect(assessment.points[0]!.lower).toBeCloseTo(0.0968, 3); // Wilson 2 of 6: 9.7% to 70.0%
    expect(assessment.points[1]!.change).toMatchObject({ beyondChance: false });
    // A board member may see the trends but not moderation's agreement; the QA lead sees both.
    expect(body.agreement).toEqual([]);
    const leadToken = await world.services.users.createApiToken(null, people.lead!.id, 'trends');
    const asLead = await api
      .get(`/api/v1/services/${organisationId}/qa/trends`)
      .set('authorization', `Bearer ${leadToken}`);
    const found = await world.services.moderation.comparison(people.lead!, roundInspections[1]!);
    expect((asLead.body as typeof body).agreement).toEqual([
      expect.objectContaining({
        roundId: roundInspections[1],
        compared: found.breakdown.overall.compared,
        ac1: expect.objectContaining({ value: found.breakdown.overall.ac1!.value }) as unknown,
      }),
    ]);
    expect(body.predictions.map((p) => p.standardId)).toContain('2.1');
    const onFramework = await api
      .get(`/api/v1/services/${organisationId}/qa/trends/hmip-youth-2021`)
      .set('authorization', `Bearer ${token}`);
    expect(onFramework.body).toEqual(response.body);
    const unknown = await api
      .get(`/api/v1/services/${organisationId}/qa/trends/no-such-framework`)
      .set('authorization', `Bearer ${token}`);
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('framework');
    const managerToken = await world.services.users.createApiToken(null, people.cm1!.id, 'mine');
    const refused = await api
      .get(`/api/v1/services/${organisationId}/qa/trends`)
      .set('authorization', `Bearer ${managerToken}`);
    expect(refused.status).toBe(403);
    const document = (await api.get('/api/v1/openapi.json')).body as {
      paths: Record<string, { get?: { operationId: string } }>;
      components: { schemas: Record<string, unknown> };
    };
    expect(document.paths['/services/{organisationId}/qa/trends']?.get?.operationId).toBe('getQaTrends');
    expect(document.components.schemas.QaTrends).toBeDefined();
  });

  it("puts the improvement plan's actions beside the key questions they are meant to move, before and after", async () => {
    const plan = await world.services.plans.plans.create(people.head!, {
      organisationId,
      title: 'Trendton plan',
      startFrom: 'blank',
    });
    const area = await world.services.plans.edits.saveArea(people.head!, plan.id, null, {
      number: 1,
      domain: 'D2 Court disposals',
      text: 'Assessment quality',
    });
    await world.services.plans.edits.saveAction(people.head!, plan.id, area.id, null, {
      text: 'Assessment training for all case managers',
      owners: ['QA lead'],
      status: 'inProgress',
      commencementDate: '2026-04-01',
      targets: ['2.1.1', '2.2'],
    } as never);
    const chair = await signIn(world, 'chair@trends.test');
    const path = `/services/${organisationId}/qa/board-report`;
    const text = pageText((await chair.get(`${path}?quarter=2026-Q2`)).text);
    expect(text).toContain("The improvement plan's actions and what they are meant to move");
    // 2.1.1: 2 of 6 before (Wilson 10% to 70%), 5 of 6 after (44% to 97%); the change is within chance.
    expect(text).toContain('Trendton plan, area 1: Assessment training for all case managers (from 2026-04-01) 2.1.1');
    expect(text).toMatch(
      /33% \(10% to 70%\), 2026-01-01 to 2026-03-31 83% \(44% to 97%\), 2026-04-01 to 2026-06-30 50 points \(-?\d+ to \d+\), within chance/,
    );
    // In Q2 the thematic round (July) has not happened: 2.2's latest figure since is the April round's.
    expect(text).toMatch(/2\.2 Planning[^%]*33% \(10% to 70%\)/);
    const xlsx = await chair.get(`${path}.xlsx?quarter=2026-Q2`).buffer(true).parse(binaryBody);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as ArrayBuffer);
    const actions = workbook.getWorksheet('Actions')!;
    expect(actions.rowCount).toBe(3);
    expect(actions.getRow(2).getCell(5).value).toMatch(/^2\.1\.1 /);
    expect(actions.getRow(2).getCell(6).value).toBe(33);
    expect(actions.getRow(2).getCell(8).value).toBe(83);
  });

  it("lists agreement across the service's moderated rounds, oldest first, on the moderation page and the trend page", async () => {
    // A case of the first round is moderated too, with the same answers as the first assessor.
    const [first] = await world.services.cases.list(people.lead!, roundInspections[0]!);
    await world.services.moderation.select(people.lead!, roundInspections[0]!, {
      moderatorId: people.moderator!.id,
      how: 'hand',
      caseIds: [first!.id],
    });
    const view = await world.services.moderation.caseForModerator(people.moderator!, first!.id);
    const given = await world.database.db.select().from(answers).where(eq(answers.caseId, first!.id));
    await world.services.moderation.save(people.moderator!, first!.id, {
      answers: Object.fromEntries(given.map((a) => [a.questionId, a.answer])),
      evidence: {},
      expectedVersion: view.moderation.version,
    });
    await world.services.moderation.complete(people.moderator!, first!.id);
    const expected = await Promise.all(
      roundInspections
        .slice(0, 2)
        .map(async (id) => (await world.services.moderation.comparison(people.lead!, id)).breakdown.overall),
    );
    expect(expected[0]!.agreed).toBe(expected[0]!.compared);

    const lead = await signIn(world, 'lead@trends.test');
    const overview = pageText((await lead.get(`/inspections/${roundInspections[1]}/moderation`)).text);
    const table = overview.slice(overview.indexOf("Agreement across this service's moderated rounds, oldest first"));
    const rowOf = (period: string, a: (typeof expected)[number]) =>
      `Whole framework: ${period} ${a.compared} ${Math.round(a.percentAgreement!)}% ${a.applicabilityDisagreements}`;
    const older = table.indexOf(rowOf('2026-01-01 to 2026-03-31', expected[0]!));
    const newer = table.indexOf(rowOf('2026-04-01 to 2026-06-30', expected[1]!));
    expect(older).toBeGreaterThan(0);
    expect(newer).toBeGreaterThan(older);
    // Every answer the same, all 'Yes': kappa cannot be computed, AC1 is 1.
    expect(table.slice(older, newer)).toContain('Cannot be computed 1.00');
    const trends = pageText((await lead.get(`/services/${organisationId}/qa/trends`)).text);
    expect(trends.indexOf(rowOf('2026-01-01 to 2026-03-31', expected[0]!))).toBeLessThan(
      trends.indexOf(rowOf('2026-04-01 to 2026-06-30', expected[1]!)),
    );
    // A board member may see the trends, but no moderation figures.
    const chair = await signIn(world, 'chair@trends.test');
    expect(pageText((await chair.get(`/services/${organisationId}/qa/trends`)).text)).not.toContain(
      'Agreement between assessors',
    );
  });

  it('is never stale: an answer changed in an audit round shows at once, in this process and in another', async () => {
    // Both the page's process and a second one have the figures kept before the change.
    const other = createServices(world.database);
    const lead = await signIn(world, 'lead@trends.test');
    const figure = async (services = world.services) =>
      (await services.qaTrends.trends(people.lead!, organisationId)).trends
        .find((t) => t.id === '2.1')!
        .points.map((p) => `${p.yes} of ${p.relevant}`);
    const nextBandOf211 = async () =>
      (await world.services.qaTrends.trends(people.lead!, organisationId)).predictions
        .find((p) => p.standard.id === '2.1')!
        .nextBand.find((k) => k.id === '2.1.1');
    expect(await figure()).toEqual(['2 of 6', '5 of 6']);
    expect(await figure(other)).toEqual(['2 of 6', '5 of 6']);
    expect(await nextBandOf211()).toEqual({ id: '2.1.1', ...casesToNextBand(getFramework('hmip-youth-2021'), 5, 6) });
    expect(pageText((await lead.get(`/services/${organisationId}/qa/trends`)).text)).toContain('5 of 6');
    // The one case of the second round answered 'No' is saved as 'Yes' by its auditor, as on the case's page.
    const [no] = rowsOf<{ id: string; allocated_to: string }>(
      await world.database.db.execute(sql`
        select c.id, c.allocated_to from cases c join answers a on a.case_id = c.id
        where c.inspection_id = ${roundInspections[1]!} and a.question_id = '2.1.1' and a.answer = 'no'`),
    );
    const auditor = no!.allocated_to === people.a1!.id ? people.a1! : people.a2!;
    const asked = (await keyQuestionsOf(no!.id)).filter((id) => id.startsWith('2.1.'));
    await world.services.assessment.save(auditor, roundInspections[1]!, no!.id, {
      answers: Object.fromEntries(asked.map((id) => [id, 'yes'])),
      evidence: {},
    });
    expect(await figure()).toEqual(['2 of 6', '6 of 6']);
    expect(await figure(other)).toEqual(['2 of 6', '6 of 6']);
    // The prediction from the changed round is computed again: 2.1.1's cases to the next band are its new 6 of 6's.
    expect(await nextBandOf211()).toEqual({ id: '2.1.1', ...casesToNextBand(getFramework('hmip-youth-2021'), 6, 6) });
    const text = pageText((await lead.get(`/services/${organisationId}/qa/trends`)).text);
    expect(text).toContain('6 of 6');
    // And back: the kept figures of the first version are not served again.
    await world.services.assessment.save(auditor, roundInspections[1]!, no!.id, {
      answers: Object.fromEntries(asked.map((id) => [id, 'no'])),
      evidence: {},
    });
    expect(await figure(other)).toEqual(['2 of 6', '5 of 6']);
    expect(await figure()).toEqual(['2 of 6', '5 of 6']);
    expect(await nextBandOf211()).toEqual({ id: '2.1.1', ...casesToNextBand(getFramework('hmip-youth-2021'), 5, 6) });
  });

  it("moderates a thematic round: the first assessment is complete, and the second asks, on the round's standards only", async () => {
    const { round, cases: chosen } = await world.services.qaProgrammes.startRound(people.lead!, thematicProgrammeId, {
      periodStart: '2026-10-01',
      population,
      refs: '',
    });
    const [moderated, other] = chosen;
    await world.services.moderation.select(people.lead!, round.inspectionId, {
      moderatorId: people.moderator!.id,
      how: 'hand',
      caseIds: [moderated!.id, other!.id],
    });
    // Each auditor answers the round's standard, 2.2, and nothing else; the second case only in part.
    for (const c of [moderated!, other!]) {
      const auditor = c.allocatedTo === people.a1!.id ? people.a1! : people.a2!;
      const planning = (await keyQuestionsOf(c.id)).filter((id) => id.startsWith('2.2.'));
      await world.services.assessment.save(auditor, round.inspectionId, c.id, {
        answers: Object.fromEntries(planning.slice(0, c === other ? 1 : undefined).map((id) => [id, 'yes'])),
        evidence: {},
      });
    }
    const before = await world.services.moderation.comparison(people.lead!, round.inspectionId);
    const state = (id: string) => before.selected.find((c) => c.caseId === id)!.firstComplete;
    expect(state(moderated!.id)).toBe(true);
    expect(state(other!.id)).toBe(false);
    // The moderator's form holds 2.2 alone, and counts its key questions only.
    const view = await world.services.moderation.caseForModerator(people.moderator!, moderated!.id);
    expect(view.form.map((part) => part.standard.id)).toEqual(['2.2']);
    const planning = view.form[0]!.keyQuestions.map((k) => k.keyQuestion.id);
    expect(view.expectedKeyQuestions).toBe(planning.length);
    await expect(
      world.services.moderation.save(people.moderator!, moderated!.id, {
        answers: { '2.1.1': 'yes' },
        evidence: {},
        expectedVersion: view.moderation.version,
      }),
    ).rejects.toMatchObject({ fields: { 'answers.2.1.1': 'This question is not asked of this case' } });
    await world.services.moderation.save(people.moderator!, moderated!.id, {
      answers: Object.fromEntries(planning.map((id) => [id, id === planning[0] ? 'no' : 'yes'])),
      evidence: {},
      expectedVersion: view.moderation.version,
    });
    await world.services.moderation.complete(people.moderator!, moderated!.id);
    const after = await world.services.moderation.comparison(people.lead!, round.inspectionId);
    expect(after.selected.find((c) => c.caseId === moderated!.id)!.bothComplete).toBe(true);
    expect(after.compared.map((row) => `${row.questionId}: ${row.current} / ${row.second}`)).toEqual(
      planning.map((id) => `${id}: yes / ${id === planning[0] ? 'no' : 'yes'}`),
    );
  });
});

const flip = (a: 'yes' | 'no'): 'yes' | 'no' => (a === 'yes' ? 'no' : 'yes');
