import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfTokenOf, openTestWorld, pageText, signIn, type TestWorld } from '../../support/web.js';
import { planWorld } from './support.js';

/** Import through the pages: upload (CSV or XLSX), the mapping step, then all or nothing with problems by line. */
let world: TestWorld;
let setup: Awaited<ReturnType<typeof planWorld>>;
let head: Awaited<ReturnType<typeof signIn>>;
let planPath: string;

beforeAll(async () => {
  world = await openTestWorld();
  setup = await planWorld(world);
  head = await signIn(world, setup.head.email);
  const plan = await world.services.plans.plans.create(setup.head, {
    organisationId: setup.organisation.id,
    title: 'Imported plan',
    startFrom: 'blank',
  });
  planPath = `/plans/${plan.id}`;
});
afterAll(() => world.close());

async function upload(name: string, bytes: Buffer) {
  const form = await head.get(`${planPath}/import`);
  return head.agent
    .post(`${planPath}/import`)
    .field('_csrf', csrfTokenOf(form.text))
    .field('asAt-day', '1')
    .field('asAt-month', '3')
    .field('asAt-year', '2024')
    .attach('file', bytes, name);
}

const hidden = (html: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]*)"`)
    .exec(html)![1]!
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&')
    .replaceAll('&#39;', "'");

describe('importing a plan through the pages', () => {
  it('a file that is neither CSV nor XLSX is refused on the upload form', async () => {
    const response = await upload('plan.pdf', Buffer.from('%PDF-1.4'));
    expect(response.status).toBe(400);
    expect(pageText(response.text)).toContain('The selected file must be a CSV or an Excel workbook (.xlsx)');
  });

  it('the mapping step guesses the columns; the person corrects one; problems come back by line', async () => {
    const csv = [
      'No,Heading,Improvement,What we will do,Who,Start,RAG',
      '1,D1 Staff,Grow our own talent,Apprenticeships,SG,Jan 2024,Sept 2024',
      ',,,Recruit from the community,IJ,sometime,Ongoing',
    ].join('\n');
    const mapping = await upload('plan.csv', Buffer.from(csv));
    expect(mapping.status).toBe(200);
    expect(pageText(mapping.text)).toContain('The file has 2 rows after its header');
    // "What we will do" is not a header the guesses know: the person maps it to Action.
    const form = {
      _csrf: csrfTokenOf(mapping.text),
      table: hidden(mapping.text, 'table'),
      asAt: hidden(mapping.text, 'asAt'),
      'mapping[areaNumber]': '0',
      'mapping[domain]': '1',
      'mapping[areaText]': '2',
      'mapping[actionText]': '3',
      'mapping[owners]': '4',
      'mapping[commencementDate]': '5',
      'mapping[status]': '6',
    };
    const refused = await head.agent.post(`${planPath}/import/confirm`).type('form').send(form);
    expect(refused.status).toBe(400);
    expect(pageText(refused.text)).toContain('Line 3: Commencement date "sometime" is not a date');
    expect((await world.services.plans.plans.plan(setup.head, planPath.slice(7))).areas).toEqual([]);

    const fixed = await head.agent
      .post(`${planPath}/import/confirm`)
      .type('form')
      .send({ ...form, table: form.table.replace('sometime', 'Feb 2024') });
    expect(fixed.status).toBe(303);
    const plan = pageText((await head.get(fixed.headers.location!)).text);
    expect(plan).toContain('Imported 2 actions');
    expect(plan).toContain('Version 2');
    expect(plan).toContain('Apprenticeships SG 1 January 2024 30 September 2024 In progress');
    expect(plan).toContain('Recruit from the community IJ 1 February 2024 Ongoing');
  });

  it('an XLSX export uploads back and is mapped by its own headers', async () => {
    const xlsx = await head.agent
      .get(`${planPath}/export.xlsx`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    const mapping = await upload('plan.xlsx', xlsx.body as Buffer);
    expect(mapping.status).toBe(200);
    expect(mapping.text).toMatch(/<option value="5" selected>Action<\/option>/);
    expect(mapping.text).toMatch(/<option value="7" selected>Commencement date<\/option>/);
  });
});
