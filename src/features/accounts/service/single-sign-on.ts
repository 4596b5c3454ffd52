import { eq } from 'drizzle-orm';
import type { Database, Queryable } from '../../../platform/db/connect.js';
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
 * Users from the identity provider: matched to a local user by email, or created in the configured service
 * with the default role (an auditor unless YJ_OIDC_DEFAULT_ROLE says otherwise: the one service role that only
 * reads). Refused: no email, an email the provider says is unverified, a domain not allowed, a disabled user.
 */
export function createSingleSignOnService(db: Database) {
  // Sign-ins are on the audit trail, as password sign-ins are.
  const recordSignIn = (tx: Queryable, actor: Actor) =>
    recordAudit(tx, actor, {
      action: 'user.signIn',
      subjectType: 'user',
      subjectId: actor.id,
      after: { method: 'singleSignOn' },
    });
  return {
    async userForIdentity(identity: Identity, rules: SingleSignOnRules): Promise<SingleSignOnResult> {
      const email = identity.email?.trim().toLowerCase();
      if (!email) return { outcome: 'refused', reason: 'Your identity provider did not give an email address' };
      if (identity.emailVerified === false)
        return { outcome: 'refused', reason: 'Your identity provider says your email address is not verified' };
      const domain = email.split('@')[1] ?? '';
      if (rules.allowedDomains.length > 0 && !rules.allowedDomains.includes(domain))
        return { outcome: 'refused', reason: `Accounts at ${domain} cannot sign in to yj-inspect with single sign-on` };
      if (!(serviceRoles as readonly string[]).includes(rules.defaultRole))
        throw new Error(`YJ_OIDC_DEFAULT_ROLE must be one of ${serviceRoles.join(', ')}, not "${rules.defaultRole}"`);
      const role = rules.defaultRole as ServiceRole;

      return db.transaction(async (tx) => {
        const [existing] = await tx.select().from(users).where(eq(users.email, email));
        if (existing) {
          if (existing.disabledAt) return { outcome: 'refused', reason: 'Your account has been disabled' } as const;
          await recordSignIn(tx, toActor(existing));
          return { outcome: 'signedIn', actor: toActor(existing), provisioned: false } as const;
        }
        const [organisation] = rules.organisation
          ? await tx.select().from(organisations).where(eq(organisations.name, rules.organisation))
          : [];
        if (rules.organisation && !organisation)
          throw new Error(`YJ_OIDC_ORGANISATION names no service: "${rules.organisation}"`);
        const [user] = await tx
          .insert(users)
          .values({ email, displayName: identity.name?.trim() || email, passwordHash: null })
          .returning();
        const system = null;
        await recordAudit(tx, system, {
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
            action: 'membership.add',
            subjectType: 'user',
            subjectId: user!.id,
            after: { organisationId: organisation.id, role },
          });
        }
        await recordSignIn(tx, toActor(user!));
        return { outcome: 'signedIn', actor: toActor(user!), provisioned: true } as const;
      });
    },
  };
}

export type SingleSignOnService = ReturnType<typeof createSingleSignOnService>;
