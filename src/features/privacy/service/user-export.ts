import { and, asc, eq, or } from 'drizzle-orm';
import type { Database } from '../../../platform/db/connect.js';
import { systemClock, type Clock } from '../../../platform/clock.js';
import {
  answers,
  auditEvents,
  cases,
  inspections,
  memberships,
  organisations,
  teamMembers,
  users,
} from '../../../platform/db/core-tables.js';
import { accountActivityOf } from '../../accounts/index.js';
import { isUuid } from '../../../policy/access.js';
import { recordAudit, type Actor } from '../../../platform/audit.js';
import { NotFoundError } from '../../../platform/errors.js';

/**
 * Everything yj-inspect holds about a user (a subject access request), for the user themselves or a system
 * administrator. Secrets are never in it (password hash, session and token hashes). What they wrote about
 * children's cases is listed by reference, not copied out: case data stays in its inspection. Audited.
 */
export function createUserExportService(db: Database, clock: Clock = systemClock) {
  return {
    async export(actor: Actor, userId: string) {
      if (!isUuid(userId) || (userId !== actor.id && !actor.isAdmin)) throw new NotFoundError('user not found');
      const [user] = await db.select().from(users).where(eq(users.id, userId));
      if (!user) throw new NotFoundError('user not found');

      const held = {
        exportedAt: clock.now().toISOString(),
        user: {
          id: user.id,
          email: user.email,
          displayName: user.displayName,
          isAdmin: user.isAdmin,
          signsInWith: user.passwordHash ? 'password' : 'single sign-on',
          disabledAt: user.disabledAt,
          createdAt: user.createdAt,
        },
        serviceRoles: await db
          .select({ organisationId: organisations.id, organisation: organisations.name, role: memberships.role })
          .from(memberships)
          .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
          .where(eq(memberships.userId, userId)),
        inspectionTeams: await db
          .select({ inspectionId: inspections.id, inspection: inspections.title, role: teamMembers.role })
          .from(teamMembers)
          .innerJoin(inspections, eq(inspections.id, teamMembers.inspectionId))
          .where(eq(teamMembers.userId, userId)),
        ...(await accountActivityOf(db, user)),
        casesAllocated: await db
          .select({ inspectionId: cases.inspectionId, caseId: cases.id, ref: cases.ref })
          .from(cases)
          .where(eq(cases.allocatedTo, userId)),
        answersGiven: await db
          .select({
            caseId: answers.caseId,
            ref: cases.ref,
            questionId: answers.questionId,
            answeredAt: answers.answeredAt,
          })
          .from(answers)
          .innerJoin(cases, eq(cases.id, answers.caseId))
          .where(eq(answers.answeredBy, userId))
          .orderBy(asc(answers.answeredAt)),
        auditTrail: await db
          .select()
          .from(auditEvents)
          .where(
            or(
              eq(auditEvents.userId, userId),
              and(eq(auditEvents.subjectType, 'user'), eq(auditEvents.subjectId, userId)),
            ),
          )
          .orderBy(asc(auditEvents.id)),
      };
      await db.transaction(async (tx) => {
        await recordAudit(tx, actor, { action: 'user.export', subjectType: 'user', subjectId: userId });
      });
      return held;
    },
  };
}
