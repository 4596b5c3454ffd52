import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../platform/db/connect.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import { memberships, organisations, users } from '../../platform/db/core-tables.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { validated } from '../../platform/field-errors.js';
import { isUuid } from '../../policy/access.js';
import { serviceRoles } from '../../policy/policy.js';
import { newUserSchema } from '../accounts/index.js';
import type { InvitationService } from '../team/index.js';

const newUserInvitation = z
  .object({
    email: newUserSchema.shape.email,
    displayName: z.string().trim().min(1, 'Enter their name').max(200, 'Name must be 200 characters or fewer'),
    organisationId: z.string().optional(),
    role: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.organisationId && !isUuid(v.organisationId))
      ctx.addIssue({ code: 'custom', path: ['organisationId'], message: 'Select a service' });
    if (v.organisationId && !(serviceRoles as readonly string[]).includes(v.role ?? ''))
      ctx.addIssue({ code: 'custom', path: ['role'], message: 'Select their role in the service' });
  });

/** An administrator creates a user (optionally with a role in a service) and emails them an invitation link. */
export function createUserInvitationService(db: Database, invitations: InvitationService, clock: Clock = systemClock) {
  return {
    async createAndInvite(actor: Actor, input: Record<string, unknown>, origin: string | undefined) {
      if (!actor.isAdmin) throw new NotFoundError('not found');
      const { email, displayName, organisationId, role } = validated(newUserInvitation, input, { by: 'box' });
      const issued = await db.transaction(async (tx) => {
        const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
        if (existing) throw new ValidationError({ email: 'A user with this email address already exists' });
        if (organisationId) {
          const [organisation] = await tx.select().from(organisations).where(eq(organisations.id, organisationId));
          if (!organisation) throw new ValidationError({ organisationId: 'Select a service' });
        }
        const [user] = await tx
          .insert(users)
          .values({ email, displayName, createdAt: clock.now() })
          .returning({ id: users.id });
        await recordAudit(tx, actor, {
          action: 'user.create',
          subjectType: 'user',
          subjectId: user!.id,
          after: { email, displayName },
        });
        if (organisationId) {
          await tx.insert(memberships).values({ userId: user!.id, organisationId, role: role! });
          await recordAudit(tx, actor, {
            action: 'membership.add',
            subjectType: 'user',
            subjectId: user!.id,
            after: { organisationId, role },
          });
        }
        return { userId: user!.id, ...(await invitations.issue(tx, actor, { userId: user!.id, email }, origin)) };
      });
      const sent = await invitations.send(issued, email, actor.displayName, '');
      return { ...sent, userId: issued.userId };
    },
  };
}
