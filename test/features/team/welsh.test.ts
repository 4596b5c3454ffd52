import { eq } from 'drizzle-orm';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/platform/audit.js';
import { users } from '../../../src/platform/db/core-tables.js';
import { createServices } from '../../../src/platform/services.js';
import { createApp } from '../../../src/platform/web/app.js';
import { openTestDatabase } from '../../support/database.js';
import { addUser, pageText, signIn, type TestWorld, englishLeft } from '../../support/web.js';

type Mail = { from: string; to: string; subject: string; text: string };
const mails: Mail[] = [];
let world: TestWorld;
let admin: Actor;
let inspectionId: string;

beforeAll(async () => {
  const database = await openTestDatabase();
  const transport = { sendMail: (message: Mail) => Promise.resolve(mails.push(message)) };
  const services = createServices(database, { mailer: { from: 'yj-inspect <team@example.org>', transport } });
  const app = createApp(services, { config: { production: false }, secret: 'test-secret' });
  world = { database, services, app, close: () => database.close() };
  admin = await addUser(world, 'admin@welsh-team.test', { isAdmin: true });
  const inspectorate = await services.organisations.create(admin, { name: 'HMIP', kind: 'inspectorate' } as never);
  const service = await services.organisations.create(admin, { name: 'Ceredigion YJS' });
  const lead = await addUser(world, 'lead@welsh-team.test', { organisationId: inspectorate.id, role: 'qaLead' });
  const inspection = await services.inspections.create(lead, {
    organisationId: service.id,
    framework: 'hmip-youth-2021',
    kind: 'hmipInspection',
    title: 'Ceredigion 2026',
  });
  inspectionId = inspection.id;
});
afterAll(() => world?.close());

const teamPage = () => `/inspections/${inspectionId}/team`;

describe('the team in Welsh', () => {
  it('shows the team page in Welsh', async () => {
    const browser = await signIn(world, 'lead@welsh-team.test');
    const page = await browser.get(`${teamPage()}?lang=cy`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="cy"');
    const text = pageText(page.text);
    for (const words of ['Tîm', 'Pwy sydd ar y tîm', 'Gwahodd rhywun newydd', 'Rôl ar y tîm', 'Arolygydd arweiniol'])
      expect(text).toContain(words);
    expect(text).toContain("Aelod o'r panel sgorio");
    expect(text).not.toContain('Invite someone new');
    const english = (await browser.get(`${teamPage()}?lang=en`)).text;
    const { shown, left } = englishLeft('team', english, page.text);
    expect(shown).toBeGreaterThan(5);
    expect(left).toEqual([]);
  });

  it("emails an invitation in the inviter's page language, and its link's page is Welsh too", async () => {
    const browser = await signIn(world, 'lead@welsh-team.test');
    await browser.get(`${teamPage()}?lang=cy`);
    mails.length = 0;
    const sent = await browser.post(teamPage(), `${teamPage()}/invitations`, {
      displayName: 'Dafydd Jones',
      email: 'dafydd@welsh-team.test',
      inviteRole: 'ratingsPanel',
    });
    expect(sent.status).toBe(303);
    expect(pageText((await browser.get(sent.headers.location!)).text)).toContain(
      'Mae Dafydd Jones ar y tîm ac wedi cael e-bost',
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Rydych wedi cael gwahoddiad i yj-inspect');
    expect(mails[0]!.text).toContain(
      "Mae lead wedi eich gwahodd i yj-inspect: i ymuno â thîm Ceredigion 2026 fel aelod o'r panel sgorio.",
    );
    expect(mails[0]!.text).toContain('am 7 diwrnod');
    const link = /https?:\/\/\S+\/invitations\/[\w-]+/.exec(mails[0]!.text)![0];

    const visitor = supertest.agent(world.app);
    const form = await visitor.get(`${new URL(link).pathname}?lang=cy`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('<html lang="cy"');
    expect(pageText(form.text)).toContain('Gosodwch eich cyfrinair');
    expect(pageText(form.text)).toContain('Rydych wedi cael gwahoddiad i yj-inspect fel Dafydd Jones');
  });

  it('emails it in English, word for word as before, from an English page', async () => {
    const browser = await signIn(world, admin.email);
    mails.length = 0;
    const sent = await browser.post(teamPage(), `${teamPage()}/invitations`, {
      displayName: 'Pat Panel',
      email: 'pat@welsh-team.test',
      inviteRole: 'inspector',
    });
    expect(sent.status).toBe(303);
    expect(mails[0]!.subject).toBe('You have been invited to yj-inspect');
    const link = /https?:\/\/\S+\/invitations\/[\w-]+/.exec(mails[0]!.text)![0];
    expect(mails[0]!.text).toBe(
      [
        'admin has invited you to yj-inspect: to join the team of Ceredigion 2026 as inspector.',
        '',
        'Set your password with this link (or sign in with single sign-on where your organisation uses it):',
        link,
        '',
        'The link works once, for 7 days. If you did not expect this email, you can ignore it.',
      ].join('\n'),
    );
  });

  it('writes to a known user in their own language, whatever the sender’s', async () => {
    await world.database.db.update(users).set({ language: 'cy' }).where(eq(users.email, 'pat@welsh-team.test'));
    mails.length = 0;
    await world.services.invitations.send(
      { link: 'http://localhost/invitations/x', expiresAt: new Date() },
      'pat@welsh-team.test',
      'admin',
      '',
    );
    expect(mails[0]!.subject).toBe('Rydych wedi cael gwahoddiad i yj-inspect');
    expect(mails[0]!.text).toContain('Mae admin wedi eich gwahodd i yj-inspect.');
  });
});
