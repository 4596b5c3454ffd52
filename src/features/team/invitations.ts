import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Database, Queryable } from '../../platform/db/connect.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import { users } from '../../platform/db/core-tables.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import { ValidationError } from '../../platform/errors.js';
import { passwordProblem } from '../accounts/index.js';
import { inRecipientLanguage, type Mailer } from '../../platform/mail.js';
import type { Passwords } from '../../platform/passwords.js';
import { invitationDays, invitationEmail } from './mail.js';
import { invitations } from './tables.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface SentInvitation {
  /** The link, for the inviter to pass on when no email could be sent. */
  link: string;
  emailed: boolean;
  expiresAt: Date;
}

/** Invitation links: made with a new user, sent by email, used once to set a password. */
export function createInvitationService(
  db: Database,
  mailer: Mailer | null,
  addresses: { publicUrl?: string; localUrl: string },
  passwords: Passwords,
  clock: Clock = systemClock,
) {
  return {
    /** Inside the caller's transaction: the link is made with the user or team change it belongs to. */
    async issue(
      tx: Queryable,
      actor: Actor,
      invited: { userId: string; email: string; inspectionId?: string; role?: 'inspector' | 'ratingsPanel' },
      /** The address the inviter's browser used, when there is one. */
      origin: string | undefined,
      now = clock.now(),
    ) {
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now.getTime() + invitationDays * 86_400_000);
      const [row] = await tx
        .insert(invitations)
        .values({
          tokenHash: sha256(token),
          userId: invited.userId,
          inspectionId: invited.inspectionId ?? null,
          role: invited.role ?? null,
          invitedBy: actor.id,
          expiresAt,
          createdAt: now,
        })
        .returning({ id: invitations.id });
      await recordAudit(tx, actor, {
        action: 'invitation.create',
        subjectType: 'user',
        subjectId: invited.userId,
        inspectionId: invited.inspectionId ?? null,
        after: { invitationId: row!.id, email: invited.email, expiresAt: expiresAt.toISOString() },
      });
      // A configured address first: a forged Host header must not choose where the link points.
      const base = addresses.publicUrl ?? origin ?? addresses.localUrl;
      return { link: `${base.replace(/\/$/, '')}/invitations/${token}`, expiresAt };
    },

    /** Sends the email after the transaction: a mail server that is down does not undo the invitation. */
    async send(invitation: { link: string; expiresAt: Date }, to: string, invitedBy: string, purpose: string) {
      if (!mailer) return { ...invitation, emailed: false };
      // In the recipient's own language where their account has one; else in the inviter's page language.
      await inRecipientLanguage(db, to, () =>
        mailer.transport.sendMail({
          from: mailer.from,
          ...invitationEmail({ to, invitedBy, link: invitation.link, purpose }),
        }),
      );
      return { ...invitation, emailed: true };
    },

    /** What the link's page shows: whose invitation it is, or why it no longer works. */
    async lookUp(token: string, now = clock.now()) {
      const [row] = await db
        .select({ invitation: invitations, email: users.email, displayName: users.displayName })
        .from(invitations)
        .innerJoin(users, eq(users.id, invitations.userId))
        .where(eq(invitations.tokenHash, sha256(token)));
      if (!row) return { state: 'unknown' as const };
      if (row.invitation.usedAt) return { state: 'used' as const };
      if (row.invitation.expiresAt <= now) return { state: 'expired' as const };
      return { state: 'open' as const, email: row.email, displayName: row.displayName };
    },

    /** Sets the password and spends the link, in one transaction: of two tabs, one wins. */
    async accept(token: string, input: { password?: string; confirm?: string }, now = clock.now()) {
      const found = await this.lookUp(token, now);
      if (found.state !== 'open')
        throw new ValidationError({ password: 'This invitation link no longer works: ask for a new one' });
      const password = input.password ?? '';
      const problem = passwordProblem(password, found.email);
      if (problem) throw new ValidationError({ password: problem });
      if (password !== input.confirm) throw new ValidationError({ confirm: 'Passwords must match' });
      const passwordHash = await passwords.hash(password);
      return db.transaction(async (tx) => {
        const [spent] = await tx
          .update(invitations)
          .set({ usedAt: now })
          .where(
            and(eq(invitations.tokenHash, sha256(token)), isNull(invitations.usedAt), gt(invitations.expiresAt, now)),
          )
          .returning();
        if (!spent) throw new ValidationError({ password: 'This invitation link no longer works: ask for a new one' });
        await tx.update(users).set({ passwordHash }).where(eq(users.id, spent.userId));
        await recordAudit(tx, null, {
          action: 'invitation.accept',
          subjectType: 'user',
          subjectId: spent.userId,
          inspectionId: spent.inspectionId,
          after: { invitationId: spent.id },
        });
        return { email: found.email };
      });
    },
  };
}

export type InvitationService = ReturnType<typeof createInvitationService>;
