import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, openTestWorld, pageText, signIn, type TestWorld } from '../../support/web.js';
import type { Actor } from '../../../src/platform/audit.js';

/** A service's own audit tool: added in the browser, validated, versioned, visible to that service only, and used. */

const example = readFileSync(new URL('../../../examples/frameworks/northtown-assessment-audit.json', import.meta.url), 'utf8');
let world: TestWorld;
let organisationId: string;
let otherId: string;
let lead: Actor;
let auditor: Actor;
let otherLeadUser: Actor;

beforeAll(async () => {
  world = await openTestWorld();
  const admin = await addUser(world, 'admin@fw.test', { isAdmin: true });
  organisationId = (await world.services.organisations.create(admin, { name: 'Northtown YJS' })).id;
  otherId = (await world.services.organisations.create(admin, { name: 'Southtown YJS' })).id;
  lead = await addUser(world, 'lead@fw.test', { organisationId, role: 'qaLead' });
  auditor = await addUser(world, 'auditor@fw.test', { organisationId, role: 'auditor' });
  otherLeadUser = await addUser(world, 'other@fw.test', { organisationId: otherId, role: 'qaLead' });
});
afterAll(() => world.close());

describe("a service's own framework", () => {
  it('a broken file is refused with the JSON path of the problem, keeping what was typed', async () => {
    const browser = await signIn(world, 'lead@fw.test');
    const path = `/services/${organisationId}/frameworks`;
    const broken = example.replace('"minPercent": 80', '"minPercent": 180');
    const refused = await browser.post(path, path, { file: broken });
    expect(refused.status).toBe(400);
    expect(pageText(refused.text)).toMatch(/\$\.keyQuestionBands\.bands\[0\]\.minPercent/);
    expect(refused.text).toContain('180');
  });

  it('is added in the browser, versioned when changed, and seen by that service only', async () => {
    const browser = await signIn(world, 'lead@fw.test');
    const path = `/services/${organisationId}/frameworks`;
    expect((await browser.post(path, path, { file: example })).status).toBe(303);
    expect((await browser.post(path, path, { file: example })).status).toBe(303);
    const changed = example.replace("child's own words", "child's own words and their family's");
    expect((await browser.post(path, path, { file: changed })).status).toBe(303);
    const versions = await world.services.frameworks.list(lead, organisationId);
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    const other = await signIn(world, 'other@fw.test');
    expect(pageText((await other.get(`/services/${otherId}/frameworks`)).text)).not.toContain('Northtown YJS thematic audit');
  });

  it("is used by an audit programme whose round keeps the version, with the service's own prompt", async () => {
    const versions = await world.services.frameworks.list(lead, organisationId);
    const first = versions.find((v) => v.version === 1)!;
    const programme = await world.services.qaProgrammes.create(lead, organisationId, {
      title: 'Thematic assessment audit',
      framework: first.key,
      frequency: 'quarterly',
      selection: 'byHand',
      auditors: [auditor.id],
    });
    const { inspection, cases } = await world.services.qaProgrammes.startRound(lead, programme.id, {
      periodStart: '2026-01-01',
      population: 'ref,domain\nNT-1,court\nNT-2,court',
      refs: 'NT-1',
    });
    expect(inspection.frameworkId).toBe(first.key);
    await world.services.assessment.save(auditor, inspection.id, cases[0]!.id, {
      answers: { '2.1.1': 'yes', '2.1.1.N1': 'no' },
      evidence: { '2.1.1.N1': "The child's words are not recorded" },
    });
    const browser = await signIn(world, 'auditor@fw.test');
    const page = await browser.get(`/inspections/${inspection.id}/cases/${cases[0]!.id}/standards/2.1/key-questions/2.1.1`);
    expect(page.status).toBe(200);
    expect(pageText(page.text)).toContain("Does the assessment record the child's own words");
  });

  it('another service may use it only once an administrator publishes it for all', async () => {
    const [latest] = await world.services.frameworks.list(lead, organisationId);
    const otherLead = await signIn(world, 'other@fw.test');
    const form = `/services/${otherId}/qa/programmes/new`;
    const attempt = { title: 'Borrowed', framework: latest!.key, frequency: 'quarterly', selection: 'byHand',
      auditors: otherLeadUser.id,
    };
    const refused = await otherLead.post(form, `/services/${otherId}/qa/programmes`, attempt);
    expect(refused.status).toBe(400);
    expect(pageText(refused.text)).toContain('Select a framework version');
    const lead2 = await signIn(world, 'lead@fw.test');
    const path = `/services/${organisationId}/frameworks`;
    expect((await lead2.post(path, `/frameworks/${encodeURIComponent(latest!.key)}/publish`, { organisationId })).status).toBe(403);
    const admin = await signIn(world, 'admin@fw.test');
    expect((await admin.post(path, `/frameworks/${encodeURIComponent(latest!.key)}/publish`, { organisationId })).status).toBe(303);
    expect(pageText((await otherLead.get(`/services/${otherId}/frameworks`)).text)).toContain('Published for all');
  });
});
