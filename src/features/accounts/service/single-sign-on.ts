import { and, eq, isNull } from 'drizzle-orm';
import type { Database, Queryable } from '../../../platform/db/connect.js';
import { systemClock, type Clock } from '../../../platform/clock.js';
import { memberships, organisations, users } from '../../../platform/db/core-tables.js';
import { recordAudit, type Actor } from '../../../platform/audit.js';
import { serviceRoles, type ServiceRole } from '../../../policy/policy.js';
import { toActor } from '../users.js';

/** What the identity provider said about the person, from the ID token's claims. */
export interface Identity {
  issuer: string;
  subject: string;
  email?: string;
  emailVerified?: boolean;
  name?: string;
}

export interface SingleSignOnRules {
  /** The service new users join; without it they are created with no role and see nothing until given one. */
  organisation?: string;
  allowedDomains: readonly string[];
  defaultRole: string;
}

export type SingleSignOnResult =
  { outcome: 'signedIn'; actor: Actor; provisioned: boolean } | { outcome: 'refused'; reason: string };

/**
 * Users from the identity provider: an account is linked to the provider's (issuer, subject) and found by it
 * afterwards. A first sign-in links to the local account with the same email only when the provider says the
 * email is verified and its domain is one of YJ_OIDC_ALLOWED_DOMAINS, never to an administrator, and never to an
 * account already linked to another identity; with no such account, the user is created in the configured
 * service with the default role (an auditor unless YJ_OIDC_DEFAULT_ROLE says otherwise: the one service role
 * that only reads). Refused: no email, an email not verified, a domain not allowed, a disabled user.
 */
export function createSingleSignOnService(db: Database, clock: Clock = systemClock) {
  // Sign-ins are on the audit trail, as password sign-ins are.
  const recordSignIn = (tx: Queryable, actor: Actor, requestId: string | undefined, linked = false) =>
    recordAudit(
      tx,
      { ...actor, requestId },
      {
        action: 'user.signIn',
        subjectType: 'user',
        subjectId: actor.id,
        after: { method: 'singleSignOn', ...(linked && { linked: true }) },
      },
    );
  const refused = (reason: string) => ({ outcome: 'refused', reason }) as const;
  return {
    async userForIdentity(
      identity: Identity,
      rules: SingleSignOnRules,
      requestId?: string,
    ): Promise<SingleSignOnResult> {
      if (!(serviceRoles as readonly string[]).includes(rules.defaultRole))
        throw new Error(`YJ_OIDC_DEFAULT_ROLE must be one of ${serviceRoles.join(', ')}, not "${rules.defaultRole}"`);
      const role = rules.defaultRole as ServiceRole;
      const [linked] = await db
        .select()
        .from(users)
        .where(and(eq(users.oidcIssuer, identity.issuer), eq(users.oidcSubject, identity.subject)));
      if (linked) {
        if (linked.disabledAt) return refused('Your account has been disabled');
        await recordSignIn(db, toActor(linked), requestId);
        return { outcome: 'signedIn', actor: toActor(linked), provisioned: false };
      }
      const email = identity.email?.trim().toLowerCase();
      if (!email) return refused('Your identity provider did not give an email address');
      // A missing claim is no assurance: only an explicit true counts.
      if (identity.emailVerified !== true)
        return refused('Your identity provider says your email address is not verified');
      const domain = email.split('@')[1] ?? '';
      if (!rules.allowedDomains.includes(domain))
        return refused(`Accounts at ${domain} cannot sign in to yj-inspect with single sign-on`);

      return db.transaction(async (tx) => {
        const [existing] = await tx.select().from(users).where(eq(users.email, email)).for('update');
        if (existing) {
          if (existing.disabledAt) return refused('Your account has been disabled');
          if (existing.isAdmin)
            return refused('An administrator signs in with their password: single sign-on cannot be linked by email');
          if (existing.oidcSubject !== null)
            return refused('Your email address belongs to an account linked to another single sign-on identity');
          const [after] = await tx
            .update(users)
            .set({ oidcIssuer: identity.issuer, oidcSubject: identity.subject })
            .where(and(eq(users.id, existing.id), isNull(users.oidcSubject)))
            .returning();
          await recordAudit(
            tx,
            { ...toActor(existing), requestId },
            {
              action: 'user.ssoLink',
              subjectType: 'user',
              subjectId: existing.id,
              before: { oidcIssuer: null, oidcSubject: null },
              after: { oidcIssuer: identity.issuer, oidcSubject: identity.subject },
            },
          );
          await recordSignIn(tx, toActor(after!), requestId, true);
          return { outcome: 'signedIn', actor: toActor(after!), provisioned: false } as const;
        }
        const [organisation] = rules.organisation
          ? await tx.select().from(organisations).where(eq(organisations.name, rules.organisation))
          : [];
        if (rules.organisation && !organisation)
          throw new Error(`YJ_OIDC_ORGANISATION names no service: "${rules.organisation}"`);
        const [user] = await tx
          .insert(users)
          .values({
            email,
            displayName: identity.name?.trim() || email,
            passwordHash: null,
            oidcIssuer: identity.issuer,
            oidcSubject: identity.subject,
            createdAt: clock.now(),
          })
          .returning();
        const system = null;
        await recordAudit(tx, system, {
          requestId,
          action: 'user.create',
          subjectType: 'user',
          subjectId: user!.id,
          after: {
            email,
            displayName: user!.displayName,
            isAdmin: false,
            via: identity.issuer,
            subject: identity.subject,
          },
        });
        if (organisation) {
          await tx.insert(memberships).values({ userId: user!.id, organisationId: organisation.id, role });
          await recordAudit(tx, system, {
            requestId,
            action: 'membership.add',
            subjectType: 'user',
            subjectId: user!.id,
            after: { organisationId: organisation.id, role },
          });
        }
        await recordSignIn(tx, toActor(user!), requestId);
        return { outcome: 'signedIn', actor: toActor(user!), provisioned: true } as const;
      });
    },
  };
}

export type SingleSignOnService = ReturnType<typeof createSingleSignOnService>;
