import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../platform/db/connect.js';
import { memberships, organisations } from '../../platform/db/core-tables.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import { ForbiddenError, ValidationError } from '../../platform/errors.js';
import { validated } from '../../platform/field-errors.js';

export const newOrganisationSchema = z.object({
  name: z.string().trim().min(1, 'Enter the name of the service').max(200, 'Name must be 200 characters or fewer'),
  kind: z.enum(['youthJusticeService', 'inspectorate']).default('youthJusticeService'),
  localAuthorities: z.array(z.string().trim().min(1)).default([]),
});

export function createOrganisationService(db: Database) {
  return {
    /** Creates an organisation; its creator becomes a member. Only administrators create organisations. */
    async create(actor: Actor, input: z.input<typeof newOrganisationSchema>) {
      if (!actor.isAdmin) throw new ForbiddenError('Only an administrator can add an organisation');
      const parsed = validated(newOrganisationSchema, input);
      return db.transaction(async (tx) => {
        const [clash] = await tx
          .select({ id: organisations.id })
          .from(organisations)
          .where(eq(organisations.name, parsed.name));
        if (clash) throw new ValidationError({ name: 'An organisation with this name already exists' });
        const [organisation] = await tx.insert(organisations).values(parsed).returning();
        await tx.insert(memberships).values({ userId: actor.id, organisationId: organisation!.id });
        await recordAudit(tx, actor, {
          action: 'organisation.create',
          subjectType: 'organisation',
          subjectId: organisation!.id,
          after: organisation,
        });
        return organisation!;
      });
    },

    list: () => db.select().from(organisations).orderBy(asc(organisations.name)),
  };
}

export type OrganisationService = ReturnType<typeof createOrganisationService>;
