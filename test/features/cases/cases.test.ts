import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/platform/audit.js';
import { addUser, csrfTokenOf, openTestWorld, pageText, signIn, type TestWorld } from '../../support/web.js';

let world: TestWorld;
let lead: Actor;
let inspectionId: string;
let casesPath: string;

beforeAll(async () => {
  world = await openTestWorld();
  const admin = await addUser(world, 'admin@example.org', { isAdmin: true });
  const serviceA = (await world.services.organisations.create(admin, { name: 'Service A YJS' })).id;
  const serviceB = (await world.services.organisations.create(admin, { name: 'Service B YJS' })).id;
  lead = await addUser(world, 'lead@example.org', { organisationId: serviceA });
  const inspector = await addUser(world, 'ines.inspector@example.org', { organisationId: serviceA });
  await addUser(world, 'other@example.org', { organisationId: serviceB });
  const inspection = await world.services.inspections.create(lead, {
    organisationId: serviceA,
    framework: 'hmip-youth-2021',
    kind: 'mockInspection',
  });
  inspectionId = inspection.id;
  casesPath = `/inspections/${inspectionId}/cases`;
  await world.services.inspections.addTeamMember(lead, inspectionId, inspector.id, 'inspector');
});
afterAll(() => world.close());

const caseCount = async () => (await world.services.cases.list(lead, inspectionId)).length;
const caseNamed = async (ref: string) =>
  (await world.services.cases.list(lead, inspectionId)).find((c) => c.ref === ref);
/** The table row of a case on the cases page. */
const rowOf = (html: string, ref: string) =>
  html.split('<tr class="govuk-table__row">').find((row) => row.includes(`>${ref}</a>`)) ?? '';

/** Uploads a CSV file through the import form, as a browser sends it (multipart). */
async function upload(user: Awaited<ReturnType<typeof signIn>>, csv: string | Buffer) {
  const page = await user.get(`${casesPath}/import`);
  return user.agent
    .post(`${casesPath}/import`)
    .field('_csrf', csrfTokenOf(page.text))
    .attach('csvFile', Buffer.from(csv), { filename: 'cases.csv', contentType: 'text/csv' });
}

describe('the case form', () => {
  it('adds a case, with a success banner on the case list', async () => {
    const user = await signIn(world, 'lead@example.org');
    const form = await user.get(`${casesPath}/new`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('never the child&#39;s name');
    expect(form.text).toContain('There are factors related to keeping the child safe');
    const response = await user.post(`${casesPath}/new`, `${casesPath}/new`, {
      ref: 'C-001',
      domain: 'court',
      disposal: 'referralOrder',
      sex: 'female',
      ethnicityGroup: 'mixed',
      ageBand: '15-17',
      rosh: 'medium',
      childSafetyFactors: 'yes',
      otherPeopleSafetyFactors: 'unknown',
      reviewRequired: 'no',
      caseManagerInterviewed: 'yes',
    });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(`${casesPath}?added=C-001`);
    const list = await user.get(response.headers.location!);
    expect(list.text).toContain('govuk-notification-banner--success');
    expect(list.text).toContain('Case C-001 added');
    const row = rowOf(list.text, 'C-001');
    expect(row).toContain('Court disposals');
    expect(row).toContain('Referral order');
    expect(row).toMatch(/0 of \d+ key questions/);
    expect(row).toContain('Not started');
    expect(row).toContain('Yes');
    const stored = await caseNamed('C-001');
    expect(stored).toMatchObject({
      sex: 'female',
      childSafetyFactors: true,
      otherPeopleSafetyFactors: null,
      reviewRequired: false,
      caseManagerInterviewed: true,
    });
  });

  it('shows errors by field and keeps everything typed', async () => {
    const user = await signIn(world, 'lead@example.org');
    const before = await caseCount();
    const response = await user.post(`${casesPath}/new`, `${casesPath}/new`, {
      ref: 'Jo Bloggs',
      domain: 'court',
      disposal: 'youthCaution',
      sex: 'male',
      rosh: 'high',
      reviewRequired: 'yes',
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain('There is a problem');
    expect(response.text).toMatch(/id="ref-error"[^]*Case reference must be letters, digits/);
    expect(response.text).toContain('href="#ref"');
    expect(response.text).toContain('value="Jo Bloggs"');
    expect(response.text).toMatch(/value="court" checked/);
    expect(response.text).toMatch(/value="male" checked/);
    expect(response.text).toMatch(/value="high" selected/);
    expect(response.text).toMatch(/id="reviewRequired"[^>]*value="yes" checked/);
    expect(response.text).toMatch(/value="youthCaution" selected/);
    expect(await caseCount()).toBe(before);

    const mismatch = await user.post(`${casesPath}/new`, `${casesPath}/new`, {
      ref: 'C-002',
      domain: 'court',
      disposal: 'youthCaution',
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.text).toMatch(/id="disposal-error"[^]*Youth caution is not a disposal for court disposals/);
  });

  it('changes a case', async () => {
    const user = await signIn(world, 'lead@example.org');
    const stored = (await caseNamed('C-001'))!;
    const editPath = `${casesPath}/${stored.id}/edit`;
    const form = await user.get(editPath);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Change case C-001');
    expect(form.text).toContain('value="C-001"');
    expect(form.text).toMatch(/value="referralOrder" selected/);
    const response = await user.post(editPath, editPath, {
      ref: 'C-001A',
      domain: 'outOfCourt',
      disposal: 'triage',
      caseManagerInterviewed: 'no',
    });
    expect(response.status).toBe(303);
    const list = await user.get(response.headers.location!);
    expect(list.text).toContain('Case C-001A updated');
    expect(rowOf(list.text, 'C-001A')).toContain('Triage');
    expect(await caseNamed('C-001')).toBeUndefined();
  });
});

describe('importing cases from CSV', () => {
  it('imports a file with a BOM, Windows line ends and a quoted cell', async () => {
    const user = await signIn(world, 'lead@example.org');
    const page = await user.get(`${casesPath}/import`);
    expect(page.text).toContain('caseManagerInterviewed');
    expect(page.text).toContain('An example CSV');
    const csv =
      '\uFEFFref,domain,disposal,rosh,childSafetyFactors,caseManagerInterviewed\r\n' +
      'IMP-1,court,"Referral order",high,yes,yes\r\n' +
      'IMP-2,outOfCourt,youthCaution,low,,no\r\n' +
      'IMP-3,resettlement,custodyRelease,,no,\r\n';
    const response = await upload(user, csv);
    expect(response.status).toBe(303);
    const list = await user.get(response.headers.location!);
    expect(list.text).toContain('3 cases imported');
    for (const ref of ['IMP-1', 'IMP-2', 'IMP-3']) expect(rowOf(list.text, ref)).not.toBe('');
    expect(await caseNamed('IMP-1')).toMatchObject({
      domain: 'court',
      disposal: 'referralOrder',
      rosh: 'high',
      childSafetyFactors: true,
      caseManagerInterviewed: true,
    });
    expect((await caseNamed('IMP-2'))!.childSafetyFactors).toBeNull();
  });

  it('lists every wrong line and imports nothing', async () => {
    const user = await signIn(world, 'lead@example.org');
    const before = await caseCount();
    const csvText = [
      'ref,domain,disposal,sex',
      'BAD-1,court,referralOrder,female',
      'BAD-2,court,youthCaution,male',
      'BAD-3,court,licence,female',
      ',outOfCourt,triage,male',
    ].join('\r\n'); // as a browser sends a textarea
    const response = await user.post(`${casesPath}/import`, `${casesPath}/import`, { csvText });
    expect(response.status).toBe(400);
    expect(response.text).toContain('There is a problem');
    expect(response.text).toContain('Line 3: disposal: Youth caution is not a disposal for court disposals');
    expect(response.text).toContain('Line 5: ref: a case reference is required');
    expect(response.text).toContain('2 problems');
    expect(response.text).toContain('Problems in the CSV');
    expect(response.text).toContain('BAD-3,court,licence,female'); // the pasted CSV is kept to correct
    expect(await caseCount()).toBe(before);

    const wrongColumn = await upload(user, 'ref,domain,colour\nX-1,court,blue\n');
    expect(wrongColumn.status).toBe(400);
    expect(wrongColumn.text).toContain('Line 1: column &quot;colour&quot; is not a case column');
  });

  it('refuses a CSV with a case already in the inspection', async () => {
    const user = await signIn(world, 'lead@example.org');
    const before = await caseCount();
    const response = await upload(user, 'ref,domain\nNEW-1,court\nIMP-2,outOfCourt\nNEW-1,court\n');
    expect(response.status).toBe(400);
    expect(response.text).toContain('Line 3: ref: case IMP-2 is already in this inspection');
    expect(response.text).toContain('Line 4: ref: case NEW-1 is also on line 2');
    expect(await caseCount()).toBe(before);
  });

  it('asks for a file or pasted CSV when given neither, and refuses a file over 2 MB', async () => {
    const user = await signIn(world, 'lead@example.org');
    const response = await user.post(`${casesPath}/import`, `${casesPath}/import`, { csvText: '' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('Select a CSV file, or paste the CSV into the box');
    const tooLarge = await upload(user, Buffer.alloc(2 * 1024 * 1024 + 1, 'a'));
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.text).toContain('The selected file must be smaller than 2 MB');
  });
});

describe('allocating cases', () => {
  it('allocates selected cases to an inspector on the team', async () => {
    const user = await signIn(world, 'lead@example.org');
    const [first, second] = [(await caseNamed('IMP-1'))!, (await caseNamed('IMP-2'))!];
    const list = await user.get(casesPath);
    const inspectorId = /<option value="([^"]+)">ines.inspector<\/option>/.exec(list.text)?.[1];
    expect(inspectorId).toBeDefined();

    const none = await user.post(casesPath, `${casesPath}/allocate`, { userId: inspectorId! });
    expect(none.status).toBe(400);
    expect(none.text).toContain('Select at least one case');
    expect(none.text).toMatch(new RegExp(`value="${inspectorId}" selected`));

    const nobodyChosen = await user.post(casesPath, `${casesPath}/allocate`, { caseIds: [first.id] });
    expect(nobodyChosen.status).toBe(400);
    expect(nobodyChosen.text).toContain('Select an inspector, or Nobody');
    expect(nobodyChosen.text).toMatch(new RegExp(`value="${first.id}" checked`));

    const response = await user.post(casesPath, `${casesPath}/allocate`, {
      caseIds: [first.id, second.id],
      userId: inspectorId!,
    });
    expect(response.status).toBe(303);
    const after = await user.get(response.headers.location!);
    expect(after.text).toContain('2 cases allocated');
    expect(rowOf(after.text, 'IMP-1')).toContain('ines.inspector');
    expect(rowOf(after.text, 'IMP-2')).toContain('ines.inspector');
    expect(rowOf(after.text, 'IMP-3')).toContain('Not allocated');
  });
});

describe('another organisation', () => {
  it('gets 404 on the pages and the forms of an inspection it cannot see', async () => {
    const other = await signIn(world, 'other@example.org');
    const someCase = (await caseNamed('IMP-3'))!;
    for (const path of [casesPath, `${casesPath}/new`, `${casesPath}/import`, `${casesPath}/${someCase.id}/edit`])
      expect((await other.get(path)).status, path).toBe(404);
    const before = await caseCount();
    const posts: [string, Record<string, string | string[]>][] = [
      [`${casesPath}/new`, { ref: 'X-1', domain: 'court' }],
      [`${casesPath}/${someCase.id}/edit`, { ref: 'X-2', domain: 'court' }],
      [`${casesPath}/allocate`, { caseIds: [someCase.id], userId: 'nobody' }],
      [`${casesPath}/import`, { csvText: 'ref,domain\nX-3,court' }],
    ];
    for (const [path, form] of posts) {
      const response = await other.post('/inspections', path, form);
      expect(response.status, path).toBe(404);
      expect(response.text).not.toContain('Service A');
    }
    const page = await other.get('/inspections');
    const uploaded = await other.agent
      .post(`${casesPath}/import`)
      .field('_csrf', csrfTokenOf(page.text))
      .attach('csvFile', Buffer.from('ref,domain\nX-4,court\n'), 'cases.csv');
    expect(uploaded.status).toBe(404);
    expect(await caseCount()).toBe(before);
    expect((await caseNamed('IMP-3'))!.allocatedTo).toBeNull();
  });
});

describe('the case pages in Welsh', () => {
  it('shows the list of cases and the case form in Welsh with ?lang=cy, the page marked lang="cy"', async () => {
    const user = await signIn(world, 'lead@example.org');
    const list = await user.get(`${casesPath}?lang=cy`);
    expect(list.status).toBe(200);
    expect(list.text).toContain('<html lang="cy"');
    const text = pageText(list.text);
    expect(text).toContain('Achosion');
    expect(text).toContain('Ychwanegu achos');
    expect(text).toContain('Mewnforio achosion o ffeil CSV');
    expect(text).not.toContain('Add a case');

    const form = pageText((await user.get(`${casesPath}/new`)).text);
    for (const words of ['Cyfeirnod yr achos', 'Am y plentyn', 'Risg a diogelwch', 'Gwryw', 'Uchel iawn'])
      expect(form).toContain(words);
    await user.get(`${casesPath}?lang=en`);
  });
});
