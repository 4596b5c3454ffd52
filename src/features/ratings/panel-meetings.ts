import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../platform/db/connect.js';
import { teamMembers, users } from '../../platform/db/core-tables.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import { ValidationError } from '../../platform/errors.js';
import { isIsoDate } from '../../domain/dates.js';
import { validated } from '../../platform/field-errors.js';
import type { RatingService } from './service.js';
import { panelMeetings } from './tables.js';

export const panelMeetingSchema = z.object({
  heldOn: z
    .string({ error: 'Enter the date of the meeting' })
    .min(1, 'Enter the date of the meeting')
    .refine(isIsoDate, 'The date of the meeting must be a real date'),
  members: z.array(z.string()).min(1, 'Select the members who were present'),
  standardsConsidered: z.array(z.string()).min(1, 'Select the standards the panel considered'),
  notes: z.string().trim().max(2_000, 'Notes must be 2,000 characters or fewer').default(''),
});

/** The ratings panel's meetings: when they met, who was there, which standards they considered. */
export function createPanelMeetingService(db: Database, ratings: RatingService) {
  /** Who may be recorded as present: the team that rates, never the inspected service. */
  async function panelOf(inspectionId: string) {
    return db
      .select({ id: users.id, displayName: users.displayName, role: teamMembers.role })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(
        and(
          eq(teamMembers.inspectionId, inspectionId),
          inArray(teamMembers.role, ['leadInspector', 'inspector', 'ratingsPanel']),
        ),
      )
      .orderBy(asc(users.displayName));
  }

  return {
    /** The meetings, newest first, with the members' names; and what the form offers. */
    async list(actor: Actor, inspectionId: string) {
      const { rating } = await ratings.rate(actor, inspectionId);
      const panel = await panelOf(inspectionId);
      const rows = await db
        .select()
        .from(panelMeetings)
        .where(eq(panelMeetings.inspectionId, inspectionId))
        .orderBy(desc(panelMeetings.heldOn), desc(panelMeetings.recordedAt));
      const names = new Map(panel.map((m) => [m.id, m.displayName]));
      return {
        panel,
        /** The standards a meeting may consider: those eligible for professional discretion. */
        eligible: rating.standards.filter((s) => s.discretion?.eligible === true).map((s) => s.id),
        meetings: rows.map((row) => ({
          ...row,
          memberNames: row.members.map((id) => names.get(id) ?? 'A former member of the team'),
        })),
      };
    },

    async record(actor: Actor, inspectionId: string, input: Record<string, unknown>) {
      const { rating } = await ratings.rate(actor, inspectionId, 'discretion.decide');
      const parsed = validated(panelMeetingSchema, input);
      const { heldOn, members, standardsConsidered, notes } = parsed;
      const panel = new Set((await panelOf(inspectionId)).map((m) => m.id));
      if (members.some((id) => !panel.has(id)))
        throw new ValidationError({ members: 'Select members of the inspection team only' });
      const eligible = new Set(rating.standards.filter((s) => s.discretion?.eligible === true).map((s) => s.id));
      const unknown = standardsConsidered.filter((id) => !eligible.has(id));
      if (unknown.length)
        throw new ValidationError({
          standardsConsidered: `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not eligible for professional discretion: select eligible standards only`,
        });
      return db.transaction(async (tx) => {
        const [meeting] = await tx
          .insert(panelMeetings)
          .values({
            inspectionId,
            heldOn,
            members: [...new Set(members)],
            standardsConsidered: [...new Set(standardsConsidered)].sort(),
            notes,
            recordedBy: actor.id,
          })
          .returning();
        await recordAudit(tx, actor, {
          action: 'panel.meeting',
          subjectType: 'inspection',
          subjectId: inspectionId,
          inspectionId,
          after: meeting,
        });
        return meeting!;
      });
    },
  };
}

export type PanelMeetingService = ReturnType<typeof createPanelMeetingService>;
