import { z } from 'zod';
import { joiningRoles } from './service.js';

const role = z.enum(joiningRoles, 'Select inspector or ratingsPanel');

/** The team's request and response bodies, spread into schemas.ts's tables. */
export const teamRequestBodies = {
  AddTeamMember: z.strictObject({ userId: z.uuid('Select a person to add: userId'), role }),
  InviteTeamMember: z.strictObject({
    email: z.string().describe('They are emailed a link, valid once for 7 days, to set their password'),
    displayName: z.string(),
    role,
  }),
} satisfies Record<string, z.ZodType>;

const member = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  email: z.string(),
  role: z.enum(['leadInspector', ...joiningRoles]),
  roleLabel: z.string(),
  hasPassword: z.boolean(),
  invited: z.boolean().describe('An invitation link is open and they have not set a password yet'),
  allocated: z.int().describe('Cases allocated to them'),
});

export const teamResponseBodies = {
  Team: z.object({ team: z.array(member) }),
  TeamCandidates: z.object({
    candidates: z.array(z.object({ id: z.uuid(), displayName: z.string(), email: z.string() })),
  }),
  TeamMemberAdded: z.object({ id: z.uuid(), displayName: z.string(), email: z.string(), role }),
  TeamInvitation: z.object({
    email: z.string(),
    displayName: z.string(),
    role,
    emailed: z.boolean(),
    expiresAt: z.iso.datetime(),
    link: z.string().optional().describe('Only when no email could be sent: pass it on to them'),
  }),
  TeamMemberRemoved: z.object({ displayName: z.string(), email: z.string(), role: z.string() }),
} satisfies Record<string, z.ZodType>;
