import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../src/demo/demo.js';
import { agreementOf, type AnswerPair } from '../../../src/domain/agreement/agreement.js';
import { readingOf } from '../../../src/domain/agreement/reading.js';
import { readingText } from '../../../src/features/moderation/view-model.js';
import type { Actor } from '../../../src/platform/audit.js';
import { answers } from '../../../src/platform/db/core-tables.js';
import { withLanguage } from '../../../src/platform/i18n/index.js';
import { atStage } from '../../support/stages.js';
import { addUser, openTestWorld, pageText, signIn, type TestWorld } from '../../support/web.js';

/** The moderation pages in Welsh: the inspection's overview, the moderator's list and a case to moderate. */
let world: TestWorld;
let inspectionId: string;
let moderator: Actor;
let chosen: string[];
const moderation = () => `/inspections/${inspectionId}/moderation`;

beforeAll(async () => {
  world = await openTestWorld();
  const admin = await addUser(world, 'admin@example.org', { isAdmin: true });
  await seedDemo(world.database.db, world.services.users);
  const demo = (await world.services.inspections.list(admin)).find((i) => i.isDemo && i.title.includes('Hackney'))!;
  inspectionId = demo.id;
  await atStage(world, inspectionId, 'fieldwork', 'mockInspection');
  const { organisationId } = await world.services.inspections.get(admin, inspectionId);
  const lead = await addUser(world, 'lead@example.org');
  await world.services.inspections.addTeamMember(admin, inspectionId, lead.id, 'leadInspector');
  moderator = await addUser(world, 'moderator@example.org', { organisationId, role: 'qaLead' });
  const selected = await world.services.moderation.select(lead, inspectionId, {
    moderatorId: moderator.id,
    how: 'share',
    percent: '20',
    seed: '7',
  });
  // The case these tests moderate first: one with key questions to answer (not every case has them all ruled out).
  chosen = [];
  for (const caseId of selected.caseIds)
    if ((await world.services.moderation.caseForModerator(moderator, caseId)).expectedKeyQuestions > 0)
      chosen.push(caseId);
});
afterAll(() => world.close());

describe('moderation in Welsh', () => {
  it("shows the inspection's moderation page in Welsh, and its form's errors", async () => {
    const page = await signIn(world, 'lead@example.org');
    const overview = await page.get(`${moderation()}?lang=cy`);
    expect(overview.status).toBe(200);
    expect(overview.text).toContain('<html lang="cy"');
    const text = pageText(overview.text);
    expect(text).toContain('Cymedroli');
    expect(text).toContain("Achosion a ddewiswyd i'w cymedroli");
    expect(text).toContain("Dewis achosion i'w cymedroli");
    expect(text).toContain('Yn aros am y cymedrolwr');
    expect(text).toContain("Nid oes atebion wedi'u cymharu eto.");
    expect(text).not.toContain('Cases chosen for moderation');

    const refused = await page.post(`${moderation()}?lang=cy`, `${moderation()}/selection`, {
      how: 'share',
      percent: '0',
    });
    expect(refused.status).toBe(400);
    const errors = pageText(refused.text);
    expect(errors).toContain("Dewiswch pwy sy'n cymedroli'r achosion");
    expect(errors).toContain("Rhaid i'r gyfran fod rhwng 1% a 100%");
  });

  it("shows the moderator's cases and a case to moderate in Welsh", async () => {
    const page = await signIn(world, 'moderator@example.org');
    const list = await page.get('/moderation?lang=cy');
    expect(list.status).toBe(200);
    expect(list.text).toContain('<html lang="cy"');
    expect(pageText(list.text)).toContain("Achosion i'w cymedroli");
    expect(pageText(list.text)).toContain("I'w wneud");
    expect(pageText(list.text)).not.toContain('Assess each case as you would');

    const form = await page.get(`/moderation/cases/${chosen[0]!}?lang=cy`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('<html lang="cy"');
    const text = pageText(form.text);
    expect(text).toContain('Ail asesiad (dall)');
    expect(text).toContain("Cwestiynau allweddol wedi'u hateb");
    expect(text).toContain('Cadw a chwblhau');
    expect(text).not.toContain('Second assessment (blind)');

    // The blind rule's refusal, made in the code, in Welsh.
    const hidden = await page.get(`/inspections/${inspectionId}/cases/${chosen[0]!}?lang=cy`);
    expect(hidden.status).toBe(403);
    expect(pageText(hidden.text)).toContain(
      "Rydych yn cymedroli'r achos hwn: mae ei asesiad cyntaf wedi'i guddio rhagoch",
    );

    // Completing with key questions unanswered: the service's message, with its number, in Welsh.
    const view = await world.services.moderation.caseForModerator(moderator, chosen[0]!);
    const refused = await page.post(`/moderation/cases/${chosen[0]!}?lang=cy`, `/moderation/cases/${chosen[0]!}`, {
      version: String(view.moderation.version),
      action: 'complete',
    });
    expect(refused.status).toBe(400);
    expect(pageText(refused.text)).toContain(
      `Atebwch bob cwestiwn allweddol cyn cwblhau: ${view.expectedKeyQuestions} i'w hateb o hyd`,
    );
  });

  it('shows the agreement, the disagreements and the report of a compared case in Welsh', async () => {
    // The moderator answers one case as its first assessor did, but for one key question, and completes it.
    const caseId = chosen[0]!;
    const view = await world.services.moderation.caseForModerator(moderator, caseId);
    const first = Object.fromEntries(
      (await world.database.db.select().from(answers).where(eq(answers.caseId, caseId))).map((a) => [
        a.questionId,
        a.answer,
      ]),
    );
    const given: Record<string, 'yes' | 'no' | 'n/a'> = {};
    for (const part of view.form)
      for (const k of part.keyQuestions)
        for (const q of k.questions) if (!q.notApplicableBecause && first[q.id]) given[q.id] = first[q.id]!;
    const disputed = view.form
      .flatMap((p) => p.keyQuestions.map((k) => k.keyQuestion.id))
      .find((id) => given[id] === 'yes' || given[id] === 'no')!;
    given[disputed] = given[disputed] === 'yes' ? 'no' : 'yes';
    await world.services.moderation.save(moderator, caseId, {
      answers: given,
      evidence: {},
      expectedVersion: view.moderation.version,
    });
    await world.services.moderation.complete(moderator, caseId);

    const page = await signIn(world, 'lead@example.org');
    const agreement = await page.get(`${moderation()}/agreement?lang=cy`);
    expect(agreement.status).toBe(200);
    expect(agreement.text).toContain('<html lang="cy"');
    const agreementText = pageText(agreement.text);
    expect(agreementText).toContain('Cytundeb rhwng aseswyr');
    expect(agreementText).toContain('Fesul pâr o aseswyr');
    expect(agreementText).toContain('Pob cwestiwn:');
    expect(agreementText).toContain('Rhoddodd yr aseswyr yr un ateb mewn');
    expect(agreementText).not.toContain('The assessors gave the same answer');
    // A standard's title is the framework's own word, in Welsh.
    expect(agreementText).toMatch(/[23]\.1 Asesu \d+ \d+%/);
    expect(agreementText).not.toMatch(/[23]\.1 Assessment/);

    const disagreements = pageText((await page.get(`${moderation()}/disagreements?lang=cy`)).text);
    expect(disagreements).toContain("1 o anghytundebau yn yr achosion a gymharwyd, 1 i'w penderfynu o hyd.");
    expect(disagreements).toContain("Cofnodi'r penderfyniad");

    const report = await page.get(`${moderation()}/report?lang=cy`);
    expect(report.status).toBe(200);
    const reportText = pageText(report.text);
    expect(reportText).toContain('Adroddiad cymedroli');
    expect(reportText).toContain('Effaith ar bob safon');
    expect(reportText).toMatch(/[23]\.1 Asesu: \d+ o \d+ o atebion yr un fath/);
    expect(reportText).toContain("0 o anghytundebau wedi'u penderfynu; newidiodd 0 yr ateb sy'n cyfrif.");
  });
});

describe("the agreement's reading in Welsh", () => {
  const pairs = (n: number, first: AnswerPair['first'], second: AnswerPair['second']) =>
    Array.from({ length: n }, () => ({ first, second }));

  it('translates every sentence with its figures and the words for its strength, and leaves English as it was', () => {
    const agreement = agreementOf([
      ...pairs(14, 'yes', 'yes'),
      ...pairs(4, 'no', 'no'),
      ...pairs(1, 'yes', 'no'),
      ...pairs(1, 'yes', 'n/a'),
    ]);
    const english = readingOf(agreement);
    expect(readingText(english)).toBe(english);
    const welsh = withLanguage('cy', () => readingText(english));
    expect(welsh).toContain('Rhoddodd yr aseswyr yr un ateb mewn 18 o 20 (90%).');
    expect(welsh).toContain('Mewn 1, barnodd un ohonynt fod y cwestiwn yn amherthnasol');
    expect(welsh).toMatch(
      /ceir cytundeb (bach|teg|cymedrol|sylweddol|bron yn berffaith) yn ôl AC1 Gwet, -?\d\.\d\d \(cyfwng 95% -?\d\.\d\d i -?\d\.\d\d\), a chytundeb/,
    );
    expect(welsh).not.toMatch(/agreement is|by Gwet's|interval/);
  });

  it('says in Welsh when too few pairs were compared, or none', () => {
    const few = readingOf(agreementOf([...pairs(3, 'yes', 'yes'), ...pairs(2, 'no', 'no')]));
    expect(withLanguage('cy', () => readingText(few))).toContain(
      'Dim ond 5 o barau Ie/Na: rhy ychydig i ddibynnu arnynt',
    );
    expect(withLanguage('cy', () => readingText(readingOf(agreementOf([]))))).toBe(
      "Nid oes atebion wedi'u cymharu eto.",
    );
  });
});
