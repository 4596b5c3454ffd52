import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/platform/audit.js';
import { seedDemo } from '../../../src/demo/demo.js';
import { addUser, openTestWorld, signIn, type TestWorld, pageText } from '../../support/web.js';

let world: TestWorld;
let inspector: Actor;
let inspectionId: string;

const judgementUrl = (standardId: string) => `/inspections/${inspectionId}/standards/${standardId}/judgement`;
const evidenceUrl = (standardId: string) => `/inspections/${inspectionId}/standards/${standardId}/evidence`;
const ratingsUrl = () => `/inspections/${inspectionId}/ratings`;
const read = pageText;
const versionOn = (html: string) => /name="expectedVersion" value="(\d+)"/.exec(html)?.[1] ?? 'none';
const checkedRating = (html: string) => /name="rating" type="radio" value="([^"]*)" checked/.exec(html)?.[1];
const textareaOf = (html: string, name: string) =>
  new RegExp(`<textarea[^>]*name="${name}"[^>]*>([^<]*)</textarea>`).exec(html)?.[1]?.trim();
const boxRating = (html: string, standardId: string) => {
  const start = html.indexOf(`id="box-${standardId.replace('.', '-')}"`);
  return read(html.slice(start, html.indexOf('</tr>', start)))
    .replace(/^.*?>/, '')
    .trim();
};

beforeAll(async () => {
  world = await openTestWorld();
  const admin = await addUser(world, 'admin@example.org', { isAdmin: true });
  await seedDemo(world.database.db, world.services.users);
  const [demo] = await world.services.inspections.list(admin);
  inspectionId = demo!.id;
  const { organisationId } = await world.services.inspections.get(admin, inspectionId);
  inspector = await addUser(world, 'ines@example.org', { organisationId });
  const colleague = await addUser(world, 'colleague@example.org', { organisationId });
  for (const user of [inspector, colleague])
    await world.services.inspections.addTeamMember(admin, inspectionId, user.id, 'inspector');
  const elsewhere = await world.services.organisations.create(admin, { name: 'Elsewhere YJS' });
  await addUser(world, 'other@example.org', { organisationId: elsewhere.id });
});
afterAll(() => world.close());

describe('a judged standard', () => {
  it('shows its statement, key questions, the judgement so far and a form for evidence', async () => {
    const user = await signIn(world, 'ines@example.org');
    const page = await user.get(judgementUrl('1.3'));
    expect(page.status).toBe(200);
    const text = read(page.text);
    expect(text).toContain('1.3 Partnerships and services');
    expect(text).toContain('A comprehensive range of high-quality services is in place');
    expect(text).toMatch(/1\.3\.1 .*1\.3\.2 .*1\.3\.3 /);
    expect(text).toContain('No evidence notes yet.');
    expect(textareaOf(page.text, 'strengths')).toContain('Demo: see the Hackney report');
    expect(checkedRating(page.text)).toBe('Requires improvement');
    for (const source of ['document', 'meeting', 'interview', 'survey'])
      expect(page.text).toContain(`name="source" type="radio" value="${source}"`);
    expect(page.text).toContain('No rating yet');
    // Standards judged in 2021 outside domain one too.
    for (const id of ['3.4', '4.1']) expect((await user.get(judgementUrl(id))).status).toBe(200);
  });

  it('adds an evidence note, and refuses one without a source or text, keeping what was typed', async () => {
    const user = await signIn(world, 'ines@example.org');
    const refused = await user.post(judgementUrl('1.3'), evidenceUrl('1.3'), { note: 'Board minutes, March' });
    expect(refused.status).toBe(400);
    expect(read(refused.text)).toContain('There is a problem Select where the evidence comes from');
    expect(textareaOf(refused.text, 'note')).toBe('Board minutes, March');
    const empty = await user.post(judgementUrl('1.3'), evidenceUrl('1.3'), { source: 'document', note: '  ' });
    expect(read(empty.text)).toContain('Enter the evidence');

    const added = await user.post(judgementUrl('1.3'), evidenceUrl('1.3'), {
      source: 'interview',
      note: 'Partners describe a gap in speech and language provision.',
    });
    expect(added.status).toBe(303);
    const page = await user.get(added.headers.location!);
    expect(read(page.text)).toMatch(
      /Evidence note added.* Interview Partners describe a gap in speech and language provision\. ines \d+ \w+ 20\d\d/,
    );
  });

  it('saves strengths and a rating, which the ratings page then shows', async () => {
    const user = await signIn(world, 'ines@example.org');
    const form = await user.get(judgementUrl('1.3'));
    const saved = await user.post(judgementUrl('1.3'), judgementUrl('1.3'), {
      strengths: 'A wide range of services, well used.',
      areasForImprovement: 'Speech and language provision.',
      rating: 'Good',
      expectedVersion: versionOn(form.text),
    });
    expect(saved.status).toBe(303);
    const page = await user.get(saved.headers.location!);
    expect(read(page.text)).toContain('Judgement saved');
    expect(textareaOf(page.text, 'strengths')).toBe('A wide range of services, well used.');
    expect(checkedRating(page.text)).toBe('Good');
    expect(read(page.text)).toContain('Last saved by ines');
    const ratings = await user.get(ratingsUrl());
    expect(boxRating(ratings.text, '1.3')).toBe('1.3 Partnerships and services Good');
    expect(read(ratings.text)).toContain('Score 26/36');
  });

  it('shows the score as not yet known, with what is missing, when a rating is taken back', async () => {
    const user = await signIn(world, 'ines@example.org');
    const form = await user.get(judgementUrl('1.4'));
    const saved = await user.post(judgementUrl('1.4'), judgementUrl('1.4'), {
      strengths: 'Good buildings.',
      areasForImprovement: '',
      rating: '',
      expectedVersion: versionOn(form.text),
    });
    expect(saved.status).toBe(303);
    expect(checkedRating((await user.get(judgementUrl('1.4'))).text)).toBe('');
    const ratings = read((await user.get(ratingsUrl())).text);
    expect(ratings).toContain('Score not yet known (out of 36)');
    expect(ratings).toContain('1.4 Information and facilities: no judgement recorded');
    expect(boxRating((await user.get(ratingsUrl())).text, '1.4')).toBe('1.4 Information and facilities Not yet rated');
  });

  it('refuses a rating outside the scale, keeping what was typed', async () => {
    const user = await signIn(world, 'ines@example.org');
    const form = await user.get(judgementUrl('1.1'));
    const refused = await user.post(judgementUrl('1.1'), judgementUrl('1.1'), {
      strengths: 'Strong board.',
      areasForImprovement: '',
      rating: 'Brilliant',
      expectedVersion: versionOn(form.text),
    });
    expect(refused.status).toBe(400);
    expect(read(refused.text)).toContain('There is a problem Select a rating');
    expect(textareaOf(refused.text, 'strengths')).toBe('Strong board.');
    expect(boxRating((await user.get(ratingsUrl())).text, '1.1')).toBe('1.1 Governance and leadership Good');
  });

  it('refuses a stale save with 409, showing both versions and losing nothing', async () => {
    const user = await signIn(world, 'ines@example.org');
    const opened = versionOn((await user.get(judgementUrl('1.2'))).text);
    const colleague = (await world.services.users.authenticate(
      'colleague@example.org',
      'correct horse battery staple',
    ))!;
    await world.services.judgements.saveJudgement(colleague, inspectionId, '1.2', {
      rating: 'Good',
      strengths: 'Staff are supported well.',
      areasForImprovement: '',
      expectedVersion: Number(opened),
    });
    const mine = {
      strengths: 'Staff are highly motivated.',
      areasForImprovement: 'Supervision records.',
      rating: 'Outstanding',
      expectedVersion: opened,
    };
    const conflict = await user.post(judgementUrl('1.2'), judgementUrl('1.2'), mine);
    expect(conflict.status).toBe(409);
    const text = read(conflict.text);
    expect(text).toContain('Your judgement has not been saved');
    expect(text).toMatch(/Strengths Different Staff are highly motivated\. Staff are supported well\./);
    expect(text).toMatch(/Proposed rating Different Outstanding Good/);
    expect(text).toMatch(/Saved by colleague/);
    expect(textareaOf(conflict.text, 'strengths')).toBe('Staff are highly motivated.');
    expect(checkedRating(conflict.text)).toBe('Outstanding');
    expect(Number(versionOn(conflict.text))).toBe(Number(opened) + 1);

    const again = await user.post(judgementUrl('1.2'), judgementUrl('1.2'), {
      ...mine,
      expectedVersion: versionOn(conflict.text),
    });
    expect(again.status).toBe(303);
    expect(boxRating((await user.get(ratingsUrl())).text, '1.2')).toBe('1.2 Staff Outstanding');
  });

  it('gives 404 for a case-based or unknown standard', async () => {
    const user = await signIn(world, 'ines@example.org');
    for (const id of ['2.1', '3.3', '9.9']) expect((await user.get(judgementUrl(id))).status).toBe(404);
    const posted = await user.post(judgementUrl('1.1'), evidenceUrl('2.1'), { source: 'document', note: 'x' });
    expect(posted.status).toBe(404);
  });

  it("gives another organisation's user 404 on the page and both forms, and saves nothing", async () => {
    const other = await signIn(world, 'other@example.org');
    const page = await other.get(judgementUrl('1.1'));
    expect(page.status).toBe(404);
    expect(page.text).not.toContain('Governance');
    const note = await other.post('/inspections', evidenceUrl('1.1'), { source: 'document', note: 'forged' });
    expect(note.status).toBe(404);
    const judgement = await other.post('/inspections', judgementUrl('1.1'), {
      strengths: 'forged',
      rating: 'Inadequate',
    });
    expect(judgement.status).toBe(404);
    const stored = await world.services.judgements.judgement(inspector, inspectionId, '1.1');
    expect(stored.judgement?.rating).toBe('Good');
    expect(stored.notes).toEqual([]);
  });
});

describe('the judgement page in Welsh', () => {
  it('shows its headings, labels and buttons in Welsh with ?lang=cy, the page marked lang="cy"', async () => {
    const user = await signIn(world, 'ines@example.org');
    const page = await user.get(`${judgementUrl('1.3')}?lang=cy`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="cy"');
    const text = read(page.text);
    expect(text).toContain('Tystiolaeth sefydliadol: safon a farnwyd');
    expect(text).toContain('Nodiadau tystiolaeth');
    expect(text).toContain("Cadw'r farn");
    expect(text).toContain('Dim sgôr eto');
    expect(text).not.toContain('Evidence notes');
    await user.get(`${judgementUrl('1.3')}?lang=en`);
  });
});
