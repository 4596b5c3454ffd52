import { afterAll, describe, expect, it } from 'vitest';
import { addUser, openTestWorld, pageText, signIn } from '../../support/web.js';

const world = await openTestWorld();
afterAll(() => world.close());
const admin = await addUser(world, 'admin@example.org', { isAdmin: true });
const organisationId = (await world.services.organisations.create(admin, { name: 'Ceredigion YJS' })).id;
await addUser(world, 'head@example.org', { organisationId, role: 'headOfService' });

describe('the retention page in Welsh', () => {
  it('shows its heading, the service’s setting and the administrator’s part in Welsh', async () => {
    const browser = await signIn(world, 'admin@example.org');
    const page = await browser.get('/privacy/retention?lang=cy');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="cy"');
    const text = pageText(page.text);
    expect(text).toContain('Am ba hyd y cedwir data achosion');
    expect(text).toContain("Misoedd ar ôl i'r gwaith maes ddod i ben");
    expect(text).toContain("Arolygiadau sydd wedi mynd heibio i'w cyfnod cadw");
    expect(page.text).toContain('aria-label="Cadw&#39;r cyfnod cadw ar gyfer Ceredigion YJS"');
    expect(text).not.toContain('Once an inspection is published');
  });

  it('names a wrong number of months in Welsh, and says what was saved', async () => {
    const browser = await signIn(world, 'head@example.org');
    await browser.get('/privacy/retention?lang=cy');
    const refused = await browser.post('/privacy/retention', `/privacy/retention/${organisationId}`, {
      months: 'two years',
    });
    expect(refused.status).toBe(400);
    expect(pageText(refused.text)).toContain('Rhowch nifer y misoedd fel rhif cyfan, fel 24');

    const saved = await browser.post('/privacy/retention', `/privacy/retention/${organisationId}`, { months: '24' });
    expect(saved.status).toBe(303);
    const after = await browser.get(saved.headers.location!);
    expect(pageText(after.text)).toContain("Cyfnod cadw wedi'i gadw ar gyfer Ceredigion YJS.");
  });

  it('keeps the English as it was', async () => {
    const browser = await signIn(world, 'head@example.org');
    const page = await browser.get('/privacy/retention?lang=en&deleted=1');
    const text = pageText(page.text);
    expect(text).toContain('How long case data is kept');
    expect(text).toContain('Case data deleted from 1 inspection. Their ratings are kept.');
  });
});
