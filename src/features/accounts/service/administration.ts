import { readFileSync } from 'node:fs';
import { validated } from '../../../platform/field-errors.js';
import { translator } from '../../../platform/i18n/index.js';
import { catalogueFiles } from '../../../platform/i18n/catalogue.js';
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../../platform/db/connect.js';
import { systemClock, type Clock } from '../../../platform/clock.js';
import { apiTokens, sessions } from '../tables.js';
import { tokenColumns } from '../activity.js';
import { memberships, organisations, users } from '../../../platform/db/core-tables.js';
import { isUuid } from '../../../policy/access.js';
import { recordAudit, type Actor } from '../../../platform/audit.js';
import { NotFoundError, ValidationError } from '../../../platform/errors.js';
import { roleLabels, serviceRoles, type ServiceRole } from '../../../policy/policy.js';
import { tokenDefaultDays, tokenMaxDays, tokenScopes, type TokenScope, type UserService } from '../users.js';

/** Only system administrators manage users; to anyone else the pages do not exist. */
function requireAdministrator(actor: Actor) {
  if (!actor.isAdmin) throw new NotFoundError('not found');
}

const membershipSchema = z.object({
  organisationId: z.string().refine(isUuid, 'Select a service'),
  role: z.enum(serviceRoles, 'Select a role'),
});

const tokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Enter a name for the token, such as what will use it')
    .max(100, 'Name must be 100 characters or fewer'),
  scope: z.enum(tokenScopes, 'Select what the token may do'),
  expiresInDays: z.preprocess(
    (v) => (v === '' || v === undefined ? tokenDefaultDays : v),
    z.coerce
      .number({ error: 'Enter the number of days the token works, like 90' })
      .int('Enter the number of days as a whole number, like 90')
      .min(1, 'The token must work for at least 1 day')
      .max(tokenMaxDays, `The token may work for ${tokenMaxDays} days at most`),
  ),
});

/** User administration (disable, enable, service roles) and each user's own API tokens. */
export function createAdministrationService(db: Database, userService: UserService, clock: Clock = systemClock) {
  async function userRow(id: string) {
    if (!isUuid(id)) throw new NotFoundError('user not found');
    const [user] = await db.select().from(users).where(eq(users.id, id));
    if (!user) throw new NotFoundError('user not found');
    return user;
  }

  async function membershipsOf(userId: string) {
    const rows = await db
      .select({ organisationId: organisations.id, organisation: organisations.name, role: memberships.role })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .where(eq(memberships.userId, userId))
      .orderBy(asc(organisations.name));
    // 'member' predates named roles; the policy reads it as a QA lead.
    return rows.map((r) => ({ ...r, role: (r.role === 'member' ? 'qaLead' : r.role) as ServiceRole }));
  }

  return {
    async listUsers(actor: Actor) {
      requireAdministrator(actor);
      const rows = await db.select().from(users).orderBy(asc(users.displayName));
      const all = await db
        .select({ userId: memberships.userId, organisation: organisations.name, role: memberships.role })
        .from(memberships)
        .innerJoin(organisations, eq(organisations.id, memberships.organisationId));
      return rows.map((u) => ({
        id: u.id,
        email: u.email,
        displayName: u.displayName,
        isAdmin: u.isAdmin,
        disabled: u.disabledAt !== null,
        services: all
          .filter((m) => m.userId === u.id)
          .map((m) => `${m.organisation} (${roleLabels[(m.role === 'member' ? 'qaLead' : m.role) as ServiceRole]})`),
        // The same, the role apart: the page prints the role in its own language.
        memberships: all
          .filter((m) => m.userId === u.id)
          .map((m) => ({
            organisation: m.organisation,
            role: roleLabels[(m.role === 'member' ? 'qaLead' : m.role) as ServiceRole],
          })),
      }));
    },

    /**
     * The Welsh catalogue files (docs/welsh.md): each with whether a Welsh speaker has reviewed it (its
     * `_review` mark, as the translator read it) and how many messages it holds (plural forms counted once).
     */
    languageReview(actor: Actor) {
      requireAdministrator(actor);
      const { review } = translator().catalogue;
      return catalogueFiles()
        .filter((file) => file.language === 'cy')
        .map((file) => {
          const mark = review.find((m) => file.path.endsWith(`/${m.file}`));
          const keys = Object.keys(JSON.parse(readFileSync(file.path, 'utf8')) as Record<string, unknown>);
          const messages = new Set(
            keys.filter((key) => key !== '_review').map((key) => key.replace(/_(zero|one|two|few|many|other)$/, '')),
          );
          const name = mark?.file ?? file.path;
          return {
            file: name,
            folder: name.replace(/\/locales\/cy\.json$/, ''),
            reviewed: mark?.reviewed ?? false,
            messages: messages.size,
          };
        });
    },

    async user(actor: Actor, id: string) {
      requireAdministrator(actor);
      const user = await userRow(id);
      const allOrganisations = await db
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .orderBy(asc(organisations.name));
      return {
        user: { ...userService.toActorOf(user), disabledAt: user.disabledAt, createdAt: user.createdAt },
        hasPassword: user.passwordHash !== null,
        memberships: await membershipsOf(user.id),
        organisations: allOrganisations,
      };
    },

    /** Disabled: sessions end now, API tokens stop working (and work again if the user is enabled). */
    async setDisabled(actor: Actor, id: string, disabled: boolean) {
      requireAdministrator(actor);
      const user = await userRow(id);
      if (disabled && user.id === actor.id) throw new ValidationError({ disabled: 'You cannot disable yourself' });
      await db.transaction(async (tx) => {
        await tx
          .update(users)
          .set({ disabledAt: disabled ? clock.now() : null })
          .where(eq(users.id, user.id));
        if (disabled) await tx.delete(sessions).where(eq(sessions.userId, user.id));
        await recordAudit(tx, actor, {
          action: disabled ? 'user.disable' : 'user.enable',
          subjectType: 'user',
          subjectId: user.id,
          before: { disabled: user.disabledAt !== null },
          after: { disabled },
        });
      });
    },

    /** Gives the user a role in a service, or changes the role they have there. */
    async setMembership(actor: Actor, id: string, input: { organisationId?: unknown; role?: unknown }) {
      requireAdministrator(actor);
      const { organisationId, role } = validated(membershipSchema, input, { by: 'box' });
      const user = await userRow(id);
      await db.transaction(async (tx) => {
        const [organisation] = await tx.select().from(organisations).where(eq(organisations.id, organisationId));
        if (!organisation) throw new ValidationError({ organisationId: 'Select a service' });
        const [before] = await tx
          .select({ role: memberships.role })
          .from(memberships)
          .where(and(eq(memberships.userId, user.id), eq(memberships.organisationId, organisationId)));
        await tx
          .insert(memberships)
          .values({ userId: user.id, organisationId, role })
          .onConflictDoUpdate({ target: [memberships.userId, memberships.organisationId], set: { role } });
        await recordAudit(tx, actor, {
          action: before ? 'membership.change' : 'membership.add',
          subjectType: 'user',
          subjectId: user.id,
          before: before ? { organisationId, role: before.role } : null,
          after: { organisationId, role },
        });
      });
    },

    async removeMembership(actor: Actor, id: string, organisationId: string) {
      requireAdministrator(actor);
      const user = await userRow(id);
      if (!isUuid(organisationId)) throw new NotFoundError('membership not found');
      await db.transaction(async (tx) => {
        const [removed] = await tx
          .delete(memberships)
          .where(and(eq(memberships.userId, user.id), eq(memberships.organisationId, organisationId)))
          .returning();
        if (!removed) throw new NotFoundError('membership not found');
        await recordAudit(tx, actor, {
          action: 'membership.remove',
          subjectType: 'user',
          subjectId: user.id,
          before: { organisationId, role: removed.role },
        });
      });
    },

    /** The actor's own API tokens, newest first (never the tokens themselves: only their hashes are kept). */
    async tokensOf(actor: Actor, userId = actor.id) {
      if (userId !== actor.id) requireAdministrator(actor);
      return db
        .select({
          ...tokenColumns,
          expiresAt: apiTokens.expiresAt,
          lastUsedAt: apiTokens.lastUsedAt,
        })
        .from(apiTokens)
        .where(eq(apiTokens.userId, userId))
        .orderBy(desc(apiTokens.createdAt));
    },

    /** A new token for the actor: 'read' may only read; 'write' may also change data. Returned once. */
    async createToken(
      actor: Actor,
      input: { name?: unknown; scope?: unknown; expiresInDays?: unknown },
    ): Promise<string> {
      const { name, scope, expiresInDays } = validated(tokenSchema, input, { by: 'box' });
      const scopes: TokenScope[] = scope === 'write' ? ['read', 'write'] : ['read'];
      return userService.createApiToken(actor, actor.id, name, scopes, expiresInDays);
    },

    /** Revokes a token: the actor's own, or anyone's for an administrator. */
    async revokeToken(actor: Actor | null, tokenId: string): Promise<{ name: string; email: string }> {
      if (!isUuid(tokenId)) throw new NotFoundError('token not found');
      return db.transaction(async (tx) => {
        const [token] = await tx
          .select({ id: apiTokens.id, name: apiTokens.name, userId: apiTokens.userId, email: users.email })
          .from(apiTokens)
          .innerJoin(users, eq(users.id, apiTokens.userId))
          .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)));
        // The command line (actor null) may revoke any token; on the web, your own or, as an administrator, any.
        if (!token || (actor && !actor.isAdmin && token.userId !== actor.id))
          throw new NotFoundError('token not found');
        await tx.update(apiTokens).set({ revokedAt: clock.now() }).where(eq(apiTokens.id, token.id));
        await recordAudit(tx, actor, {
          action: 'apiToken.revoke',
          subjectType: 'apiToken',
          subjectId: token.id,
          before: { userId: token.userId, name: token.name, revoked: false },
          after: { revoked: true },
        });
        return { name: token.name, email: token.email };
      });
    },
  };
}

export type AdministrationService = ReturnType<typeof createAdministrationService>;
