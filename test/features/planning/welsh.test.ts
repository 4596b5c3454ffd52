import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/platform/audit.js';
import { cmsFile, cmsMapping, cmsRows } from '../../support/population.js';
import {
  addUser,
  csrfTokenOf,
  openTestWorld,
  pageText,
  signIn,
  type TestWorld,
  englishLeft,
} from '../../support/web.js';

/** Planning's pages in Welsh, as the lead of a mock inspection: the population, the sample's size, the draw, allocation. */
let world: TestWorld;
let lead: Actor;
let base: string;
let user: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  world = await openTestWorld();
  const admin = await addUser(world, 'admin@welsh-planning.test', { isAdmin: true });
  const service = (await world.services.organisations.create(admin, { name: 'Conwy YJS' })).id;
  lead = await addUser(world, 'lead@welsh-planning.test', { organisationId: service });
  const inspection = await world.services.inspections.create(lead, {
    organisationId: service,
    framework: 'hmip-youth-2021',
    kind: 'mockInspection',
  });
  base = `/inspections/${inspection.id}`;
  await world.services.timeline.saveTimeline(lead, inspection.id, {
    fieldworkStart: '2022-08-08',
    caseWindowFrom: '2021-08-09',
    caseWindowTo: '2022-06-03',
  });
  user = await signIn(world, 'lead@welsh-planning.test');
  await user.get(`${base}/population?lang=cy`);
});
afterAll(() => world.close());

async function postMultipart(formPage: string, path: string, fields: Record<string, string>) {
  const page = await user.get(formPage);
  let request = user.agent.post(path).field('_csrf', csrfTokenOf(page.text));
  for (const [name, value] of Object.entries(fields)) request = request.field(name, value);
  return request;
}

describe('planning in Welsh', () => {
  it('shows the eligible population page in Welsh, before and after an import', async () => {
    const empty = await user.get(`${base}/population?lang=cy`);
    expect(empty.text).toContain('<html lang="cy"');
    const before = pageText(empty.text);
    expect(before).toContain('Y boblogaeth gymwys');
    expect(before).toContain("Mewnforio'r boblogaeth gymwys");
    expect(before).toContain('Lanlwytho ffeil CSV');
    expect(before).not.toContain('Eligible population');

    const columns = await postMultipart(`${base}/population`, `${base}/population/import`, {
      csvText: cmsFile(cmsRows(70, 40, 10)),
      ...cmsMapping,
    });
    expect(columns.status).toBe(303);
    const after = pageText((await user.get(columns.headers.location!)).text);
    expect(after).toContain("120 o achosion cymwys wedi'u mewnforio");
    expect(after).toContain('Achosion cymwys 120');
    expect(after).toContain('Cyfrifo maint y sampl');
  });

  it('shows the sample size, the drawn sample and the allocation in Welsh', async () => {
    const size = await user.get(`${base}/sample-size?lang=cy`);
    expect(size.status).toBe(200);
    expect(size.text).toContain('<html lang="cy"');
    const sizeText = pageText(size.text);
    expect(sizeText).toContain('Maint y sampl');
    expect(sizeText).toContain('Y fformiwla');
    expect(sizeText).toContain("Y llys yn gyntaf, fel y mae HMIP yn pennu'r maint");

    const drawn = await user.post(`${base}/sample`, `${base}/sample/draw`, { seed: '42' });
    expect(drawn.status).toBe(303);
    const sample = pageText((await user.get(drawn.headers.location!)).text);
    expect(sample).toContain('Dewiswyd y sampl');
    expect(sample).toContain('Y sampl a ddewiswyd');
    expect(sample).toContain('Hedyn 42');
    expect(sample).toContain('Haenu yn ôl');
    expect(sample).toContain("Defnyddio'r sampl hon");
    const english = (await user.get(`${base}/sample?lang=en`)).text;
    const welsh = (await user.get(`${base}/sample?lang=cy`)).text;
    const { shown, left } = englishLeft('planning', english, welsh);
    expect(shown).toBeGreaterThan(15);
    expect(left).toEqual([]);

    const allocation = await user.get(`${base}/allocation?lang=cy`);
    expect(allocation.text).toContain('<html lang="cy"');
    const text = pageText(allocation.text);
    expect(text).toContain('Dyrannu a chyfweliadau â rheolwyr achos');
    expect(text).toContain('Achosion fesul arolygydd');
    expect(text).toContain("Cydbwyso'r dyrannu");
  });
});
