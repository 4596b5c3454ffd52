import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/platform/audit.js';
import { addUser, openTestWorld, signIn, type TestWorld } from '../../support/web.js';

let world: TestWorld;
let alice: Actor;
let carol: Actor;
let inspectionId: string;
let court: string; // a court case with no factors related to keeping the child safe
let triage: string; // an out-of-court triage case

const caseUrl = (caseId: string) => `/inspections/${inspectionId}/cases/${caseId}`;
const kqUrl = (caseId: string, standardId: string, keyQuestionId: string) =>
  `${caseUrl(caseId)}/standards/${standardId}/key-questions/${keyQuestionId}`;
const checkUrl = (caseId: string, standardId: string) => `${caseUrl(caseId)}/standards/${standardId}/check`;
const versionOn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? 'none';
const checked = (html: string, name: string, value: string) =>
  new RegExp(`name="${name.replace(/[[\].]/g, '\\$&')}" type="radio" value="${value}" checked`).test(html);

/** The key question's figures as the rating engine counts them from the stored answers. */
async function figures(keyQuestionId: string) {
  const { rating } = await world.services.ratings.rate(alice, inspectionId);
  const standard = rating.standards.find((s) => keyQuestionId.startsWith(`${s.id}.`))!;
  const kq = standard.keyQuestions.find((k) => k.id === keyQuestionId)!;
  return { relevant: kq.relevant, yes: kq.yes };
}

beforeAll(async () => {
  world = await openTestWorld();
  const admin = await addUser(world, 'admin@example.org', { isAdmin: true });
  const serviceA = (await world.services.organisations.create(admin, { name: 'Service A YJS' })).id;
  const serviceB = (await world.services.organisations.create(admin, { name: 'Service B YJS' })).id;
  alice = await addUser(world, 'alice@example.org', { organisationId: serviceA });
  carol = await addUser(world, 'carol@example.org', { organisationId: serviceA });
  await addUser(world, 'bob@example.org', { organisationId: serviceB });
  const inspection = await world.services.inspections.create(alice, {
    organisationId: serviceA,
    framework: 'hmip-youth-2018',
    kind: 'internalAudit',
  });
  inspectionId = inspection.id;
  await world.services.inspections.addTeamMember(alice, inspectionId, carol.id, 'inspector');
  court = (
    await world.services.cases.add(alice, inspectionId, {
      ref: 'C-001',
      domain: 'court',
      disposal: 'referralOrder',
      sex: 'female',
      ageBand: '15-17',
      rosh: 'medium',
      childSafetyFactors: false,
      caseManagerInterviewed: true,
    })
  ).id;
  await world.services.cases.allocate(alice, inspectionId, [court], carol.id);
  triage = (
    await world.services.cases.add(alice, inspectionId, { ref: 'T-001', domain: 'outOfCourt', disposal: 'triage' })
  ).id;
});
afterAll(() => world.close());

describe("a case's page", () => {
  it('summarises the case and lists the standards of its kind of case as a task list', async () => {
    const user = await signIn(world, 'alice@example.org');
    const page = await user.get(caseUrl(court));
    expect(page.status).toBe(200);
    for (const text of ['Case C-001', 'Court disposals', 'Referral order', 'Female', '15 to 17', 'Medium', 'carol'])
      expect(page.text).toContain(text);
    expect(page.text).toContain(`href="${caseUrl(court)}/edit"`);
    expect(page.text).toMatch(/govuk-task-list__link[^>]*>\s*2\.1 Assessment\s*<\/a>/);
    expect(page.text).toContain(`href="${caseUrl(court)}/standards/2.1"`);
    expect(page.text).toContain('0 of 3 key questions answered');
    // Planning has three key questions; keeping the child safe cannot apply to this case, and the page says so.
    expect(page.text).toContain('0 of 2 key questions answered; 1 not applicable to this case');
    expect(page.text).toContain('Not started');
    expect(page.text).not.toContain('3.1 Assessment');
  });
});

describe('answering a key question', () => {
  it('shows each prompt and the key question as yes / no / not applicable with evidence', async () => {
    const user = await signIn(world, 'alice@example.org');
    const page = await user.get(kqUrl(court, '2.1', '2.1.1'));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Does assessment sufficiently analyse how to support the child');
    expect(page.text).toMatch(/<legend[^>]*>\s*2\.1\.1\.3 /);
    expect(page.text).toContain('Evidence for prompt 2.1.1.3 (optional)');
    expect(page.text).toContain('Evidence for key question 2.1.1 (optional)');
    expect(page.text).toContain('name="answers[2.1.1.3]" type="radio" value="n/a"');
    expect(page.text).toContain('overall judgement');
    expect(versionOn(page.text)).toBe('1');
  });

  it('stores the answers and evidence, moves on, and the ratings count them', async () => {
    const user = await signIn(world, 'alice@example.org');
    expect(await figures('2.1.1')).toEqual({ relevant: 0, yes: 0 });
    const path = kqUrl(court, '2.1', '2.1.1');
    const saved = await user.post(path, path, {
      'answers[2.1.1.1]': 'yes',
      'evidence[2.1.1.1]': 'AssetPlus completed on time',
      'answers[2.1.1.3]': 'no',
      'answers[2.1.1]': 'yes',
      'evidence[2.1.1]': 'Good analysis of <strengths>',
      version: '1',
      action: 'continue',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(kqUrl(court, '2.1', '2.1.2'));
    expect(await figures('2.1.1')).toEqual({ relevant: 1, yes: 1 });

    const check = await user.get(checkUrl(court, '2.1'));
    expect(check.status).toBe(200);
    expect(check.text).toContain('Check your answers');
    expect(check.text).toContain('AssetPlus completed on time');
    expect(check.text).toContain('Good analysis of &lt;strengths&gt;');
    expect(check.text).toContain(`href="${path}#answers_2_1_1_3"`);
    expect(check.text).toMatch(/Change<span class="govuk-visually-hidden"> answer to prompt 2\.1\.1\.3 \(2\.1\.1 /);
    expect(check.text).toContain(`href="${caseUrl(court)}"`);

    const again = await user.get(path);
    expect(checked(again.text, 'answers[2.1.1.3]', 'no')).toBe(true);
    expect(checked(again.text, 'answers[2.1.1]', 'yes')).toBe(true);
    const back = await user.post(path, path, {
      'answers[2.1.1]': 'no',
      version: versionOn(again.text),
      action: 'return',
    });
    expect(back.headers.location).toBe(caseUrl(court));
    expect(await figures('2.1.1')).toEqual({ relevant: 1, yes: 0 });
    expect((await user.get(caseUrl(court))).text).toContain('1 of 3 key questions answered');
  });

  it('goes to check your answers after the last key question of the standard', async () => {
    const user = await signIn(world, 'alice@example.org');
    const path = kqUrl(court, '2.1', '2.1.3');
    const page = await user.get(path);
    const saved = await user.post(path, path, { 'answers[2.1.3]': 'n/a', version: versionOn(page.text) });
    expect(saved.headers.location).toBe(checkUrl(court, '2.1'));
  });
});

describe('questions that cannot apply to the case', () => {
  it('shows them as not applicable with the reason, and refuses an answer to them', async () => {
    const user = await signIn(world, 'alice@example.org');
    const path = kqUrl(court, '2.2', '2.2.2');
    const page = await user.get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain('This key question does not apply to this case.');
    expect(page.text).toContain('only relevant in cases where there are factors related to keeping the child safe');
    expect(page.text).not.toContain('name="answers[2.2.2]"');
    const refused = await user.post(path, path, { 'answers[2.2.2]': 'yes', version: '99' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Key question 2.2.2 does not apply to this case');
    expect(await figures('2.2.2')).toEqual({ relevant: 0, yes: 0 });

    // Save and continue from 2.2.1 passes over 2.2.2.
    const first = kqUrl(court, '2.2', '2.2.1');
    const saved = await user.post(first, first, {
      'answers[2.2.1]': 'yes',
      version: versionOn((await user.get(first)).text),
    });
    expect(saved.headers.location).toBe(kqUrl(court, '2.2', '2.2.3'));
  });

  it('shows a youth conditional caution question as not applicable to a triage case', async () => {
    const user = await signIn(world, 'alice@example.org');
    const path = kqUrl(triage, '3.4', '3.4.2');
    const page = await user.get(path);
    expect(page.text).toContain('This question is only relevant in youth conditional caution cases.');
    const refused = await user.post(path, path, { 'answers[3.4.2]': 'yes', version: versionOn(page.text) });
    expect(refused.status).toBe(400);
    const check = await user.get(checkUrl(triage, '3.4'));
    expect(check.text).toContain('Not applicable: This question is only relevant in youth conditional caution cases.');
  });
});

describe('mistakes and clashes', () => {
  it('asks for the key question answer, keeping everything typed', async () => {
    const user = await signIn(world, 'alice@example.org');
    const path = kqUrl(court, '2.1', '2.1.2');
    const page = await user.get(path);
    const response = await user.post(path, path, {
      'answers[2.1.2.1]': 'no',
      'evidence[2.1.2.1]': 'Risk to the child not analysed',
      'evidence[2.1.2]': 'Draft judgement & notes',
      version: versionOn(page.text),
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain('There is a problem');
    expect(response.text).toContain('href="#answers_2_1_2"');
    expect(response.text).toContain('Select yes, no or not applicable for the key question');
    expect(checked(response.text, 'answers[2.1.2.1]', 'no')).toBe(true);
    expect(response.text).toContain('Risk to the child not analysed</textarea>');
    expect(response.text).toContain('Draft judgement &amp; notes</textarea>');
    expect(await figures('2.1.2')).toEqual({ relevant: 0, yes: 0 });
  });

  it("refuses a save over someone else's, shows both, and saves nothing until the user chooses", async () => {
    const alicePage = await signIn(world, 'alice@example.org');
    const path = kqUrl(court, '2.1', '2.1.2');
    const opened = versionOn((await alicePage.get(path)).text);
    const carolPage = await signIn(world, 'carol@example.org');
    const carols = await carolPage.post(path, path, {
      'answers[2.1.2]': 'no',
      'evidence[2.1.2]': 'Carol: safety not analysed',
      version: opened,
    });
    expect(carols.status).toBe(303);

    const clash = await alicePage.post(path, path, {
      'answers[2.1.2]': 'yes',
      'evidence[2.1.2]': 'Alice: safety well analysed',
      version: opened,
    });
    expect(clash.status).toBe(409);
    expect(clash.text).toContain('Your answers have not been saved');
    expect(clash.text).toContain('Your answers (not saved)');
    expect(clash.text).toContain('Saved by someone else');
    expect(clash.text).toContain('Carol: safety not analysed');
    expect(clash.text).toContain('By carol');
    expect(checked(clash.text, 'answers[2.1.2]', 'yes')).toBe(true);
    expect(clash.text).toContain('Alice: safety well analysed</textarea>');
    expect(clash.text).toContain(`href="${path}"`);
    expect(Number(versionOn(clash.text))).toBe(Number(opened) + 1);
    expect(await figures('2.1.2')).toEqual({ relevant: 1, yes: 0 });

    // Saving again from the clash page is a deliberate choice to keep hers.
    const kept = await alicePage.post(path, path, {
      'answers[2.1.2]': 'yes',
      'evidence[2.1.2]': 'Alice: safety well analysed',
      version: versionOn(clash.text),
    });
    expect(kept.status).toBe(303);
    expect(await figures('2.1.2')).toEqual({ relevant: 1, yes: 1 });
  });

  it('refuses a form without its CSRF token', async () => {
    const user = await signIn(world, 'alice@example.org');
    const path = kqUrl(court, '2.1', '2.1.3');
    const response = await user.agent.post(path).type('form').send({ 'answers[2.1.3]': 'yes', version: '1' });
    expect(response.status).toBe(403);
    expect(await figures('2.1.3')).toEqual({ relevant: 0, yes: 0 });
  });
});

describe('who can see what', () => {
  it("gives another organisation's user 404 on every assessment page, and saves nothing", async () => {
    const bob = await signIn(world, 'bob@example.org');
    for (const path of [caseUrl(court), kqUrl(court, '2.1', '2.1.1'), checkUrl(court, '2.1')]) {
      const response = await bob.get(path);
      expect(response.status, path).toBe(404);
      expect(response.text).not.toContain('C-001');
    }
    const forged = await bob.post('/inspections', kqUrl(court, '2.1', '2.1.3'), {
      'answers[2.1.3]': 'yes',
      version: '100',
    });
    expect(forged.status).toBe(404);
    expect(await figures('2.1.3')).toEqual({ relevant: 0, yes: 0 });
  });

  it('gives 404 for an unknown case, standard or key question, or a standard of another kind of case', async () => {
    const user = await signIn(world, 'alice@example.org');
    for (const path of [
      caseUrl('00000000-0000-4000-8000-000000000000'),
      caseUrl('not-a-case'),
      checkUrl(court, '3.1'),
      checkUrl(court, '1.1'),
      kqUrl(court, '9.9', '9.9.1'),
      kqUrl(court, '2.1', '2.2.1'),
      kqUrl(court, '2.1', '2.1.9'),
      kqUrl(triage, '2.1', '2.1.1'),
    ])
      expect((await user.get(path)).status, path).toBe(404);
  });
});
