import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/platform/audit.js';
import { addUser, openTestWorld, pageText, signIn, type TestWorld } from '../../support/web.js';

/**
 * Finding cases among 120: by reference, kind of case, disposal, inspector and progress, sorted, 50 to a page,
 * all in the query string (no JavaScript), and the page counts what the filters found.
 */
let world: TestWorld;
let lead: Actor;
let carol: Actor;
let inspectionId: string;
const ref = (n: number) => `F-${String(n).padStart(3, '0')}`;
const listUrl = (query = '') => `/inspections/${inspectionId}/cases${query}`;
/** The references in the table, in its order. */
const refsOn = (html: string) => [...html.matchAll(/>(F-\d{3})<\/a>/g)].map((m) => m[1]!);

beforeAll(async () => {
  world = await openTestWorld();
  const admin = await addUser(world, 'admin@finding.test', { isAdmin: true });
  const service = (await world.services.organisations.create(admin, { name: 'Finding YJS' })).id;
  lead = await addUser(world, 'lead@finding.test', { organisationId: service });
  carol = await addUser(world, 'carol@finding.test', { organisationId: service });
  const inspection = await world.services.inspections.create(lead, {
    organisationId: service,
    framework: 'hmip-youth-2021',
    kind: 'internalAudit',
  });
  inspectionId = inspection.id;
  await world.services.inspections.addTeamMember(lead, inspectionId, carol.id, 'inspector');
  // 1-80 court (odd: referral orders), 81-110 out of court (triage), 111-120 resettlement.
  const lines = ['ref,domain,disposal'];
  for (let n = 1; n <= 120; n++) {
    const [domain, disposal] =
      n <= 80
        ? ['court', n % 2 ? 'referralOrder' : 'youthRehabilitationOrder']
        : n <= 110
          ? ['outOfCourt', 'triage']
          : ['resettlement', 'custodyRelease'];
    lines.push(`${ref(n)},${domain},${disposal}`);
  }
  // Written in reverse, so that an order by reference is the query's, not the insertion's.
  const created = await world.services.cases.importCsv(
    lead,
    inspectionId,
    [lines[0], ...lines.slice(1).reverse()].join('\n'),
  );
  const idOf = (r: string) => created.find((c) => c.ref === r)!.id;
  // Carol has 10 cases: F-101 to F-110.
  await world.services.cases.allocate(
    lead,
    inspectionId,
    Array.from({ length: 10 }, (_, i) => idOf(ref(101 + i))),
    carol.id,
  );
  // F-001 in progress (one key question answered); F-120 (resettlement, no key questions) marked complete.
  await world.services.assessment.save(lead, inspectionId, idOf(ref(1)), {
    answers: { '2.1.1': 'yes' },
    evidence: {},
  } as never);
  await world.services.caseWork.markComplete(lead, inspectionId, idOf(ref(120)));
});
afterAll(() => world.close());

describe('the cases list', () => {
  it('shows 50 cases a page with GOV.UK pagination, ordered by reference in SQL', async () => {
    const user = await signIn(world, 'lead@finding.test');
    const first = await user.get(listUrl());
    expect(first.status).toBe(200);
    expect(refsOn(first.text)).toEqual(Array.from({ length: 50 }, (_, i) => ref(i + 1)));
    expect(pageText(first.text)).toContain('120 cases, showing 1 to 50');
    expect(first.text).toContain('govuk-pagination');
    expect(first.text).toContain(`href="?page=2"`);
    const third = await user.get(listUrl('?page=3'));
    expect(refsOn(third.text)).toEqual(Array.from({ length: 20 }, (_, i) => ref(i + 101)));
    expect(pageText(third.text)).toContain('showing 101 to 120');
    // A page past the end shows the last page, not an empty one.
    expect(refsOn((await user.get(listUrl('?page=99'))).text)[0]).toBe('F-101');
  });

  it('finds by part of the reference, and by kind of case, disposal and inspector together', async () => {
    const user = await signIn(world, 'lead@finding.test');
    expect(refsOn((await user.get(listUrl('?q=f-11'))).text)).toEqual(
      Array.from({ length: 10 }, (_, i) => ref(110 + i)),
    );
    // A % or _ typed is a character to find, not a wildcard.
    expect(refsOn((await user.get(listUrl('?q=%25'))).text)).toEqual([]);
    const referral = await user.get(listUrl('?domain=court&disposal=referralOrder'));
    expect(refsOn(referral.text)).toHaveLength(40);
    expect(pageText(referral.text)).toContain('40 cases of 120');
    // The filters in force, each with a link that removes it alone.
    expect(referral.text).toContain('href="?domain=court"');
    expect(referral.text).toContain('href="?disposal=referralOrder"');
    const carols = await user.get(listUrl(`?inspector=${carol.id}&domain=outOfCourt&domain=resettlement`));
    expect(refsOn(carols.text)).toEqual(Array.from({ length: 10 }, (_, i) => ref(101 + i)));
    const nobody = await user.get(listUrl('?inspector=none&domain=outOfCourt'));
    expect(refsOn(nobody.text)).toEqual(Array.from({ length: 20 }, (_, i) => ref(81 + i)));
  });

  it('filters and sorts by progress, a resettlement case counting once marked complete', async () => {
    const user = await signIn(world, 'lead@finding.test');
    expect(refsOn((await user.get(listUrl('?progress=inProgress'))).text)).toEqual(['F-001']);
    expect(refsOn((await user.get(listUrl('?progress=completed'))).text)).toEqual(['F-120']);
    const resettlement = pageText((await user.get(listUrl('?domain=resettlement'))).text);
    expect(resettlement).not.toContain('0 of 0 key questions');
    expect(resettlement).toContain(
      'F-119 Resettlement Release from custody Not allocated No key questions: marked complete when reviewed Not started',
    );
    expect(resettlement).toContain(
      'F-120 Resettlement Release from custody Not allocated No key questions: marked complete when reviewed Completed',
    );
    const byProgress = refsOn((await user.get(listUrl('?sort=progress&page=3'))).text);
    expect(byProgress.slice(-2)).toEqual(['F-001', 'F-120']);
    const descending = refsOn((await user.get(listUrl('?sort=refDescending'))).text);
    expect(descending.slice(0, 2)).toEqual(['F-120', 'F-119']);
  });

  it("puts an inspector's own cases first, with a link to only theirs", async () => {
    const user = await signIn(world, 'carol@finding.test');
    const page = await user.get(listUrl());
    expect(refsOn(page.text).slice(0, 11)).toEqual([...Array.from({ length: 10 }, (_, i) => ref(101 + i)), 'F-001']);
    expect(pageText(page.text)).toContain('10 cases are allocated to you: they come first');
    expect(refsOn((await user.get(listUrl('?inspector=me'))).text)).toHaveLength(10);
    // An inspector is not offered what only the lead inspector may do.
    for (const text of ['Add a case', 'Import cases', 'Allocate selected cases', '/edit"'])
      expect(page.text).not.toContain(text);
  });

  it('ignores malformed search values rather than failing', async () => {
    const user = await signIn(world, 'lead@finding.test');
    const page = await user.get(listUrl('?sort=drop&page=-3&progress=everything&inspector=%27or%201=1'));
    expect(page.status).toBe(200);
    expect(refsOn(page.text)[0]).toBe('F-001');
  });
});

describe('the overview', () => {
  it('counts a resettlement case as assessed only once it is marked complete', async () => {
    const user = await signIn(world, 'lead@finding.test');
    const overview = pageText((await user.get(`/inspections/${inspectionId}`)).text);
    expect(overview).toContain('1 of 120 cases fully assessed');
  });
});
