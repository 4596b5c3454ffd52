import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../src/platform/db/core-tables.js';
import { populationCases, sampleDraws } from '../../../src/features/planning/tables.js';
import type { Actor } from '../../../src/platform/audit.js';
import { cmsFile, cmsHeader, cmsMapping, cmsRows, excelSerial } from '../../support/population.js';
import { addUser, csrfTokenOf, openTestWorld, pageText, signIn, type TestWorld } from '../../support/web.js';

/** The whole planning journey over HTTP, as the lead inspector: population, size, draw, use, replace, allocate. */
let world: TestWorld;
let lead: Actor;
let inspector: Actor;
let inspectionId: string;
let base: string;
let user: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  world = await openTestWorld();
  const admin = await addUser(world, 'admin@example.org', { isAdmin: true });
  const service = (await world.services.organisations.create(admin, { name: 'Service A YJS' })).id;
  lead = await addUser(world, 'lead@example.org', { organisationId: service });
  inspector = await addUser(world, 'ines@example.org', { organisationId: service });
  const inspection = await world.services.inspections.create(lead, {
    organisationId: service,
    framework: 'hmip-youth-2021',
    kind: 'mockInspection',
  });
  inspectionId = inspection.id;
  base = `/inspections/${inspectionId}`;
  await world.services.inspections.addTeamMember(lead, inspectionId, inspector.id, 'inspector');
  await world.services.timeline.saveTimeline(lead, inspectionId, {
    fieldworkStart: '2022-08-08',
    caseWindowFrom: '2021-08-09',
    caseWindowTo: '2022-06-03',
  });
  user = await signIn(world, 'lead@example.org');
});
afterAll(() => world.close());

/** Sends a population form as a browser does (multipart), with the CSRF token of the page it came from. */
async function postMultipart(formPage: string, path: string, fields: Record<string, string>, file?: string) {
  const page = await user.get(formPage);
  let request = user.agent.post(path).field('_csrf', csrfTokenOf(page.text));
  for (const [name, value] of Object.entries(fields)) request = request.field(name, value);
  if (file !== undefined)
    request = request.attach('csvFile', Buffer.from(file), { filename: 'eligible.csv', contentType: 'text/csv' });
  return request;
}

const storedPopulation = async () =>
  world.database.db.select().from(populationCases).where(eq(populationCases.inspectionId, inspectionId));
/** The refs listed in the page's list with this class. */
const listed = (html: string, className: string) => {
  const list = new RegExp(`class="[^"]*${className}[^"]*">(.*?)</[uo]l>`, 's').exec(html)?.[1] ?? '';
  return [...list.matchAll(/<li>([^<]+)<\/li>/g)].map((m) => m[1]!);
};

const population = cmsRows(70, 40, 10);

describe('planning an inspection in the browser', () => {
  it('proposes the columns, lists every problem by line and stores nothing, then imports the fixed file', async () => {
    /** A row with one cell changed (these rows have no quoted cells). */
    const withCell = (row: string, index: number, value: string) =>
      row
        .split(',')
        .map((cell, i) => (i === index ? value : cell))
        .join(',');
    const bad = [
      cmsHeader,
      population[0]!,
      withCell(population[1]!, 3, '31/02/2022'),
      withCell(population[2]!, 4, 'Boy'),
      withCell(population[3]!, 0, 'YJ-0001'),
      withCell(population[4]!, 3, String(excelSerial('2021-01-04'))),
    ].join('\r\n');
    const step1 = await postMultipart(`${base}/population`, `${base}/population`, {}, `\uFEFF${bad}`);
    expect(step1.status).toBe(200);
    expect(step1.text).toContain('Choose the columns');
    // Our names for a CMS's headers are proposed: Gender is sex, Case Worker the case manager.
    expect(step1.text).toMatch(/<option value="Gender" selected>/);
    expect(step1.text).toMatch(/<select[^>]*name="map-caseManager"[\s\S]*?<option value="Case Worker" selected>/);

    const step2 = await postMultipart(`${base}/population`, `${base}/population/import`, {
      csvText: `\uFEFF${bad}`,
      ...cmsMapping,
    });
    expect(step2.status).toBe(400);
    const text = pageText(step2.text);
    expect(text).toContain('The file has 4 problems: nothing was imported');
    expect(text).toMatch(/3 startDate "31\/02\/2022" is not a real date/);
    expect(text).toMatch(/4 sex "Boy" is not one of male, female, unknown/);
    expect(text).toMatch(/5 ref case YJ-0001 is also on line 2/);
    expect(text).toMatch(/6 startDate 4 January 2021 is outside the case window, 9 August 2021 to 3 June 2022/);
    expect(await storedPopulation()).toHaveLength(0);

    const fixed = await postMultipart(`${base}/population`, `${base}/population/import`, {
      csvText: cmsFile(population),
      ...cmsMapping,
    });
    expect(fixed.status).toBe(303);
    expect(fixed.headers.location).toBe(`${base}/population?imported=120`);
    const page = pageText((await user.get(fixed.headers.location!)).text);
    expect(page).toContain('120 eligible cases imported');
    expect(page).toMatch(/Court disposals: 70 Out-of-court disposals: 40 Resettlement: 10/);
    const stored = await storedPopulation();
    expect(stored).toHaveLength(120);
    const first = stored.find((c) => c.ref === 'YJ-0001')!;
    expect(population[0]).toContain(',44594,');
    // Excel's serial 44594 is 2 February 2022; the YRO abbreviation is the framework's disposal.
    expect(first).toMatchObject({
      startDate: '2022-02-02',
      disposal: 'youthRehabilitationOrder',
      sex: 'male',
      lookedAfter: 'no',
      caseManager: 'Worker 2',
    });
    expect(stored.find((c) => c.ref === 'YJ-0007')!.line).toBe(8);
    expect(stored.find((c) => c.ref === 'YJ-0008')!.line).toBe(10); // after the note that spans two lines
  });

  it('remembers the mapping for the service and proposes it next time', async () => {
    const next = await postMultipart(`${base}/population`, `${base}/population`, {}, cmsFile(population.slice(0, 3)));
    expect(pageText(next.text)).toContain("The columns chosen at this service's last import are selected");
    expect(next.text).toMatch(/<select[^>]*name="map-ref"[\s\S]*?<option value="Child ID" selected>/);
  });

  it('shows the sample size with the formula and its numbers, and the margin for a chosen size', async () => {
    const page = await user.get(`${base}/sample-size?size=60`);
    expect(page.status).toBe(200);
    const text = pageText(page.text);
    const z = 1.2815515655446004;
    const n0 = (z * z * 0.25) / 0.05 ** 2;
    // Court first, as HMIP sizes it: the formula on the 70 court cases, out of court derived by 60/40.
    const size = Math.ceil(n0 / (1 + (n0 - 1) / 70));
    expect(text).toContain(`n0 = z² × p(1 − p) / e² = ${z.toFixed(4)}² × 0.5 × 0.5 / 0.05² = ${n0.toFixed(2)}`);
    expect(text).toContain(`n = n0 / (1 + (n0 − 1) / N) = ${n0.toFixed(2)} / (1 + ${(n0 - 1).toFixed(2)} / 70)`);
    expect(text).toContain(`rounded up: ${size}`);
    expect(text).toContain(`Court cases ${size} Out-of-court cases ${Math.round((size * 40) / 60)}`);
    // The combined rule, a choice on the form: both kinds of case sized together, then split.
    const combined = pageText((await user.get(`${base}/sample-size?sizing=combined`)).text);
    const total = Math.ceil(n0 / (1 + (n0 - 1) / 110));
    expect(combined).toContain(`(1 + ${(n0 - 1).toFixed(2)} / 110)`);
    expect(combined).toContain(
      `Court cases ${Math.round(total * 0.6)} Out-of-court cases ${total - Math.round(total * 0.6)}`,
    );
    const chosen = z * Math.sqrt((0.25 / 60) * (50 / 109)) * 100;
    expect(text).toContain(`A sample of 60 cases Margin of error achieved ${Math.round(chosen * 100) / 100} points`);
    const wrong = await user.get(`${base}/sample-size?confidence=eighty&size=500`);
    expect(wrong.status).toBe(400);
    expect(pageText(wrong.text)).toContain('Enter the confidence level as a number, like 80');
  });

  let drawId: string;
  let courtSample: string[];
  it('draws the same sample twice from the same seed, with the reserve and the mix', async () => {
    const form = {
      confidence: '80',
      margin: '5',
      split: 'ratio',
      strata: ['sex', 'disposal', 'rosh', 'swb'],
      seed: '20230116',
    };
    const first = await user.post(`${base}/sample`, `${base}/sample/draw`, form);
    expect(first.status).toBe(303);
    const page1 = (await user.get(`${base}/sample`)).text;
    const second = await user.post(`${base}/sample`, `${base}/sample/draw`, form);
    expect(second.status).toBe(303);
    const page2 = (await user.get(`${base}/sample`)).text;
    courtSample = listed(page1, 'app-sample-court');
    expect(courtSample.length).toBeGreaterThan(10);
    expect(listed(page2, 'app-sample-court')).toEqual(courtSample);
    expect(listed(page2, 'app-sample-outOfCourt')).toEqual(listed(page1, 'app-sample-outOfCourt'));
    expect(listed(page2, 'app-reserve-court')).toEqual(listed(page1, 'app-reserve-court'));
    expect(pageText(page2)).toContain('Seed 20230116');
    expect(pageText(page2)).toMatch(/Sex Female 2\d \d+(\.\d)?% \d+ \d+(\.\d)?%/);
    const draws = await world.database.db.select().from(sampleDraws).where(eq(sampleDraws.inspectionId, inspectionId));
    expect(draws).toHaveLength(2);
    expect(draws.map((d) => d.seed)).toEqual([20230116, 20230116]);
    drawId = /name="drawId" value="([^"]+)"/.exec(page2)![1]!;
  });

  it('makes the sample the inspection’s cases, with their attributes', async () => {
    const used = await user.post(`${base}/sample`, `${base}/sample/use`, { drawId });
    expect(used.status).toBe(303);
    const cases = await world.services.cases.list(lead, inspectionId);
    const list = pageText((await user.get(used.headers.location!)).text);
    for (const ref of courtSample) expect(list).toContain(ref);
    expect(cases.filter((c) => c.domain === 'resettlement')).toHaveLength(10);
    const one = cases.find((c) => c.ref === courtSample[0])!;
    expect(one.caseManager).toMatch(/^Worker \d$/);
    expect(one.startDate).toMatch(/^2022-0[1-5]-\d\d$/);
    const [audit] = await world.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'sample.use'), eq(auditEvents.inspectionId, inspectionId)));
    expect(audit).toBeDefined();
  });

  it('replaces a case that is not eligible with the next reserve case', async () => {
    const page = (await user.get(`${base}/sample`)).text;
    const reserve = listed(page, 'app-reserve-court');
    const removed = (await world.services.cases.list(lead, inspectionId)).find((c) => c.ref === courtSample[1])!;
    const response = await user.post(`${base}/sample`, `${base}/sample/replace`, {
      caseId: removed.id,
      reason: 'Order revoked before the window',
    });
    expect(response.status).toBe(303);
    const refs = (await world.services.cases.list(lead, inspectionId)).map((c) => c.ref);
    expect(refs).not.toContain(removed.ref);
    expect(refs).toContain(reserve[0]);
    const after = pageText((await user.get(response.headers.location!)).text);
    expect(after).toContain(
      `Case ${removed.ref} removed as not eligible; reserve case ${reserve[0]} added in its place`,
    );
    expect(after).toContain(`${removed.ref} Order revoked before the window ${reserve[0]}`);
    const empty = await user.post(`${base}/sample`, `${base}/sample/replace`, { caseId: '', reason: '' });
    expect(empty.status).toBe(400);
    expect(pageText(empty.text)).toContain('Enter why the case is not eligible');
  });

  it('balances the allocation across the inspectors and records interviews', async () => {
    const response = await user.post(`${base}/allocation`, `${base}/allocation/balance`, {});
    expect(response.status).toBe(303);
    const cases = await world.services.cases.list(lead, inspectionId);
    expect(cases.every((c) => c.allocatedTo !== null)).toBe(true);
    const count = (id: string, domain?: string) =>
      cases.filter((c) => c.allocatedTo === id && (!domain || c.domain === domain)).length;
    expect(Math.abs(count(lead.id) - count(inspector.id))).toBeLessThanOrEqual(1);
    expect(Math.abs(count(lead.id, 'court') - count(inspector.id, 'court'))).toBeLessThanOrEqual(1);
    const again = await user.post(`${base}/allocation`, `${base}/allocation/balance`, {});
    expect(again.status).toBe(400);
    expect(pageText(again.text)).toContain('Every case is already allocated');

    const target = cases[0]!;
    const path = `${base}/allocation/${target.id}/interview`;
    const saved = await user.post(path, path, {
      'planned-day': '9',
      'planned-month': '8',
      'planned-year': '2022',
      done: 'no',
    });
    expect(saved.status).toBe(303);
    const page = pageText((await user.get(`${base}/allocation`)).text);
    expect(page).toContain(`${target.ref} `);
    expect(page).toContain('9 August 2022 Not done');
    const wrong = await user.post(path, path, { 'planned-day': '31', 'planned-month': '2', 'planned-year': '2022' });
    expect(wrong.status).toBe(400);
    expect(pageText(wrong.text)).toContain('The interview date must be a real date');
  });

  it('links the planning tasks from the overview', async () => {
    const overview = (await user.get(base)).text;
    for (const path of ['population', 'sample', 'allocation']) expect(overview).toContain(`href="${base}/${path}"`);
  });
});
