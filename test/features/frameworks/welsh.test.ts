import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, openTestWorld, pageText, signIn, type TestWorld } from '../../support/web.js';
import { frameworkTexts } from '../../../src/domain/framework/languages.js';
import type { FrameworkFile } from '../../../src/domain/framework/schema.js';
import type { Actor } from '../../../src/platform/audit.js';

/** A framework's own words in Welsh: shown from the file where it holds them, the English with a notice where not. */

const example = readFileSync(new URL('../../../examples/frameworks/northtown-assessment-audit.json', import.meta.url), 'utf8');
const exampleFile = JSON.parse(example) as FrameworkFile;
const welshOf = (file: FrameworkFile, prefix: string) =>
  Object.fromEntries(frameworkTexts(file).map(({ text }) => [text, `${prefix} ${text}`]));
const withWelsh = (welsh: Record<string, string>) =>
  JSON.stringify({ ...exampleFile, languages: ['en', 'cy'], translations: { cy: welsh } }, null, 2);
const noWelshNotice = 'Nid oes testun Cymraeg ar gyfer y fframwaith hwn: dangosir y geiriau Saesneg.';

let world: TestWorld;
let organisationId: string;
let otherId: string;
let lead: Actor;

beforeAll(async () => {
  world = await openTestWorld();
  const admin = await addUser(world, 'admin@fw-cy.test', { isAdmin: true });
  organisationId = (await world.services.organisations.create(admin, { name: 'Gwynedd YJS' })).id;
  otherId = (await world.services.organisations.create(admin, { name: 'Conwy YJS' })).id;
  lead = await addUser(world, 'lead@fw-cy.test', { organisationId, role: 'qaLead' });
  await addUser(world, 'other@fw-cy.test', { organisationId: otherId, role: 'qaLead' });
});
afterAll(() => world.close());

describe("the frameworks pages in Welsh", () => {
  it('the service’s frameworks page reads in Welsh with ?lang=cy', async () => {
    const browser = await signIn(world, 'lead@fw-cy.test');
    const page = await browser.get(`/services/${organisationId}/frameworks?lang=cy`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="cy"');
    const text = pageText(page.text);
    expect(text).toContain("Fframweithiau'r gwasanaeth ei hun");
    expect(text).toContain('Ychwanegu ffeil fframwaith');
    // The shipped frameworks, by their titles in Welsh where the file holds them.
    expect(text).toContain('Safonau Arolygiaeth Prawf EF ar gyfer arolygu gwasanaethau troseddwyr ifanc (2021)');
    expect(text).toContain('HM Inspectorate of Probation standards for inspecting youth offending services (2018)');
  });

  it('the 2021 framework shows its standards, key questions, prompts and bands in Welsh, marked for review', async () => {
    const browser = await signIn(world, 'lead@fw-cy.test');
    const page = await browser.get(`/services/${organisationId}/frameworks/hmip-youth-2021?lang=cy`);
    expect(page.status).toBe(200);
    const text = pageText(page.text);
    expect(text).toContain('1.1 Llywodraethu ac arweinyddiaeth');
    expect(text).toContain('2.1 Asesu');
    expect(text).toContain("2.1.2 A yw'r asesu'n dadansoddi'n ddigonol sut i gadw'r plentyn yn ddiogel?");
    expect(text).toContain("2.1.1.3 A yw'r asesu'n canolbwyntio ar gryfderau a ffactorau amddiffynnol y plentyn?");
    expect(text).toContain('Mwyafrif rhesymol');
    expect(text).toContain('Angen gwelliant');
    expect(text).toContain("Gwarediadau y tu allan i'r llys");
    expect(text).toContain('Rhybudd amodol ieuenctid');
    expect(text).not.toContain(noWelshNotice);
    expect(text).toContain('mae\'n aros i siaradwr Cymraeg ei adolygu');
    expect(text).not.toContain('Governance and leadership');
  });

  it('the 2018 framework holds no Welsh: in Welsh the page says so and shows the English words', async () => {
    const browser = await signIn(world, 'lead@fw-cy.test');
    const welsh = pageText((await browser.get(`/services/${organisationId}/frameworks/hmip-youth-2018?lang=cy`)).text);
    expect(welsh).toContain(noWelshNotice);
    expect(welsh).toContain('HM Inspectorate of Probation standards for inspecting youth offending services (2018)');
    expect(welsh).toContain('3.4 Joint working');
    expect(welsh).toContain("3.4.1 Are the YOT's recommendations sufficiently well-informed");
    // A sentence it shares with 2021 reads as 2021's Welsh: the translations are keyed by the English text.
    expect(welsh).toContain('1.1 Llywodraethu ac arweinyddiaeth');
    const english = pageText((await browser.get(`/services/${organisationId}/frameworks/hmip-youth-2018?lang=en`)).text);
    expect(english).toContain('1.1 Governance and leadership');
    expect(english).not.toContain(noWelshNotice);
    expect(english).not.toContain('There is no Welsh text');
  });

  it('an unknown framework, or another service’s own one, is not found', async () => {
    const browser = await signIn(world, 'other@fw-cy.test');
    expect((await browser.get(`/services/${otherId}/frameworks/hmip-youth-2099`)).status).toBe(404);
    const added = await world.services.frameworks.add(lead, organisationId, example);
    expect((await browser.get(`/services/${otherId}/frameworks/${encodeURIComponent(added.key)}`)).status).toBe(404);
  });
});

describe("a service's own framework in Welsh", () => {
  it('a file that claims cy but lacks texts is refused in the browser, naming each missing JSON path', async () => {
    const browser = await signIn(world, 'lead@fw-cy.test');
    const path = `/services/${organisationId}/frameworks`;
    const welsh = welshOf(exampleFile, 'CY');
    const prompt = exampleFile.domains[1]!.standards[0]!.keyQuestions[0]!.prompts![1]!.text;
    delete welsh[prompt];
    delete welsh[exampleFile.title];
    const refused = await browser.post(`${path}?lang=en`, path, { file: withWelsh(welsh) });
    expect(refused.status).toBe(400);
    const text = pageText(refused.text);
    expect(text).toContain('$.title has no Welsh (cy)');
    expect(text).toContain('$.domains[1].standards[0].keyQuestions[0].prompts[1].text has no Welsh (cy)');
    expect((await world.services.frameworks.list(lead, organisationId)).some((f) => f.title === exampleFile.title && f.version > 1)).toBe(false);
  });

  it('adding Welsh to a version, or correcting it, keeps the version: its pages show the new Welsh at once', async () => {
    const before = await world.services.frameworks.list(lead, organisationId);
    const first = await world.services.frameworks.add(lead, organisationId, example);
    expect(first.created).toBe(false);
    const translated = await world.services.frameworks.add(lead, organisationId, withWelsh(welshOf(exampleFile, 'CY1')));
    expect([translated.created, translated.translated, translated.version]).toEqual([false, true, first.version]);
    const corrected = await world.services.frameworks.add(lead, organisationId, withWelsh(welshOf(exampleFile, 'CY2')));
    expect([corrected.created, corrected.translated, corrected.key]).toEqual([false, true, first.key]);
    expect(await world.services.frameworks.list(lead, organisationId)).toHaveLength(before.length);

    const browser = await signIn(world, 'lead@fw-cy.test');
    const page = pageText((await browser.get(`/services/${organisationId}/frameworks/${encodeURIComponent(first.key)}?lang=cy`)).text);
    expect(page).toContain(`CY2 ${exampleFile.title}`);
    const ownPrompt = "Does the assessment record the child's own words about what would help them stop offending?";
    expect(page).toContain(`2.1.1.N1 CY2 ${ownPrompt}`);
    // A sentence the shipped 2021 framework already holds in Welsh keeps the shipped Welsh.
    expect(page).toContain('2.1 Asesu');
    expect(page).not.toContain(noWelshNotice);
    const list = pageText((await browser.get(`/services/${organisationId}/frameworks?lang=en`)).text);
    expect(list).toContain('English, Welsh');

    // A change to what is rated is still the next version.
    const changed = withWelsh(welshOf(exampleFile, 'CY2')).replace('"minPercent": 80', '"minPercent": 79');
    const next = await world.services.frameworks.add(lead, organisationId, changed);
    expect([next.created, next.version]).toEqual([true, first.version + 1]);
  });
});
