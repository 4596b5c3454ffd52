import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Database } from '../../../platform/db/connect.js';
import { systemClock, type Clock } from '../../../platform/clock.js';
import { apiTokens, keptForms, sessions } from '../tables.js';
import { recordAudit, type Actor } from '../../../platform/audit.js';
import { NotFoundError } from '../../../platform/errors.js';
import type { UserService } from '../users.js';
import { clearFailures, reserveAttempt } from './throttle.js';

export type SignInResult =
  { outcome: 'signedIn'; actor: Actor } | { outcome: 'refused' } | { outcome: 'throttled'; minutes: number };

/** A posted form's fields, as the body parser gave them: strings, lists and nested fields. */
export type { FormFields } from '../../../platform/web/forms.js';
import type { FormFields } from '../../../platform/web/forms.js';

/** Signing in and out, and what a session that ended mid-form leaves behind. */
export function createSignInService(db: Database, users: UserService, clock: Clock = systemClock) {
  return {
    /** Checks the password unless the account or the address is locked out; every failure counts. */
    async signIn(email: string, password: string, address: string, requestId?: string): Promise<SignInResult> {
      const account = email.trim().toLowerCase();
      // Sign-ins are on the audit trail too, so that who could have seen what can be shown afterwards.
      const audit = (actor: Actor | null, action: string, after: object) =>
        recordAudit(db, actor ? { ...actor, requestId } : null, {
          action,
          subjectType: 'user',
          subjectId: actor?.id ?? account,
          after: { address, ...after },
          requestId,
        }).then(() => undefined);
      const minutes = await reserveAttempt(db, account, address, clock.now());
      if (minutes > 0) {
        await audit(null, 'user.signInThrottled', { email: account, minutes });
        return { outcome: 'throttled', minutes };
      }
      const actor = await users.authenticate(account, password);
      if (!actor) {
        await audit(null, 'user.signInFailed', { email: account });
        return { outcome: 'refused' };
      }
      await clearFailures(db, account);
      await audit(actor, 'user.signIn', { method: 'password' });
      return { outcome: 'signedIn', actor };
    },

    /** Ends every session of the user, and revokes their API tokens when asked. */
    async signOutEverywhere(actor: Actor, options: { revokeTokens: boolean }): Promise<void> {
      await db.transaction(async (tx) => {
        const ended = await tx
          .delete(sessions)
          .where(eq(sessions.userId, actor.id))
          .returning({ tokenHash: sessions.tokenHash });
        const revoked = options.revokeTokens
          ? await tx
              .update(apiTokens)
              .set({ revokedAt: clock.now() })
              .where(and(eq(apiTokens.userId, actor.id), isNull(apiTokens.revokedAt)))
              .returning({ id: apiTokens.id })
          : [];
        await recordAudit(tx, actor, {
          action: 'user.signOutEverywhere',
          subjectType: 'user',
          subjectId: actor.id,
          after: { sessionsEnded: ended.length, tokensRevoked: revoked.length },
        });
      });
    },

    /** Keeps a form posted after its session ended, for the same user to send after signing in again. */
    async keepForm(userId: string, path: string, fields: FormFields): Promise<string> {
      // A day is long enough to come back to it; older kept forms are of no use to anyone.
      const now = clock.now();
      await db.delete(keptForms).where(lt(keptForms.createdAt, new Date(now.getTime() - 86_400_000)));
      const [kept] = await db
        .insert(keptForms)
        .values({ userId, path, fields, createdAt: now })
        .returning({ id: keptForms.id });
      return kept!.id;
    },

    /** The kept form, once: only its own user gets it back, and then it is gone. */
    async takeKeptForm(actor: Actor, id: string): Promise<{ path: string; fields: FormFields }> {
      if (!/^[0-9a-f-]{36}$/.test(id)) throw new NotFoundError('kept form not found');
      const [kept] = await db
        .delete(keptForms)
        .where(and(eq(keptForms.id, id), eq(keptForms.userId, actor.id)))
        .returning();
      if (!kept) throw new NotFoundError('kept form not found');
      return { path: kept.path, fields: kept.fields as FormFields };
    },
  };
}

export type SignInService = ReturnType<typeof createSignInService>;
