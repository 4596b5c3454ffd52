import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nationalRatings } from '../../../src/features/national/tables.js';
import { addUser, csrfTokenOf, openTestWorld, pageText, signIn, type TestWorld } from '../../support/web.js';

/**
 * The national context: an administrator imports HMIP's published ratings (the shipped file, or a newer one
 * checked line by line and imported whole or not at all); everyone signed in sees the distribution with its
 * caveats; a service's trend page shows where its published score stands.
 */
let world: TestWorld;
let organisationId: string;
const header = 'la_name,la_ref,score_%,overall_rating,publication_date,report_url';

beforeAll(async () => {
  world = await openTestWorld();
  const admin = await addUser(world, 'admin@national.test', { isAdmin: true });
  organisationId = (await world.services.organisations.create(admin, { name: 'West Sussex YJS' })).id;
  await addUser(world, 'lead@national.test', { organisationId, role: 'qaLead' });
});
afterAll(() => world.close());

describe('national context', () => {
  it('is empty until an administrator imports it, and only an administrator may', async () => {
    const lead = await signIn(world, 'lead@national.test');
    expect(pageText((await lead.get('/national')).text)).toContain('No national ratings have been imported yet');
    expect((await lead.get('/national/import')).status).toBe(404);
    const page = await lead.get('/national');
    const refused = await lead.agent
      .post('/national/import')
      .type('form')
      .send({ from: 'shipped', _csrf: csrfTokenOf(page.text) });
    expect(refused.status).toBe(404);
    expect(await world.database.db.select().from(nationalRatings)).toHaveLength(0);
  });

  it('refuses a bad file by its line and column, importing none of it', async () => {
    const admin = await signIn(world, 'admin@national.test');
    const bad = [header, 'A,a,50,Good,01/02/25,', 'B,b,50,Good,01/02/25,', 'C,c,101,Good,01/02/25,'].join('\n');
    const response = await admin.post('/national/import', '/national/import', { csvText: bad });
    expect(response.status).toBe(400);
    const text = pageText(response.text);
    expect(text).toContain('There is a problem');
    expect(text).toContain('line 4, score_%: "101" is not a percentage from 0 to 100');
    expect(await world.database.db.select().from(nationalRatings)).toHaveLength(0);
  });

  it('imports the shipped file, and shows the distribution, the ranks and the caveats', async () => {
    const admin = await signIn(world, 'admin@national.test');
    const imported = await admin.post('/national/import', '/national/import', { from: 'shipped' });
    expect(imported.status).toBe(303);
    const lead = await signIn(world, 'lead@national.test');
    const page = await lead.get('/national?score=25');
    const text = pageText(page.text);
    expect(text).toContain('83 published HMIP inspections');
    expect(text).toContain('81 of them with a usable score');
    expect(text).toContain('score here is score_% x 0.36');
    expect(text).toMatch(/25\/36 ranks \d+ of 81/);
    expect(text).toContain('Ceredigion No usable score');
    expect(text).toContain('is not the band of 26/36; shown as Good');
    expect(page.text).toContain('<svg role="img"');
  });

  it("shows beside a service's trends where its published score stands, with the caveats written beside it", async () => {
    const lead = await signIn(world, 'lead@national.test');
    const text = pageText((await lead.get(`/services/${organisationId}/qa/trends`)).text);
    const { scored } = await world.services.national.view({} as never);
    const higher = scored.filter((r) => r.score! > 26).length;
    expect(text).toContain(
      `West Sussex's latest published HMIP inspection (2022-06-22) scored 26/36, Good: rank ${higher + 1} of 81`,
    );
    expect(text).toContain('This service\'s row: the file\'s rating "Requires Improvement" is not the band of 26/36');
    expect(text).toContain('Only the most recent report of each service is kept');
  });
});

describe('national context in Welsh', () => {
  it('shows the national view with ?lang=cy: Welsh headings, the caveats and the table, on a Welsh page', async () => {
    const lead = await signIn(world, 'lead@national.test');
    const page = await lead.get('/national?lang=cy');
    expect(page.text).toContain('<html lang="cy"');
    const text = pageText(page.text);
    expect(text).toContain('Cyd-destun cenedlaethol: arolygiadau ieuenctid HMIP a gyhoeddwyd');
    expect(text).toContain('Ffynhonnell a chafeatau');
    expect(text).toContain('Pob arolygiad a gyhoeddwyd, y sgôr uchaf yn gyntaf');
    expect(text).not.toContain('Each published inspection, highest score first');
  });
});
