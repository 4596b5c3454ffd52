import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInLondon } from '../../../src/features/plans/service/access.js';
import { addDays } from '../../../src/domain/dates.js';
import { UnavailableError } from '../../../src/platform/errors.js';
import { createMailer } from '../../../src/platform/mail.js';
import { createServices } from '../../../src/platform/services.js';
import { openTestWorld, pageText, signIn, type TestWorld } from '../../support/web.js';
import { planWorld } from './support.js';

/** Owners' reminders: "my actions", the calendar feed by secret address, and the daily email digest over SMTP. */
let world: TestWorld;
let setup: Awaited<ReturnType<typeof planWorld>>;
const today = todayInLondon(new Date());

beforeAll(async () => {
  world = await openTestWorld();
  setup = await planWorld(world);
  const plans = world.services.plans;
  const plan = await plans.plans.create(setup.head, {
    organisationId: setup.organisation.id,
    title: 'Reminders plan',
    startFrom: 'blank',
  });
  const area = await plans.edits.saveArea(setup.head, plan.id, null, {
    number: 1,
    domain: 'D1 Staff',
    text: 'Staff training',
  });
  const add = (text: string, owners: string[], targetDate: string, status: 'notStarted' | 'completed' = 'notStarted') =>
    plans.edits.saveAction(setup.head, plan.id, area.id, null, {
      text,
      owners,
      commencementDate: '',
      targetDate,
      status,
      completionDate: status === 'completed' ? today : '',
    });
  await add('Overdue training plan', ['head', 'SG'], addDays(today, -10));
  await add('Soon-due audit', ['HEAD@riversideyjs.example.org'], addDays(today, 10));
  await add('Far-off review', ['head'], addDays(today, 200));
  await add('Already done', ['head'], addDays(today, -5), 'completed');
  await add("Someone else's action", ['chair'], addDays(today, 3));
});
afterAll(() => world.close());

describe('reminders for action owners', () => {
  it('"my actions" lists the owner\'s overdue and soon-due actions, matched by name or email', async () => {
    const head = await signIn(world, setup.head.email);
    const page = pageText((await head.get('/plans/my-actions')).text);
    expect(page).toMatch(/Overdue \(1\) .*Overdue training plan/);
    expect(page).toMatch(/Due by .* \(1\) .*Soon-due audit/);
    expect(page).toContain('Far-off review');
    expect(page).not.toContain('Already done');
    expect(page).not.toContain("Someone else's action");
  });

  it('the calendar feed at a secret address is valid iCalendar with one all-day event per open dated action', async () => {
    const head = await signIn(world, setup.head.email);
    const page = await head.post('/plans/my-actions', '/plans/my-actions/calendar', {});
    const url = /id="calendar-url">([^<]+)</.exec(page.text)![1]!;
    const path = new URL(url).pathname;
    const anonymous = supertest(world.app);
    const feed = await anonymous.get(path);
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    const lines = feed.text
      .replace(/\r\n[ \t]/g, '')
      .split('\r\n')
      .filter(Boolean);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    const events = feed.text.split('BEGIN:VEVENT').slice(1);
    expect(events).toHaveLength(3);
    const overdue = events.find((e) => e.includes('Overdue training plan'))!;
    expect(overdue).toContain(`DTSTART;VALUE=DATE:${addDays(today, -10).replaceAll('-', '')}`);
    expect((await anonymous.get('/plans/calendar/not-a-real-token.ics')).status).toBe(404);
    // A new address stops the old one.
    await head.post('/plans/my-actions', '/plans/my-actions/calendar', {});
    expect((await anonymous.get(path)).status).toBe(404);
  });

  it('the daily digest reaches, over SMTP, only owners who asked for it', async () => {
    const head = await signIn(world, setup.head.email);
    await head.post('/plans/my-actions', '/plans/my-actions/digest', { emailDigest: 'yes' });
    const received: { to: string[]; body: string }[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let body = '';
        stream.on('data', (chunk: Buffer) => (body += chunk.toString()));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as AddressInfo).port;
    // The same database's services, built with the application's mailer, as YJ_SMTP_URL would give it.
    const mailer = createMailer({ url: `smtp://127.0.0.1:${port}`, from: 'yj-inspect <plans@example.org>' })!;
    try {
      // Without a mailer there is no digest to send.
      await expect(world.services.plans.reminders.sendDigest(today)).rejects.toThrow(UnavailableError);
      const sent = await createServices(world.database, { mailer }).plans.reminders.sendDigest(today);
      expect(sent).toEqual([setup.head.email]);
      expect(received).toHaveLength(1);
      expect(received[0]!.to).toEqual([setup.head.email]);
      const body = received[0]!.body.replace(/=\r\n/g, '');
      expect(body).toContain('Subject: Improvement plan: 1 overdue, 1 due soon');
      expect(body).toContain('Overdue training plan');
      expect(body).not.toContain('Far-off review');
    } finally {
      mailer.transport.close?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
