import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, openTestWorld, pageText, signIn, type TestWorld, englishLeft } from '../../support/web.js';

let world: TestWorld;
let inspectionId: string;

beforeAll(async () => {
  world = await openTestWorld();
  const admin = await addUser(world, 'admin@welsh-timeline.test', { isAdmin: true });
  const service = (await world.services.organisations.create(admin, { name: 'Gwynedd YJS' })).id;
  const hmip = await world.services.organisations.create(admin, { name: 'HMIP', kind: 'inspectorate' });
  const lead = await addUser(world, 'lead@welsh-timeline.test', { organisationId: hmip.id, role: 'qaLead' });
  const inspection = await world.services.inspections.create(lead, {
    organisationId: service,
    framework: 'hmip-youth-2021',
    kind: 'hmipInspection',
    fieldworkStart: '2023-01-16',
  });
  inspectionId = inspection.id;
});
afterAll(() => world?.close());

describe('the timeline in Welsh', () => {
  it('shows the timeline, its rules and the form in Welsh', async () => {
    const browser = await signIn(world, 'lead@welsh-timeline.test');
    const page = await browser.get(`/inspections/${inspectionId}/timeline?lang=cy`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="cy"');
    const text = pageText(page.text);
    expect(text).toContain('Amserlen');
    expect(text).toContain('Newid y dyddiadau');
    expect(text).toContain('Dyddiad yr hysbysiad');
    expect(text).toContain("Pedair wythnos o rybudd: 28 diwrnod cyn i'r gwaith maes ddechrau");
    expect(text).toContain('16 Ionawr 2023 i 20 Ionawr 2023 (5 diwrnod)');
    expect(text).toContain("Cadw'r amserlen");
    expect(text).not.toContain("Four weeks' notice");
    const english = (await browser.get(`/inspections/${inspectionId}/timeline?lang=en`)).text;
    const { shown, left } = englishLeft('timeline', english, page.text);
    expect(shown).toBeGreaterThan(10);
    expect(left).toEqual([]);
    await browser.get(`/inspections/${inspectionId}/timeline?lang=cy`);
  });

  it('gives a problem with the dates in Welsh', async () => {
    const browser = await signIn(world, 'lead@welsh-timeline.test');
    const path = `/inspections/${inspectionId}/timeline`;
    await browser.get(`${path}?lang=cy`);
    const refused = await browser.post(path, path, {
      action: 'save',
      'fieldworkStart-day': '17',
      'fieldworkStart-month': '1',
      'fieldworkStart-year': '2023',
    });
    expect(refused.status).toBe(400);
    expect(pageText(refused.text)).toContain("Rhaid i'r gwaith maes ddechrau ar ddydd Llun");
  });
});
