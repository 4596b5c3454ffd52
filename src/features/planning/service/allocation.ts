import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../../platform/db/connect.js';
import { cases, teamMembers, users } from '../../../platform/db/core-tables.js';
import { getFramework } from '../../../platform/framework-registry.js';
import { balanceAllocation } from '../../../domain/sampling/balance.js';
import { isIsoDate } from '../../../domain/dates.js';
import { recordAudit, type Actor } from '../../../platform/audit.js';
import { ValidationError } from '../../../platform/errors.js';
import { inspectionWith } from '../../../policy/policy.js';
import { parseInput } from './schemas.js';
import { chosenCaseOf } from './chosen-case.js';

export const interviewSchema = z.object({
  caseId: z.uuid({ error: 'Select a case' }),
  planned: z
    .string()
    .refine(isIsoDate, 'The interview date must be a real date')
    .nullable()
    .describe('The date of the case manager interview; null when none is planned'),
  done: z.boolean({ error: 'Select whether the interview has taken place' }),
});
export type InterviewInput = z.input<typeof interviewSchema>;

/** Who assesses cases: the lead inspector and the inspectors of the team (not the ratings panel). */
async function inspectorsOf(db: Database, inspectionId: string) {
  return db
    .select({ userId: users.id, displayName: users.displayName })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teamMembers.inspectionId, inspectionId), inArray(teamMembers.role, ['leadInspector', 'inspector'])))
    .orderBy(asc(users.displayName), asc(users.id));
}

export function createAllocationService(db: Database) {
  return {
    /** Each inspector's cases by domain, and every case with its inspector and case manager interview. */
    async allocation(actor: Actor, inspectionId: string) {
      const inspection = await inspectionWith(db, actor, inspectionId, 'inspection.plan');
      const inspectors = await inspectorsOf(db, inspectionId);
      const rows = await db
        .select({
          id: cases.id,
          ref: cases.ref,
          domain: cases.domain,
          allocatedTo: cases.allocatedTo,
          caseManager: cases.caseManager,
          interviewPlanned: cases.interviewPlanned,
          caseManagerInterviewed: cases.caseManagerInterviewed,
        })
        .from(cases)
        .where(eq(cases.inspectionId, inspectionId))
        .orderBy(asc(cases.ref));
      const framework = getFramework(inspection.frameworkId);
      const domains = framework.file.caseDomains.filter((d) => rows.some((r) => r.domain === d.id));
      const nameOf = new Map(inspectors.map((i) => [i.userId, i.displayName]));
      const loads = inspectors.map((i) => {
        const own = rows.filter((r) => r.allocatedTo === i.userId);
        return {
          ...i,
          total: own.length,
          byDomain: Object.fromEntries(domains.map((d) => [d.id, own.filter((r) => r.domain === d.id).length])),
          interviewsPlanned: own.filter((r) => r.interviewPlanned !== null).length,
          interviewsDone: own.filter((r) => r.caseManagerInterviewed).length,
        };
      });
      return {
        inspection,
        framework,
        domains,
        inspectors: loads,
        cases: rows.map((r) => ({ ...r, allocatedName: r.allocatedTo ? (nameOf.get(r.allocatedTo) ?? null) : null })),
        unallocated: rows.filter((r) => r.allocatedTo === null).length,
      };
    },

    /** Allocates every unallocated case, balancing numbers and domains (src/sampling/balance.ts); audited. */
    async balance(actor: Actor, inspectionId: string) {
      await inspectionWith(db, actor, inspectionId, 'inspection.plan');
      const inspectors = await inspectorsOf(db, inspectionId);
      if (inspectors.length === 0)
        throw new ValidationError({ balance: 'Add inspectors to the inspection team before allocating cases' });
      return db.transaction(async (tx) => {
        const rows = await tx
          .select({ id: cases.id, ref: cases.ref, domain: cases.domain, allocatedTo: cases.allocatedTo })
          .from(cases)
          .where(eq(cases.inspectionId, inspectionId));
        const unallocated = rows.filter((r) => r.allocatedTo === null);
        if (unallocated.length === 0) throw new ValidationError({ balance: 'Every case is already allocated' });
        const loads = inspectors.map((i) => {
          const byDomain: Record<string, number> = {};
          for (const r of rows) if (r.allocatedTo === i.userId) byDomain[r.domain] = (byDomain[r.domain] ?? 0) + 1;
          return { id: i.userId, byDomain };
        });
        const allocation = balanceAllocation(unallocated, loads);
        for (const [caseId, userId] of allocation) {
          await tx
            .update(cases)
            .set({ allocatedTo: userId })
            .where(and(eq(cases.id, caseId), isNull(cases.allocatedTo)));
          await recordAudit(tx, actor, {
            action: 'case.allocate',
            subjectType: 'case',
            subjectId: caseId,
            inspectionId,
            after: { allocatedTo: userId, by: 'balance' },
          });
        }
        return { count: allocation.size };
      });
    },

    /** Records the case manager interview of a case: the date planned, and whether it has taken place. */
    async recordInterview(actor: Actor, inspectionId: string, input: unknown) {
      await inspectionWith(db, actor, inspectionId, 'inspection.plan');
      const { caseId, planned, done } = parseInput(interviewSchema, input);
      return db.transaction(async (tx) => {
        const before = await chosenCaseOf(tx, inspectionId, caseId);
        const [row] = await tx
          .update(cases)
          .set({ interviewPlanned: planned, caseManagerInterviewed: done })
          .where(eq(cases.id, caseId))
          .returning();
        await recordAudit(tx, actor, {
          action: 'case.interview',
          subjectType: 'case',
          subjectId: caseId,
          inspectionId,
          before: { interviewPlanned: before.interviewPlanned, caseManagerInterviewed: before.caseManagerInterviewed },
          after: { interviewPlanned: planned, caseManagerInterviewed: done },
        });
        return row!;
      });
    },
  };
}
