import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/platform/audit.js';
import { seedDemo } from '../../../src/demo/demo.js';
import { addUser, openTestWorld, signIn, type TestWorld, pageText } from '../../support/web.js';

let world: TestWorld;
let panellist: Actor;
let inspector: Actor;
let inspectionId: string;

const ratingsUrl = () => `/inspections/${inspectionId}/ratings`;
const discretionUrl = (standardId: string) => `${ratingsUrl()}/${standardId}/discretion`;
const read = pageText;
/** The text of the element with this id, up to the end of its own tag's first close (rows and sections). */
const element = (html: string, id: string, tag = 'tr') => {
  const start = html.indexOf(`id="${id}"`);
  expect(start, `#${id} on the page`).toBeGreaterThan(-1);
  return html.slice(html.lastIndexOf(`<${tag}`, start), html.indexOf(`</${tag}>`, start));
};
const boxRating = (html: string, standardId: string) =>
  read(element(html, `box-${standardId.replace('.', '-')}`)).trim();

beforeAll(async () => {
  world = await openTestWorld();
  const admin = await addUser(world, 'admin@example.org', { isAdmin: true });
  await seedDemo(world.database.db, world.services.users);
  const [demo] = await world.services.inspections.list(admin);
  inspectionId = demo!.id;
  const { organisationId } = await world.services.inspections.get(admin, inspectionId);
  panellist = await addUser(world, 'panel@example.org', { organisationId });
  await world.services.inspections.addTeamMember(admin, inspectionId, panellist.id, 'ratingsPanel');
  inspector = await addUser(world, 'inspector@example.org', { organisationId });
  await world.services.inspections.addTeamMember(admin, inspectionId, inspector.id, 'inspector');
  const elsewhere = await world.services.organisations.create(admin, { name: 'Elsewhere YJS' });
  await addUser(world, 'other@example.org', { organisationId: elsewhere.id });
});
afterAll(() => world.close());

describe('the ratings page', () => {
  it('shows the ratings box as the Hackney report prints it, with the discretion footnote', async () => {
    const user = await signIn(world, 'panel@example.org');
    const page = await user.get(ratingsUrl());
    expect(page.status).toBe(200);
    const text = read(page.text);
    for (const words of ['Hackney Youth Justice Service (demo)', 'Fieldwork started February 2023', 'Score 25/36'])
      expect(text).toContain(words);
    expect(read(element(page.text, 'ratings-box', 'table'))).toMatch(/Overall rating Good/);
    expect(boxRating(page.text, '3.3')).toMatch(/^3\.3 Implementation and delivery Outstanding 1$/);
    expect(boxRating(page.text, '2.2')).toBe('2.2 Planning Requires improvement');
    expect(text).toContain(
      "1 Professional discretion was applied in this standard to reflect the overall quality of work, thus achieving an 'Outstanding' rating.",
    );
    expect(text).toContain('2 The rating for resettlement does not influence the overall YJS rating.');
    // Judged standards open their judgement; case-based ones their workings.
    expect(page.text).toContain(`href="/inspections/${inspectionId}/standards/1.1/judgement"`);
    expect(page.text).toContain(`href="${ratingsUrl()}/2.2"`);
  });

  it("shows each case-based standard's key-question table with the limiting key question in bold", async () => {
    const user = await signIn(world, 'panel@example.org');
    const page = await user.get(ratingsUrl());
    const limiting = element(page.text, 'kq-2-2-2');
    expect(limiting).toContain('app-limiting');
    expect(limiting).toContain('<strong>53%</strong>');
    expect(read(limiting)).toMatch(/2\.2\.2 .* 17 9 53% Too few \(Requires improvement\)/);
    expect(element(page.text, 'kq-2-2-1')).not.toContain('<strong>');
    expect(read(page.text)).toContain('Computed rating: Requires improvement, set by the lowest key question, 2.2.2');
  });

  it('flags professional discretion with every reason and its status', async () => {
    const user = await signIn(world, 'panel@example.org');
    const page = await user.get(ratingsUrl());
    const section = read(element(page.text, 'standard-3-3', 'section'));
    expect(section).toContain('The ratings panel may consider professional discretion');
    expect(section).toContain(
      "Within five points of a band boundary: 3.3.2 at 78% is 2 points below the 80% boundary of 'Outstanding'. Applies.",
    );
    expect(section).toContain('A small number of relevant cases (five or fewer): 3.3.2 rests on 18 relevant cases');
    expect(read(element(page.text, 'standard-2-4', 'section'))).toContain(
      'Professional discretion does not arise: none of the reasons applies.',
    );
    const panel = page.text.slice(page.text.indexOf('id="panel"'));
    for (const eligible of ['2.1', '2.2', '2.3', '3.3']) expect(panel).toContain(`href="${discretionUrl(eligible)}"`);
    expect(panel).not.toContain(discretionUrl('2.4'));
  });
});

describe('the workings of a standard', () => {
  it('shows the statement and key questions, each opening the cases behind its figure', async () => {
    const user = await signIn(world, 'panel@example.org');
    const page = await user.get(`${ratingsUrl()}/2.2`);
    expect(page.status).toBe(200);
    expect(read(page.text)).toContain(
      'Planning is well-informed, holistic and personalised, actively involving the child and their parents or carers.',
    );
    expect(page.text).toContain(`href="${ratingsUrl()}/2.2/key-questions/2.2.2"`);

    const cases = await user.get(`${ratingsUrl()}/2.2/key-questions/2.2.2`);
    expect(cases.status).toBe(200);
    const caseIds = await world.services.cases.list(panellist, inspectionId);
    const c01 = caseIds.find((c) => c.ref === 'DEMO-C01')!;
    expect(cases.text).toContain(`href="/inspections/${inspectionId}/cases/${c01.id}"`);
    expect(read(element(cases.text, 'case-DEMO-C01'))).toMatch(
      /DEMO-C01 Yes Synthetic demo case: not a real child\. Demo Lead Inspector, /,
    );
    expect(read(element(cases.text, 'case-DEMO-C10'))).toContain('DEMO-C10 No');
    expect(cases.text.match(/id="case-DEMO-C\d\d"/g)).toHaveLength(17);
    expect(read(cases.text)).toMatch(/Relevant cases 17 Number 'Yes' 9 % 'Yes' 53%/);
    expect(cases.text).toContain('govuk-details');
  });

  it('gives 404 for a judged standard, an unknown standard or an unknown key question', async () => {
    const user = await signIn(world, 'panel@example.org');
    for (const path of ['/1.1', '/9.9', '/2.2/key-questions/2.1.1', '/2.2/key-questions/nope'])
      expect((await user.get(`${ratingsUrl()}${path}`)).status).toBe(404);
  });
});

describe('the ratings panel', () => {
  it('refuses a decision without a rationale, keeping the rating chosen', async () => {
    const user = await signIn(world, 'panel@example.org');
    const response = await user.post(discretionUrl('2.2'), discretionUrl('2.2'), { rating: 'Good', rationale: ' ' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('There is a problem');
    expect(response.text).toContain('Enter the rationale for applying discretion');
    expect(response.text).toMatch(/name="rating" type="radio" value="Good" checked/);
  });

  it('refuses discretion on a standard none of whose reasons applies, and two bands', async () => {
    const user = await signIn(world, 'panel@example.org');
    const form = await user.get(discretionUrl('2.4'));
    expect(read(form.text)).toContain('cannot apply professional discretion to 2.4 now: none of the reasons applies');
    const refused = await user.post(discretionUrl('2.4'), discretionUrl('2.4'), {
      rating: 'Outstanding',
      rationale: 'strong reviewing',
    });
    expect(refused.status).toBe(400);
    expect(read(refused.text)).toContain(
      'discretion cannot be applied to 2.4: none of the reasons for considering it applies',
    );
    expect(refused.text).toContain('strong reviewing');
    const twoBands = await user.post(discretionUrl('2.2'), discretionUrl('2.2'), {
      rating: 'Outstanding',
      rationale: 'too far',
    });
    expect(twoBands.status).toBe(400);
    expect(read(twoBands.text)).toContain('discretion moves a rating by one band at most');
    expect(boxRating((await user.get(ratingsUrl())).text, '2.4')).toBe('2.4 Reviewing Good');
  });

  it('records a decision: the standard shows the final rating and the footnote, and its history', async () => {
    const user = await signIn(world, 'panel@example.org');
    const form = await user.get(discretionUrl('2.2'));
    expect(form.text).toContain('Professional discretion was applied in this standard to reflect ...');
    expect(form.text).toMatch(/value="Good"/);
    expect(form.text).toMatch(/value="Inadequate"/);
    expect(form.text).not.toContain('value="withdraw"');
    const saved = await user.post(discretionUrl('2.2'), discretionUrl('2.2'), {
      rating: 'Good',
      rationale: 'the strength of planning for keeping the child safe.',
    });
    expect(saved.status).toBe(303);
    const page = await user.get(saved.headers.location!);
    expect(read(page.text)).toContain('Decision recorded for 2.2 Planning: rated Good');
    expect(boxRating(page.text, '2.2')).toBe('2.2 Planning Good 1');
    expect(read(page.text)).toContain(
      "Professional discretion was applied in this standard to reflect the strength of planning for keeping the child safe, thus achieving an 'Good' rating.",
    );
    expect(read(page.text)).toContain('Score 26/36');

    for (const path of [discretionUrl('2.2'), `${ratingsUrl()}/2.2`]) {
      const history = read((await user.get(path)).text);
      expect(history).toMatch(
        /panel Moved one band to Good \(in force\) the strength of planning for keeping the child safe\./,
      );
    }
    expect((await user.get(discretionUrl('2.2'))).text).toContain('value="withdraw"');

    const withdrawn = await user.post(discretionUrl('2.2'), discretionUrl('2.2'), {
      rating: 'withdraw',
      rationale: 'reconsidered at the panel',
    });
    expect(withdrawn.status).toBe(303);
    expect(boxRating((await user.get(ratingsUrl())).text, '2.2')).toBe('2.2 Planning Requires improvement');
    expect(read((await user.get(`${ratingsUrl()}/2.2`)).text)).toMatch(
      /panel Withdrawn reconsidered at the panel .* panel Moved one band to Good the strength/,
    );
  });
});

describe('live ratings', () => {
  it('changes when answers change, and sets aside a decision the rules no longer allow', async () => {
    const user = await signIn(world, 'panel@example.org');
    const o15 = (await world.services.cases.list(panellist, inspectionId)).find((c) => c.ref === 'DEMO-O15')!;
    await world.services.assessment.save(inspector, inspectionId, o15.id, { answers: { '3.3.2': 'yes' } });
    const page = await user.get(ratingsUrl());
    expect(read(element(page.text, 'kq-3-3-2'))).toMatch(/ 18 15 83% Large majority \(Outstanding\)/);
    expect(read(page.text)).toContain(
      "The ratings panel's decision on 3.3 (Outstanding) no longer applies and is set aside: 3.3 is already rated 'Outstanding'",
    );
    expect(boxRating(page.text, '3.3')).toBe('3.3 Implementation and delivery Outstanding');
    expect(read(page.text)).not.toContain('to reflect the overall quality of work');
    const cases = await user.get(`${ratingsUrl()}/3.3/key-questions/3.3.2`);
    expect(read(element(cases.text, 'case-DEMO-O15'))).toMatch(/DEMO-O15 Yes inspector, /);
  });
});

describe('access', () => {
  it("gives another organisation's user 404 on every page and form, and changes nothing", async () => {
    const other = await signIn(world, 'other@example.org');
    for (const path of [
      ratingsUrl(),
      `${ratingsUrl()}/2.2`,
      `${ratingsUrl()}/2.2/key-questions/2.2.2`,
      discretionUrl('2.2'),
    ]) {
      const response = await other.get(path);
      expect(response.status, path).toBe(404);
      expect(response.text).not.toContain('Hackney');
    }
    const forged = await other.post('/inspections', discretionUrl('2.1'), {
      rating: 'Requires improvement',
      rationale: 'x',
    });
    expect(forged.status).toBe(404);
    expect(await world.services.ratings.discretionHistory(panellist, inspectionId, '2.1')).toEqual([]);
  });
});

describe('the ratings pages in Welsh', () => {
  it('shows the ratings page and a standard’s workings in Welsh with ?lang=cy, the page marked lang="cy"', async () => {
    const user = await signIn(world, 'panel@example.org');
    const page = await user.get(`${ratingsUrl()}?lang=cy`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="cy"');
    const text = read(page.text);
    for (const words of ['Sgôr gyffredinol', 'Dechreuodd y gwaith maes Chwefror 2023', 'Sgôr 25/36', 'Panel sgorio'])
      expect(text).toContain(words);
    expect(text).toContain("Sut mae pob safon sy'n seiliedig ar achosion yn cael ei sgorio");
    expect(text).not.toContain('How each case-based standard is rated');

    // The workings explain the rules in Welsh: the discretion reasons and their details.
    const workings = read((await user.get(`${ratingsUrl()}/2.2`)).text);
    expect(workings).toContain("Sgoriau: safon sy'n seiliedig ar achosion");
    expect(workings).toContain('Disgresiwn proffesiynol');
    expect(workings).toMatch(/O fewn pump pwynt i ffin band: [^.]*mae 2\.\d\.\d ar \d+%/);
    expect(workings).not.toMatch(/ at \d+% is /);
    await user.get(`${ratingsUrl()}?lang=en`);
  });
});
