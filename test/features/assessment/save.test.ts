import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../src/platform/db/connect.js';
import { auditEvents } from '../../../src/platform/db/core-tables.js';
import type { Actor } from '../../../src/platform/audit.js';
import { ConflictError } from '../../../src/platform/errors.js';
import { createServices, type Services } from '../../../src/platform/services.js';
import { openTestDatabase } from '../../support/database.js';

let database: DatabaseHandle;
let services: Services;
let inspector: Actor;
let inspectionId: string;
let caseId: string;

beforeAll(async () => {
  database = await openTestDatabase();
  services = createServices(database);
  inspector = await services.users.create(null, {
    email: 'i@example.org',
    displayName: 'Inspector',
    password: 'correct horse battery',
    isAdmin: true,
  });
  const organisation = await services.organisations.create(inspector, { name: 'Save YJS' });
  inspectionId = (
    await services.inspections.create(inspector, {
      organisationId: organisation.id,
      framework: 'hmip-youth-2021',
      kind: 'internalAudit',
    })
  ).id;
  caseId = (await services.cases.add(inspector, inspectionId, { ref: 'S1', domain: 'court' })).id;
});
afterAll(() => database.close());

const auditOf = () =>
  database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, caseId), eq(auditEvents.action, 'answers.save')))
    .orderBy(asc(auditEvents.id));

describe('saving answers', () => {
  it('stores the answers, bumps the version and records before and after in the audit trail', async () => {
    const first = await services.assessment.save(inspector, inspectionId, caseId, {
      answers: { '2.1.1': 'no', '2.1.1.1': 'yes' },
      evidence: { '2.1.1': 'first' },
      expectedVersion: 1,
    });
    const second = await services.assessment.save(inspector, inspectionId, caseId, {
      answers: { '2.1.1': 'yes' },
      evidence: { '2.1.1': 'second' },
      expectedVersion: first.version,
    });
    expect([first.version, second.version]).toEqual([2, 3]);
    const stored = await services.assessment.get(inspector, inspectionId, caseId);
    expect(stored.answers['2.1.1']).toMatchObject({ answer: 'yes', evidence: 'second' });
    expect(stored.answers['2.1.1.1']).toMatchObject({ answer: 'yes', evidence: '' });
    const events = await auditOf();
    expect(events.map((e) => [e.before, e.after, e.userId, e.inspectionId])).toEqual([
      [
        {},
        { '2.1.1': { answer: 'no', evidence: 'first' }, '2.1.1.1': { answer: 'yes', evidence: '' } },
        inspector.id,
        inspectionId,
      ],
      [
        { '2.1.1': { answer: 'no', evidence: 'first' } },
        { '2.1.1': { answer: 'yes', evidence: 'second' } },
        inspector.id,
        inspectionId,
      ],
    ]);
  });

  it('refuses a stale version and writes nothing: no answer, no version, no audit event', async () => {
    const before = await services.assessment.get(inspector, inspectionId, caseId);
    await expect(
      services.assessment.save(inspector, inspectionId, caseId, { answers: { '2.1.1': 'no' }, expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(ConflictError);
    const after = await services.assessment.get(inspector, inspectionId, caseId);
    expect(after.case.version).toBe(before.case.version);
    expect(after.answers['2.1.1']!.answer).toBe('yes');
    expect(await auditOf()).toHaveLength(2);
  });

  it('lets only one of two saves of the same version through', async () => {
    const { case: row } = await services.assessment.get(inspector, inspectionId, caseId);
    const results = await Promise.allSettled(
      ['yes', 'no'].map((answer) =>
        services.assessment.save(inspector, inspectionId, caseId, {
          answers: { '2.1.2': answer as 'yes' | 'no' },
          expectedVersion: row.version,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(
      ConflictError,
    );
  });
});
