import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/platform/audit.js';
import { openDatabase, type DatabaseHandle } from '../../../src/platform/db/connect.js';
import { seedDemo } from '../../../src/demo/demo.js';
import { createServices, type Services } from '../../../src/platform/services.js';
import { addUser, openTestWorld, type TestWorld } from '../../support/web.js';

// Ratings and progress are kept per change of their inputs: a read straight after any change must show it.
let world: TestWorld;
/** A second app instance on the same database, with its own caches (another process on a server). */
let other: Services;
let otherHandle: DatabaseHandle | null = null;
let admin: Actor;
let inspector: Actor;
let panellist: Actor;
let inspectionId: string;

/** The ratings as a new instance computes them, with nothing kept: the truth to compare with. */
const truth = () => createServices(world.database).ratings.ratings(admin, inspectionId);
const figure = (rating: Awaited<ReturnType<typeof truth>>, keyQuestionId: string) =>
  rating.standards.flatMap((s) => s.keyQuestions).find((kq) => kq.id === keyQuestionId);

beforeAll(async () => {
  world = await openTestWorld();
  admin = await addUser(world, 'admin@example.org', { isAdmin: true });
  await seedDemo(world.database.db, world.services.users);
  const [demo] = await world.services.inspections.list(admin);
  inspectionId = demo!.id;
  const { organisationId } = await world.services.inspections.get(admin, inspectionId);
  inspector = await addUser(world, 'inspector@example.org', { organisationId });
  await world.services.inspections.addTeamMember(admin, inspectionId, inspector.id, 'inspector');
  panellist = await addUser(world, 'panel@example.org', { organisationId });
  await world.services.inspections.addTeamMember(admin, inspectionId, panellist.id, 'ratingsPanel');
  if (world.database.kind === 'server') {
    otherHandle = await openDatabase({ url: world.database.location, dataDir: '' });
    other = createServices(otherHandle);
  } else other = createServices(world.database);
});
afterAll(async () => {
  await otherHandle?.close();
  await world.close();
});

/** Reads through both instances (so both keep what they computed), and checks they agree with the truth. */
async function readBoth() {
  const [mine, theirs, expected] = [
    await world.services.ratings.ratings(admin, inspectionId),
    await other.ratings.ratings(admin, inspectionId),
    await truth(),
  ];
  expect(mine).toEqual(expected);
  expect(theirs).toEqual(expected);
  return mine;
}

async function aCourtCaseAnswering(keyQuestionId: string, answer: 'yes' | 'no') {
  for (const c of await world.services.cases.list(admin, inspectionId)) {
    if (c.domain !== 'court') continue;
    const found = await world.services.assessment.get(admin, inspectionId, c.id);
    if (found.answers[keyQuestionId]?.answer === answer) return found.case;
  }
  throw new Error(`no court case answers ${keyQuestionId} ${answer}`);
}

describe('ratings kept per change', () => {
  it('shows a changed answer at once, on this instance and on another', async () => {
    const before = await readBoth();
    const row = await aCourtCaseAnswering('2.1.1', 'yes');
    // Instance A saves; instance B reads straight after.
    await world.services.assessment.save(inspector, inspectionId, row.id, {
      answers: { '2.1.1': 'no' },
      expectedVersion: row.version,
    });
    const theirs = await other.ratings.ratings(admin, inspectionId);
    expect(figure(theirs, '2.1.1')!.yes).toBe(figure(before, '2.1.1')!.yes! - 1);
    const after = await readBoth();
    expect(figure(after, '2.1.1')!.yes).toBe(figure(before, '2.1.1')!.yes! - 1);
  });

  it('shows a changed judgement at once', async () => {
    const before = await readBoth();
    const standard = before.standards.find((s) => s.id === '1.1')!;
    const next = standard.rating === 'Inadequate' ? 'Good' : 'Inadequate';
    const current = await world.services.judgements.judgement(inspector, inspectionId, '1.1');
    await world.services.judgements.saveJudgement(inspector, inspectionId, '1.1', {
      rating: next,
      strengths: 'Strengths',
      areasForImprovement: '',
      ...(current.judgement && { expectedVersion: current.judgement.version }),
    });
    expect((await other.ratings.ratings(admin, inspectionId)).standards.find((s) => s.id === '1.1')!.rating).toBe(next);
    expect((await readBoth()).standards.find((s) => s.id === '1.1')!.rating).toBe(next);
  });

  it('shows a withdrawn discretion decision at once', async () => {
    const before = await readBoth();
    expect(before.standards.find((s) => s.id === '3.3')!.rating).toBe('Outstanding');
    await world.services.ratings.recordDiscretion(panellist, inspectionId, '3.3', {
      rating: null,
      rationale: 'Reconsidered by the panel',
    });
    expect((await other.ratings.ratings(admin, inspectionId)).standards.find((s) => s.id === '3.3')!.rating).toBe(
      'Good',
    );
    expect((await readBoth()).standards.find((s) => s.id === '3.3')!.rating).toBe('Good');
  });

  it("shows a change of a case's factors at once, and the cases' progress counts too", async () => {
    const before = await readBoth();
    const progressBefore = await other.cases.progress(admin, inspectionId);
    const row = await aCourtCaseAnswering('2.2.3', 'yes');
    // No factors about other people's safety: the case leaves 2.2.3's sub-sample.
    await world.services.cases.update(admin, inspectionId, row.id, {
      ref: row.ref,
      domain: row.domain,
      ...(row.disposal && { disposal: row.disposal }),
      otherPeopleSafetyFactors: false,
    });
    const after = await readBoth();
    expect(figure(after, '2.2.3')!.relevant).toBe(figure(before, '2.2.3')!.relevant! - 1);
    const progressAfter = await other.cases.progress(admin, inspectionId);
    const expected = (list: typeof progressBefore) => list.reduce((sum, c) => sum + c.expected, 0);
    expect(expected(progressAfter)).toBeLessThan(expected(progressBefore));
    expect(progressAfter).toEqual(await createServices(world.database).cases.progress(admin, inspectionId));
  });

  it('does not rate again when nothing changed', async () => {
    const first = await world.services.ratings.ratings(admin, inspectionId);
    const second = await world.services.ratings.ratings(admin, inspectionId);
    // The same rating object: kept, not recomputed.
    expect(second.standards).toBe(first.standards);
  });
});
