import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stageIds, stagesByKind } from '../../../src/domain/stages/stages.js';
import type { InspectionKind } from '../../../src/domain/timeline/propose.js';
import type { Actor } from '../../../src/platform/audit.js';
import { t, withLanguage } from '../../../src/platform/i18n/index.js';
import { permissionMatrix, whoMay, type Permission } from '../../../src/policy/policy.js';
import { stageRefusal } from '../../../src/policy/stage-rules.js';
import { addUser, openTestWorld, pageText, signIn, type TestWorld } from '../../support/web.js';

let world: TestWorld;
let lead: Actor;
let inspectionId: string;
let title: string;

beforeAll(async () => {
  world = await openTestWorld();
  const admin = await addUser(world, 'admin@welsh-overview.test', { isAdmin: true });
  const inspectorate = await world.services.organisations.create(admin, {
    name: 'HMIP',
    kind: 'inspectorate',
  } as never);
  const service = await world.services.organisations.create(admin, { name: 'Cardiff YJS' });
  lead = await addUser(world, 'lead@welsh-overview.test', { organisationId: inspectorate.id, role: 'qaLead' });
  const inspector = await addUser(world, 'inspector@welsh-overview.test', {
    organisationId: inspectorate.id,
    role: 'auditor',
  });
  const inspection = await world.services.inspections.create(lead, {
    organisationId: service.id,
    framework: 'hmip-youth-2021',
    kind: 'hmipInspection',
  });
  inspectionId = inspection.id;
  title = inspection.title;
  await world.services.team.add(lead, inspectionId, { userId: inspector.id, role: 'inspector' });
});
afterAll(() => world?.close());

/** English words of the refusals that must not be left in their Welsh. */
const englishLeft = /\b(Only|can|or|the|an|of|stage|inspector|lead|administrator|member|service)\b/;

describe('the inspection in Welsh', () => {
  it('shows the overview with Welsh headings, stages and what is missing before moving on', async () => {
    const browser = await signIn(world, lead.email);
    const page = await browser.get(`/inspections/${inspectionId}?lang=cy`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="cy"');
    const text = pageText(page.text);
    for (const heading of [
      'Camau',
      'Amserlen',
      'Tasgau',
      'Cynnydd asesu achosion fesul arolygydd',
      'Tystiolaeth sefydliadol',
    ])
      expect(text).toContain(heading);
    expect(text).toContain('Cam Cynllunio Amserlen, tîm, poblogaeth gymwys, sampl a dyrannu');
    expect(text).toContain("Cyn symud ymlaen i'r cam nesaf (gwaith maes) Ychwanegwch yr achosion i'w harolygu");
    expect(text).toContain('Math Arolygiad HMIP');
    expect(text).not.toContain('Before moving on');

    // The list of inspections too.
    const list = pageText((await browser.get('/inspections')).text);
    expect(list).toContain('Creu arolygiad');
    expect(list).toContain('Y gwaith maes yn dechrau');
    await browser.get('/inspections?lang=en');
  });

  it('leaves no sentence of the catalogue in English on the Welsh overview', async () => {
    const catalogue = JSON.parse(
      readFileSync(new URL('../../../src/features/inspections/locales/en.json', import.meta.url), 'utf8'),
    ) as Record<string, string>;
    const sentences = Object.values(catalogue).filter((text) => !text.includes('{{') && text.length > 12);
    const admin = await signIn(world, 'admin@welsh-overview.test');
    const english = pageText((await admin.get(`/inspections/${inspectionId}?lang=en`)).text);
    // The title is data (named after the service and the kind when it was made): it stays as it was written.
    const welsh = pageText((await admin.get(`/inspections/${inspectionId}?lang=cy`)).text).replaceAll(title, '');
    await admin.get('/inspections?lang=en');
    const shown = sentences.filter((sentence) => english.includes(sentence));
    expect(shown.length).toBeGreaterThan(15);
    for (const sentence of shown) expect(welsh, sentence).not.toContain(sentence);
  });

  it('shows a refusal page in Welsh: the plain-words refusal made in the policy', async () => {
    const browser = await signIn(world, 'inspector@welsh-overview.test');
    await browser.get(`/inspections/${inspectionId}?lang=cy`);
    const refused = await browser.post(`/inspections/${inspectionId}`, `/inspections/${inspectionId}/stage`, {
      from: 'planning',
    });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('<html lang="cy"');
    const text = pageText(refused.text);
    expect(text).toContain(
      "Dim ond yr arolygydd arweiniol neu gweinyddwr system all symud yr arolygiad ymlaen i'w gam nesaf.",
    );
    expect(text).toContain('Nid oes gennych ganiatâd i wneud hyn.');
    expect(text).not.toContain('Only the lead inspector');
  });

  it('translates every refusal the policy can make, with its list of roles', () => {
    for (const permission of Object.keys(permissionMatrix) as Permission[]) {
      const english = whoMay(permission);
      const welsh = withLanguage('cy', () => t(english));
      expect(welsh, english).toMatch(/^Dim ond .+ all .+\.$/);
      expect(welsh, english).not.toMatch(englishLeft);
    }
    expect(withLanguage('cy', () => t(whoMay('moderation.manage')))).toBe(
      "Dim ond yr arolygydd arweiniol, arweinydd sicrhau ansawdd neu gweinyddwr system all ddewis achosion i'w cymedroli a'u cymedrolwyr.",
    );
    // English is untouched.
    expect(whoMay('moderation.manage')).toBe(
      'Only the lead inspector, a QA lead or a system administrator can choose cases for moderation and their moderators.',
    );
  });

  it("translates every refusal of an inspection's stage, for the team, the service and its board", () => {
    const seen = new Set<string>();
    for (const kind of Object.keys(stagesByKind) as InspectionKind[])
      for (const status of stageIds)
        for (const roles of [['inspector'], ['headOfService'], ['boardMember']])
          for (const permission of Object.keys(permissionMatrix)) {
            const refusal = stageRefusal({ kind, status }, new Set(roles), permission);
            if (!refusal || seen.has(refusal)) continue;
            seen.add(refusal);
            const welsh = withLanguage('cy', () => t(refusal));
            expect(welsh, refusal).toMatch(/^Mae'r arolygiad hwn ar y cam /);
            expect(welsh, refusal).not.toMatch(englishLeft);
          }
    expect(seen.size).toBeGreaterThan(10);
  });

  it('names each stage and what it allows in Welsh', () => {
    for (const stages of Object.values(stagesByKind))
      for (const stage of stages)
        withLanguage('cy', () => {
          expect(t(stage.label), stage.label).not.toBe(stage.label);
          expect(t(stage.purpose), stage.purpose).not.toBe(stage.purpose);
        });
  });
});
