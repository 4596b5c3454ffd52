import ExcelJS from 'exceljs';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { seedDemo } from '../../../src/demo/demo.js';
import { agreementOf, type Answer } from '../../../src/domain/agreement/agreement.js';
import { drawForModeration } from '../../../src/domain/agreement/breakdown.js';
import type { Actor } from '../../../src/platform/audit.js';
import { answers, auditEvents, cases } from '../../../src/platform/db/core-tables.js';
import { ConflictError } from '../../../src/platform/errors.js';
import { atStage } from '../../support/stages.js';
import { addUser, openTestWorld, pageText, signIn, type TestWorld } from '../../support/web.js';

/**
 * A QA lead chooses 20% of an inspection's cases for moderation; a moderator assesses them blind; the
 * agreement page, its downloads and the API give kappa and AC1; the disagreements are reconciled; the ratings
 * and the moderation report say what moderation changed.
 */
let world: TestWorld;
let inspectionId: string;
let lead: Actor;
let moderator: Actor;
let board: Actor;
let chosen: string[];
/** The moderator's answers differ from the first assessor's on these (case id, key question id) pairs. */
const flipped: { caseId: string; questionId: string }[] = [];
const moderation = () => `/inspections/${inspectionId}/moderation`;
const flip = (a: Answer): Answer => (a === 'yes' ? 'no' : 'yes');

async function firstAnswers(caseId: string) {
  return world.database.db.select().from(answers).where(eq(answers.caseId, caseId));
}

beforeAll(async () => {
  world = await openTestWorld();
  const admin = await addUser(world, 'admin@example.org', { isAdmin: true });
  await seedDemo(world.database.db, world.services.users);
  const demo = (await world.services.inspections.list(admin)).find((i) => i.isDemo && i.title.includes('Hackney'))!;
  inspectionId = demo.id;
  // The service's own moderation: on an HMIP inspection its QA lead never reads the cases' answers.
  await atStage(world, inspectionId, 'fieldwork', 'mockInspection');
  const { organisationId } = await world.services.inspections.get(admin, inspectionId);
  lead = await addUser(world, 'lead@example.org');
  await world.services.inspections.addTeamMember(admin, inspectionId, lead.id, 'leadInspector');
  // A QA lead of the service moderates: a role that reads cases, so blindness must hold against it too.
  moderator = await addUser(world, 'moderator@example.org', { organisationId, role: 'qaLead' });
  board = await addUser(world, 'board@example.org', { organisationId, role: 'boardMember' });
});
afterAll(() => world.close());

describe('moderation', () => {
  it('chooses a share of the cases with a recorded seed, the same seed drawing the same cases', async () => {
    const page = await signIn(world, 'lead@example.org');
    const overview = await page.get(moderation());
    expect(overview.status).toBe(200);
    expect(pageText(overview.text)).toContain('Choose cases for moderation');

    const refused = await page.post(moderation(), `${moderation()}/selection`, { how: 'share', percent: '0' });
    expect(refused.status).toBe(400);
    expect(pageText(refused.text)).toContain('Select who moderates the cases');
    expect(pageText(refused.text)).toContain('The share must be between 1% and 100%');

    const all = await world.database.db
      .select({ id: cases.id })
      .from(cases)
      .where(eq(cases.inspectionId, inspectionId));
    const response = await page.post(moderation(), `${moderation()}/selection`, {
      moderatorId: moderator.id,
      how: 'share',
      percent: '20',
      seed: '42',
    });
    expect(response.status).toBe(303);
    const stored = await world.services.moderation.comparison(lead, inspectionId);
    chosen = stored.selected.map((s) => s.caseId).sort();
    expect(chosen).toHaveLength(Math.ceil(all.length * 0.2));
    expect(chosen).toEqual(
      drawForModeration(
        all.map((c) => c.id),
        20,
        42,
      ),
    );
    expect(stored.selected.every((s) => s.drawSeed === 42 && s.drawPercent === 20)).toBe(true);
    const [audit] = await world.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'moderation.select'), eq(auditEvents.inspectionId, inspectionId)));
    expect(audit?.after).toMatchObject({ seed: 42, percent: 20, moderatorId: moderator.id });
  });

  it('keeps the second assessment blind: the moderator sees neither the first answers nor the evidence', async () => {
    const page = await signIn(world, 'moderator@example.org');
    const list = await page.get('/moderation');
    expect(pageText(list.text)).toContain('Cases to moderate');
    const caseId = chosen[0]!;
    const first = await firstAnswers(caseId);
    const form = await page.get(`/moderation/cases/${caseId}`);
    expect(form.status).toBe(200);
    for (const answer of first.filter((a) => a.evidence.length > 12)) expect(form.text).not.toContain(answer.evidence);
    expect(form.text).not.toMatch(/type="radio"[^>]*checked/);
    // Their service role reads cases, but not the ones they moderate, and not the answers behind the figures.
    const casePage = await page.get(`/inspections/${inspectionId}/cases/${caseId}`);
    expect(casePage.status).toBe(403);
    expect(pageText(casePage.text)).toContain('You are moderating this case');
    const other = (await world.database.db.select().from(cases).where(eq(cases.inspectionId, inspectionId))).find(
      (c) => !chosen.includes(c.id),
    )!;
    expect((await page.get(`/inspections/${inspectionId}/cases/${other.id}`)).status).toBe(200);
    const token = await world.services.users.createApiToken(null, moderator.id, 'moderation');
    const api = await supertest(world.app)
      .get(`/api/v1/inspections/${inspectionId}/cases/${caseId}/answers`)
      .set('authorization', `Bearer ${token}`);
    expect(api.status).toBe(403);
    // Nor may they change the first assessment through the API: the save's own statement applies the rule.
    const saved = await supertest(world.app)
      .put(`/api/v1/inspections/${inspectionId}/cases/${caseId}/answers`)
      .set('authorization', `Bearer ${token}`)
      .send({
        answers: Object.fromEntries(
          first
            .filter((a) => a.answer !== 'n/a')
            .slice(0, 1)
            .map((a) => [a.questionId, flip(a.answer)]),
        ),
      });
    expect(saved.status).toBe(403);
    expect(await firstAnswers(caseId)).toEqual(first);
  });

  it('takes the moderator answers, one save of 32 from the same form winning, then completes', async () => {
    for (const caseId of chosen) {
      const view = await world.services.moderation.caseForModerator(moderator, caseId);
      const first = Object.fromEntries((await firstAnswers(caseId)).map((a) => [a.questionId, a.answer]));
      const given: Record<string, Answer> = {};
      for (const part of view.form)
        for (const k of part.keyQuestions)
          for (const q of k.questions) if (!q.notApplicableBecause && first[q.id]) given[q.id] = first[q.id]!;
      // Disagree on the first key question answered Yes or No in the case.
      const disputed = view.form
        .flatMap((p) => p.keyQuestions.map((k) => k.keyQuestion.id))
        .find((id) => given[id] === 'yes' || given[id] === 'no');
      if (disputed) {
        given[disputed] = flip(given[disputed]!);
        flipped.push({ caseId, questionId: disputed });
      }
      const evidence = Object.fromEntries(Object.keys(given).map((id) => [id, `Moderator's note on ${id}`]));
      const version = view.moderation.version;
      const saves = await Promise.allSettled(
        Array.from({ length: 32 }, () =>
          world.services.moderation.save(moderator, caseId, { answers: given, evidence, expectedVersion: version }),
        ),
      );
      expect(saves.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
      expect(saves.filter((s) => s.status === 'rejected' && s.reason instanceof ConflictError)).toHaveLength(31);
      await world.services.moderation.complete(moderator, caseId);
    }
    expect(flipped.length).toBeGreaterThan(0);
  });

  it('shows agreement with kappa and AC1 on the page, in CSV and XLSX, and through the API', async () => {
    const found = await world.services.moderation.comparison(lead, inspectionId);
    const pairs = found.compared.map((row) => ({ first: row.current, second: row.second }));
    const expected = agreementOf(pairs);
    expect(found.breakdown.overall.yesNoDisagreements).toBe(flipped.length);

    const page = await signIn(world, 'lead@example.org');
    const html = await page.get(`${moderation()}/agreement`);
    expect(html.status).toBe(200);
    const text = pageText(html.text);
    expect(text).toContain(`same answer in ${expected.agreed} of ${expected.compared}`);
    expect(text).toContain(
      `${expected.ac1!.value.toFixed(2)} (${expected.ac1!.low.toFixed(2)} to ${expected.ac1!.high.toFixed(2)})`,
    );
    expect(text).toContain(`${expected.kappa!.value.toFixed(2)} (${expected.kappa!.low.toFixed(2)}`);

    const csv = await page.get(`${moderation()}/agreement.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const overall = csv.text.split('\n').find((line) => line.startsWith('Overall,'))!;
    expect(overall).toContain(`,${expected.compared},${expected.agreed},`);
    expect(overall).toContain(String(expected.ac1!.value));

    const xlsx = await page
      .get(`${moderation()}/agreement.xlsx`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as ArrayBuffer);
    const sheet = workbook.getWorksheet('Agreement')!;
    expect(sheet.getRow(2).getCell(1).value).toBe('Overall');
    expect(sheet.getRow(2).getCell(12).value).toBeCloseTo(expected.ac1!.value, 12);

    const token = await world.services.users.createApiToken(null, lead.id, 'moderation');
    const api = await supertest(world.app)
      .get(`/api/v1/inspections/${inspectionId}/moderation/agreement`)
      .set('authorization', `Bearer ${token}`);
    expect(api.status).toBe(200);
    expect((api.body as { overall: { kappa: { value: number } } }).overall.kappa.value).toBeCloseTo(
      expected.kappa!.value,
      12,
    );
  });

  it("keeps the figures from roles without moderation.view, and a moderator's case from everyone else", async () => {
    const page = await signIn(world, 'board@example.org');
    expect((await page.get(`${moderation()}/agreement`)).status).toBe(403);
    expect((await page.get(`/moderation/cases/${chosen[0]!}`)).status).toBe(404);
    const leadPage = await signIn(world, 'lead@example.org');
    expect((await leadPage.get(`/moderation/cases/${chosen[0]!}`)).status).toBe(404);
    await expect(
      world.services.moderation.save(board, chosen[0]!, { answers: {}, evidence: {}, expectedVersion: 1 }),
    ).rejects.toThrow('case not found');
  });

  it('reconciles a disagreement with a reason, once, and says so on the ratings and in the report', async () => {
    const before = await signIn(world, 'lead@example.org');
    const ratingsBefore = pageText((await before.get(`/inspections/${inspectionId}/ratings`)).text);
    expect(ratingsBefore).toContain('Moderation is open');
    expect(ratingsBefore).toContain("these figures use the first assessor's answers");

    const list = await before.get(`${moderation()}/disagreements`);
    expect(pageText(list.text)).toContain(
      `${flipped.length} disagreements in the compared cases, ${flipped.length} still to decide`,
    );
    expect(pageText(list.text)).toContain("Moderator's note on");

    const { caseId, questionId } = flipped[0]!;
    const decisionPath = `${moderation()}/cases/${caseId}/questions/${questionId}/decision`;
    const noReason = await before.post(`${moderation()}/disagreements`, decisionPath, { answer: 'no', reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(pageText(noReason.text)).toContain('Enter the reason for the decision');

    const [firstRow] = await world.database.db
      .select()
      .from(answers)
      .where(and(eq(answers.caseId, caseId), eq(answers.questionId, questionId)));
    const decidedAnswer = flip(firstRow!.answer);
    const decisions = await Promise.allSettled(
      Array.from({ length: 32 }, () =>
        world.services.moderation.decide(lead, caseId, questionId, {
          answer: decidedAnswer,
          reason: 'The plan did not address the risk the assessment identified',
        }),
      ),
    );
    expect(decisions.filter((d) => d.status === 'fulfilled')).toHaveLength(1);
    expect(decisions.filter((d) => d.status === 'rejected' && d.reason instanceof ConflictError)).toHaveLength(31);
    const [now] = await world.database.db
      .select()
      .from(answers)
      .where(and(eq(answers.caseId, caseId), eq(answers.questionId, questionId)));
    expect(now!.answer).toBe(decidedAnswer);

    const again = await before.post(`${moderation()}/disagreements`, decisionPath, { answer: 'yes', reason: 'Again' });
    expect(again.status).toBe(409);

    const ratings = pageText((await before.get(`/inspections/${inspectionId}/ratings`)).text);
    expect(ratings).toContain('Moderation has changed 1 answer so far');

    const report = await before.get(`${moderation()}/report`);
    expect(report.status).toBe(200);
    const reportText = pageText(report.text);
    expect(reportText).toContain('1 disagreements decided; 1 changed the answer that counts');
    expect(reportText).toContain('The plan did not address the risk');
    expect(reportText).toContain('Effect on each standard');
    expect(reportText).toContain('Where assessors agree least');
  });
});
