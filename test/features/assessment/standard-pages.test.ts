import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/platform/audit.js';
import { addUser, openTestWorld, pageText, signIn, type TestWorld } from '../../support/web.js';

let world: TestWorld;
let alice: Actor;
let carol: Actor;
let inspectionId: string;
let first: string; // carol's court case, safety factors not known
let second: string; // carol's next court case
let lowLow: string; // RoSH and SWB both low: the safety key questions are ruled out
let alices: string; // allocated to alice

const caseUrl = (caseId: string) => `/inspections/${inspectionId}/cases/${caseId}`;
const standardUrl = (caseId: string, standardId: string) => `${caseUrl(caseId)}/standards/${standardId}`;
const versionOn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? 'none';
const checked = (html: string, name: string, value: string) =>
  new RegExp(`name="${name.replace(/[[\].]/g, '\\$&')}" type="radio" value="${value}" checked`).test(html);

beforeAll(async () => {
  world = await openTestWorld();
  const admin = await addUser(world, 'admin@example.org', { isAdmin: true });
  const service = (await world.services.organisations.create(admin, { name: 'Service A YJS' })).id;
  alice = await addUser(world, 'alice@example.org', { organisationId: service });
  carol = await addUser(world, 'carol@example.org', { organisationId: service });
  inspectionId = (
    await world.services.inspections.create(alice, {
      organisationId: service,
      framework: 'hmip-youth-2021',
      kind: 'internalAudit',
    })
  ).id;
  await world.services.inspections.addTeamMember(alice, inspectionId, carol.id, 'inspector');
  const add = async (ref: string, extra: Record<string, unknown> = {}) =>
    (await world.services.cases.add(alice, inspectionId, { ref, domain: 'court', disposal: 'referralOrder', ...extra }))
      .id;
  first = await add('C-001', { rosh: 'medium', swb: 'high' });
  second = await add('C-002');
  lowLow = await add('C-003', { rosh: 'low', swb: 'low' });
  alices = await add('C-004');
  await world.services.cases.allocate(alice, inspectionId, [first, second, lowLow], carol.id);
  await world.services.cases.allocate(alice, inspectionId, [alices], alice.id);
});
afterAll(() => world.close());

describe('one page per standard', () => {
  it('shows every key question with its prompts, its judgement after them, and the case in view', async () => {
    const user = await signIn(world, 'carol@example.org');
    const page = await user.get(standardUrl(first, '2.1'));
    expect(page.status).toBe(200);
    const text = pageText(page.text);
    for (const id of ['2.1.1', '2.1.2', '2.1.3']) {
      expect(page.text).toContain(`name="answers[${id}]"`);
      expect(text).toContain(`Your judgement for key question ${id}`);
    }
    expect(page.text.indexOf('name="answers[2.1.1.1]"')).toBeLessThan(page.text.indexOf('name="answers[2.1.1]"'));
    expect(page.text.indexOf('name="answers[2.1.1]"')).toBeLessThan(page.text.indexOf('name="answers[2.1.2.1]"'));
    // The summary card: what decides which questions apply, and whose case it is.
    for (const words of ['Case C-001', 'Court disposals', 'Referral order', 'Medium', 'High', 'carol'])
      expect(text).toContain(words);
    expect(text).not.toContain('allocated to carol, not to you');
  });

  it('shows a key question ruled out by the factors as not applicable with the reason, never hides it', async () => {
    const user = await signIn(world, 'carol@example.org');
    const page = await user.get(standardUrl(lowLow, '2.2'));
    const text = pageText(page.text);
    expect(text).toContain('2.2.2');
    expect(text).toMatch(/Not applicable to this case: .*keeping the child safe/);
    expect(page.text).not.toContain('name="answers[2.2.2]"');
    const casePage = pageText((await user.get(caseUrl(lowLow))).text);
    expect(casePage).toContain('0 of 1 key questions answered; 2 not applicable to this case');
    // The cases list counts what the case's page lists: the key questions that apply, across its standards.
    const listed = pageText((await user.get(`/inspections/${inspectionId}/cases?q=C-003`)).text);
    const perStandard = [...casePage.matchAll(/(\d+) of (\d+) key questions answered/g)].map((m) => Number(m[2]));
    const total = perStandard.reduce((sum, n) => sum + n, 0);
    expect(listed).toContain(`C-003 Court disposals Referral order carol (you) 0 of ${total} key questions`);
  });

  it('warns on a page of its own before assessing a case allocated to someone else', async () => {
    const user = await signIn(world, 'carol@example.org');
    const opened = await user.get(standardUrl(alices, '2.1'));
    expect(opened.status).toBe(303);
    const warningPath = opened.headers.location!;
    expect(warningPath).toBe(`${caseUrl(alices)}/assess-anyway?next=${encodeURIComponent(standardUrl(alices, '2.1'))}`);
    const warning = await user.get(warningPath);
    expect(pageText(warning.text)).toContain('This case is allocated to alice');
    expect(pageText(warning.text)).toContain('your answers replace theirs');
    // A key question page of the same case warns too, until the inspector chooses to go on.
    expect((await user.get(`${standardUrl(alices, '2.1')}/key-questions/2.1.1`)).status).toBe(303);
    const onward = await user.post(warningPath, `${caseUrl(alices)}/assess-anyway`, {
      next: standardUrl(alices, '2.1'),
    });
    expect(onward.status).toBe(303);
    expect(onward.headers.location).toBe(standardUrl(alices, '2.1'));
    const page = await user.get(standardUrl(alices, '2.1'));
    expect(page.status).toBe(200);
    expect(pageText(page.text)).toContain('This case is allocated to alice, not to you');
    // Only onward to the case's own pages: any other "next" goes back to the case.
    const elsewhere = await user.post(warningPath, `${caseUrl(alices)}/assess-anyway`, {
      next: 'https://example.org/',
    });
    expect(elsewhere.headers.location).toBe(caseUrl(alices));
    // Her own cases open straight away, and the lead inspector, who allocates, is not stopped.
    expect((await user.get(standardUrl(second, '2.1'))).status).toBe(200);
    const lead = await signIn(world, 'alice@example.org');
    expect((await lead.get(standardUrl(second, '2.1'))).status).toBe(200);
  });
});

describe('drafts and bulk answers', () => {
  it('saves prompts without the key question, and a bulk answer keeps what was chosen', async () => {
    const user = await signIn(world, 'carol@example.org');
    const path = standardUrl(first, '2.1');
    const page = await user.get(path);
    const saved = await user.post(path, path, {
      'answers[2.1.1.1]': 'no',
      'evidence[2.1.1.1]': 'Thin analysis of ETE',
      bulk: 'yes:2.1.1',
      version: versionOn(page.text),
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`${path}?saved=draft#kq-2_1_1`);
    const again = await user.get(path);
    expect(checked(again.text, 'answers[2.1.1.1]', 'no')).toBe(true);
    expect(checked(again.text, 'answers[2.1.1.2]', 'yes')).toBe(true);
    expect(checked(again.text, 'answers[2.1.2.1]', 'yes')).toBe(false);
    expect(again.text).not.toMatch(/name="answers\[2\.1\.1\]" type="radio" value="\w+" checked/);
    const casePage = pageText((await user.get(caseUrl(first))).text);
    expect(casePage).toMatch(/2\.1 Assessment 0 of 3 key questions answered In progress/);
    expect(casePage).toMatch(/2\.2 Planning 0 of 3 key questions answered Not started/);
  });

  it('answers the remaining prompts of the whole standard, then saving leads to the next standard', async () => {
    const user = await signIn(world, 'carol@example.org');
    const path = standardUrl(first, '2.1');
    let page = await user.get(path);
    await user.post(path, path, { bulk: 'n/a:all', version: versionOn(page.text) });
    page = await user.get(path);
    expect(checked(page.text, 'answers[2.1.1.1]', 'no')).toBe(true);
    expect(checked(page.text, 'answers[2.1.3.1]', 'n/a')).toBe(true);
    const saved = await user.post(path, path, {
      'answers[2.1.1]': 'yes',
      'answers[2.1.2]': 'yes',
      'answers[2.1.3]': 'no',
      version: versionOn(page.text),
      action: 'continue',
    });
    expect(saved.headers.location).toBe(standardUrl(first, '2.2'));
    expect(pageText((await user.get(caseUrl(first))).text)).toMatch(
      /2\.1 Assessment 3 of 3 key questions answered Completed/,
    );
  });

  it('answers a draft save from the script with JSON: the new version and what is left', async () => {
    const user = await signIn(world, 'carol@example.org');
    const path = standardUrl(first, '2.2');
    const page = await user.get(path);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const response = await user.agent
      .post(path)
      .set('accept', 'application/json')
      .type('form')
      .send({ 'answers[2.2.1.1]': 'yes', version: versionOn(page.text), _csrf: csrf });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ version: Number(versionOn(page.text)) + 1, status: 'inProgress' });
    expect((response.body as { remainingText: string }).remainingText).toMatch(/questions left on this page/);
    const stale = await user.agent
      .post(path)
      .set('accept', 'application/json')
      .type('form')
      .send({ 'answers[2.2.1.2]': 'yes', version: versionOn(page.text), _csrf: csrf });
    expect(stale.status).toBe(409);
  });
});

describe('personal data is held back before saving', () => {
  it('saves nothing until the evidence is changed or confirmed as not personal data', async () => {
    const user = await signIn(world, 'carol@example.org');
    const path = standardUrl(second, '2.1');
    const page = await user.get(path);
    const form = {
      'answers[2.1.1.1]': 'yes',
      'evidence[2.1.1.1]': 'John Smith (DOB 12/03/2008) on 07700 900123',
      version: versionOn(page.text),
    };
    const held = await user.post(path, path, form);
    expect(held.status).toBe(400);
    const text = pageText(held.text);
    expect(text).toContain('There is a problem');
    expect(text).toContain('Evidence for 2.1.1.1 was not saved');
    expect(text).toContain('a name, a date of birth or a phone number');
    expect(held.text).toContain('John Smith (DOB 12/03/2008) on 07700 900123</textarea>');
    expect(held.text).toContain('name="notPersonal" type="checkbox" value="2.1.1.1"');
    const stored = await world.services.assessment.get(carol, inspectionId, second);
    expect(stored.answers['2.1.1.1']).toBeUndefined();

    const confirmed = await user.post(path, path, { ...form, notPersonal: '2.1.1.1', action: 'return' });
    expect(confirmed.status).toBe(303);
    const after = await world.services.assessment.get(carol, inspectionId, second);
    expect(after.answers['2.1.1.1']?.evidence).toBe('John Smith (DOB 12/03/2008) on 07700 900123');
  });
});

describe('completion and the next case', () => {
  it('marks a case complete only when each relevant standard is, then offers the next of my cases', async () => {
    const user = await signIn(world, 'carol@example.org');
    const check = `${caseUrl(lowLow)}/check`;
    const early = await user.post(check, `${caseUrl(lowLow)}/complete`, {});
    expect(early.status).toBe(400);
    expect(pageText(early.text)).toContain('Answer every key question that applies before marking the case complete');
    for (const standardId of ['2.1', '2.2', '2.3', '2.4']) {
      const path = standardUrl(lowLow, standardId);
      const page = await user.get(path);
      const form: Record<string, string> = { version: versionOn(page.text) };
      for (const m of page.text.matchAll(/name="answers\[([\d.]+)\]" type="radio" value="yes"/g))
        form[`answers[${m[1]}]`] = 'yes';
      expect((await user.post(path, path, form)).status).toBe(303);
    }
    const ready = await user.get(check);
    expect(pageText(ready.text)).toContain('Mark the case as complete');
    const done = await user.post(check, `${caseUrl(lowLow)}/complete`, {});
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`${caseUrl(first)}?completed=C-003`);
    const next = pageText((await user.get(done.headers.location!)).text);
    expect(next).toContain('Case C-003 is complete');
    expect(next).toContain('This is the next of your cases: C-001');
  });
});

describe("correcting the case's factors", () => {
  it('records the change with its reason and says which key questions it brings in', async () => {
    const user = await signIn(world, 'carol@example.org');
    const path = `${caseUrl(lowLow)}/factors`;
    const missing = await user.post(path, path, {
      rosh: 'low',
      swb: 'medium',
      childSafetyFactors: '',
      otherPeopleSafetyFactors: '',
      reviewRequired: '',
      reason: '',
    });
    expect(missing.status).toBe(400);
    expect(pageText(missing.text)).toContain('Enter why the factors are changed');
    const saved = await user.post(path, path, {
      rosh: 'low',
      swb: 'medium',
      childSafetyFactors: '',
      otherPeopleSafetyFactors: '',
      reviewRequired: '',
      reason: 'Interview showed risks to the child',
    });
    expect(saved.status).toBe(303);
    const text = pageText((await user.get(saved.headers.location!)).text);
    expect(text).toContain("The case's factors are corrected");
    expect(text).toMatch(/Now to answer: 2\.2\.2 /);
    expect(text).toContain('2.3.2');
    // Newly brought in questions reopen the standards: the case is no longer complete.
    expect(text).toMatch(/2\.2 Planning 1 of 2 key questions answered; 1 not applicable to this case In progress/);
    expect(pageText((await user.get(`${caseUrl(lowLow)}/check`)).text)).not.toContain(
      'This case is marked as complete',
    );
    const trail = await world.services.auditTrail.caseHistory(carol, inspectionId, lowLow);
    expect(JSON.stringify(trail.events)).toContain('Interview showed risks to the child');
  });
});

describe('the assessment pages in Welsh', () => {
  it('shows the case page and a standard’s page in Welsh with ?lang=cy, the page marked lang="cy"', async () => {
    const user = await signIn(world, 'carol@example.org');
    const casePage = await user.get(`${caseUrl(first)}?lang=cy`);
    expect(casePage.status).toBe(200);
    expect(casePage.text).toContain('<html lang="cy"');
    const caseText = pageText(casePage.text);
    for (const words of ['Achos C-001', 'Manylion yr achos', 'Cyfeirnod yr achos', 'Safonau', 'Gwirio eich atebion'])
      expect(caseText).toContain(words);
    expect(caseText).not.toContain('Case details');

    const page = await user.get(standardUrl(first, '2.1'));
    expect(page.text).toContain('<html lang="cy"');
    const text = pageText(page.text);
    for (const words of ['Achos C-001: safon', 'Anogwyr', 'Eich barn ar gwestiwn allweddol 2.1.1', 'Cadw a pharhau'])
      expect(text).toContain(words);
    // What is left, in Welsh whichever sentence applies (the earlier tests answered this standard).
    expect(text).toMatch(
      /(\d+ cwestiwn ar ôl ar y dudalen hon, \d+ yn yr achos|Mae pob cwestiwn ar y dudalen hon wedi'i ateb\. \d+ ar ôl yn yr achos)\./,
    );
    expect(page.text).toContain('Tystiolaeth ar gyfer anogwr 2.1.1.1 (dewisol)');
    // The script's live count and draft notices take the page's words.
    const words = JSON.parse(
      /data-app-messages="([^"]*)"/
        .exec(page.text)![1]!
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&'),
    ) as { questionsLeft: Record<string, string>; draftSaved: string };
    expect(words.questionsLeft.few).toBe('{{count}} chwestiwn ar ôl ar y dudalen hon.');
    expect(words.draftSaved).toBe("Drafft wedi'i gadw.");
    expect(text).not.toContain('Save and continue');
    await user.get(`${caseUrl(first)}?lang=en`);
  });
});
