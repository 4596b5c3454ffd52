import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/platform/audit.js';
import { appendOnlyRefusal } from '../../support/database.js';
import { addUser, openTestWorld, pageText, signIn, type TestWorld } from '../../support/web.js';

const personal = 'John Smith (DOB 12/03/2008)';
let world: TestWorld;
let admin: Actor;
let alice: Actor;
let inspectionId: string;
let caseId: string;
const casePath = () => `/inspections/${inspectionId}/cases/${caseId}`;

/** Everywhere the text could still be: the answers, the case history, the whole trail and its export. */
async function everywhere() {
  const stored = await world.services.assessment.get(alice, inspectionId, caseId);
  const history = await world.services.auditTrail.caseHistory(admin, inspectionId, caseId);
  const trail = await world.services.auditTrail.search(admin, { inspection: inspectionId });
  const csv = await world.services.auditTrail.exportCsv(admin, { inspection: inspectionId });
  const user = await signIn(world, 'admin@example.org');
  const pages = [casePath(), `${casePath()}/check`, `${casePath()}/history`, `/audit?inspection=${inspectionId}`];
  const html = await Promise.all(pages.map(async (p) => pageText((await user.get(p)).text)));
  return [JSON.stringify(stored.answers), JSON.stringify(history), JSON.stringify(trail), csv, ...html].join('\n');
}

beforeAll(async () => {
  world = await openTestWorld();
  admin = await addUser(world, 'admin@example.org', { isAdmin: true });
  const service = (await world.services.organisations.create(admin, { name: 'Service A YJS' })).id;
  alice = await addUser(world, 'alice@example.org', { organisationId: service });
  inspectionId = (
    await world.services.inspections.create(alice, {
      organisationId: service,
      framework: 'hmip-youth-2021',
      kind: 'internalAudit',
    })
  ).id;
  caseId = (await world.services.cases.add(alice, inspectionId, { ref: 'C-001', domain: 'court' })).id;
  // Saved twice, so that the text is in an event's before as well as its after.
  await world.services.assessment.save(alice, inspectionId, caseId, {
    answers: { '2.1.1': 'yes' },
    evidence: { '2.1.1': `Met ${personal} with his case manager` },
  });
  await world.services.assessment.save(alice, inspectionId, caseId, {
    answers: { '2.1.1': 'no' },
    evidence: { '2.1.1': `Met ${personal} "twice"\nwith his case manager` },
  });
});
afterAll(() => world.close());

describe('an administrator redacts personal data from the record', () => {
  it('is refused to anyone else', async () => {
    const user = await signIn(world, 'alice@example.org');
    expect((await user.get(`${casePath()}/redact`)).status).toBe(403);
    expect(pageText((await user.get(casePath())).text)).not.toContain('Redact personal data');
  });

  it('asks for the text and a reason, naming the field', async () => {
    const user = await signIn(world, 'admin@example.org');
    const form = { questionId: '2.1.1', text: 'Jane Doe', reason: '' };
    const noReason = await user.post(`${casePath()}/redact`, `${casePath()}/redact`, form);
    expect(noReason.status).toBe(400);
    expect(pageText(noReason.text)).toContain('There is a problem Enter why the text is redacted');
    expect(noReason.text).toContain('Jane Doe</textarea>');
    const notThere = await user.post(`${casePath()}/redact`, `${casePath()}/redact`, { ...form, reason: 'Named' });
    expect(notThere.status).toBe(400);
    expect(pageText(notThere.text)).toContain('The evidence for 2.1.1 does not contain this text');
  });

  it('removes the text from the answers, the history, the audit trail and its export, and keeps the redaction', async () => {
    expect(await everywhere()).toContain(personal);
    const user = await signIn(world, 'admin@example.org');
    const done = await user.post(`${casePath()}/redact`, `${casePath()}/redact`, {
      questionId: '2.1.1',
      text: personal,
      reason: 'A child named in the evidence',
    });
    expect(done.status).toBe(303);
    const after = await everywhere();
    expect(after).not.toContain('John Smith');
    expect(after).not.toContain('12/03/2008');
    expect(after).toContain('[redacted]');
    const stored = await world.services.assessment.get(alice, inspectionId, caseId);
    expect(stored.answers['2.1.1']?.evidence).toBe('Met [redacted] "twice"\nwith his case manager');

    const page = pageText((await user.get(`${casePath()}/redact`)).text);
    expect(page).toContain('evidence for 2.1.1');
    expect(page).toContain('A child named in the evidence');
    expect(page).toContain('admin');
  });

  it('leaves the audit trail append-only to everything but a recorded redaction', async () => {
    const { db } = world.database;
    const appendOnly = { cause: { message: expect.stringMatching(appendOnlyRefusal('audit_events')) as unknown } };
    await expect(db.execute(sql`update audit_events set after = '{}'::jsonb`)).rejects.toMatchObject(appendOnly);
    // The setting alone is not enough: the transaction must have recorded a redaction.
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('yj.redaction', '1', true)`);
        await tx.execute(sql`update audit_events set after = '{}'::jsonb`);
      }),
    ).rejects.toMatchObject(appendOnly);
    await expect(db.execute(sql`delete from redactions`)).rejects.toMatchObject({
      cause: { message: expect.stringMatching(appendOnlyRefusal('redactions')) as unknown },
    });
  });
});
