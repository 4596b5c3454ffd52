import { validated } from '../../platform/field-errors.js';
import { sessionRules } from '../../policy/session-rules.js';
import { credentialHolds } from './credentials.js';
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../platform/db/connect.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import { apiTokens, sessions } from './tables.js';
import { memberships, users } from '../../platform/db/core-tables.js';
import { passwordProblem } from './service/passwords.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import type { Passwords } from '../../platform/passwords.js';
import { ValidationError } from '../../platform/errors.js';
import { serviceRoles, type ServiceRole } from '../../policy/policy.js';

/** A session ends after 30 minutes unused or 12 hours after sign-in, whichever is first; a warning comes 5 minutes before. */
export const tokenScopes = ['read', 'write'] as const;
export type TokenScope = (typeof tokenScopes)[number];

export const newUserSchema = z.object({
  email: z
    .email('Enter an email address in the correct format, like name@example.org')
    .transform((e) => e.toLowerCase()),
  displayName: z.string().trim().min(1, 'Enter a name'),
  password: z.string().optional(),
  isAdmin: z.boolean().default(false),
});
export type NewUser = z.input<typeof newUserSchema>;

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const newToken = (prefix: string) => `${prefix}${randomBytes(32).toString('base64url')}`;

/** How long a new API token works unless its maker chooses otherwise; the longest allowed is a year. */
export const tokenDefaultDays = 90;
export const tokenMaxDays = 366;

export function toActor(user: typeof users.$inferSelect): Actor {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    isAdmin: user.isAdmin,
    language: user.language,
  };
}

export interface SignedInSession {
  actor: Actor;
  /** When the session ends if the user does nothing more: idle limit or absolute limit, whichever is first. */
  endsAt: Date;
}

export function createUserService(db: Database, passwords: Passwords, clock: Clock = systemClock) {
  const minutesAgo = (minutes: number) => new Date(clock.now().getTime() - minutes * 60_000);
  /** The session's user, if it has not ended; using it restarts the idle clock. */
  // The lookups every request makes: prepared once (named statements on a PostgreSQL server).
  const sessionByHash = db
    .select({ user: users, expiresAt: sessions.expiresAt, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder('hash')),
        gt(sessions.expiresAt, sql.placeholder('now')),
        gt(sessions.lastSeenAt, sql.placeholder('idleSince')),
        isNull(users.disabledAt),
      ),
    )
    .prepare('session_of');
  const tokenByHash = db
    .select({ user: users, scopes: apiTokens.scopes, id: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, sql.placeholder('hash')),
        isNull(apiTokens.revokedAt),
        gt(apiTokens.expiresAt, sql.placeholder('now')),
        isNull(users.disabledAt),
      ),
    )
    .prepare('api_token_of');

  async function sessionOf(token: string): Promise<SignedInSession | null> {
    const tokenHash = sha256(token);
    const [row] = await sessionByHash.execute({
      hash: tokenHash,
      now: clock.now(),
      idleSince: minutesAgo(sessionRules.idleMinutes),
    });
    if (!row) return null;
    // One write a minute at most: the idle clock does not need finer grain than that.
    let lastSeenAt = row.lastSeenAt;
    if (lastSeenAt < minutesAgo(1)) {
      lastSeenAt = clock.now();
      await db.update(sessions).set({ lastSeenAt }).where(eq(sessions.tokenHash, tokenHash));
    }
    const idleEnd = new Date(lastSeenAt.getTime() + sessionRules.idleMinutes * 60_000);
    return {
      actor: { ...toActor(row.user), credential: { kind: 'session', hash: tokenHash } },
      endsAt: idleEnd < row.expiresAt ? idleEnd : row.expiresAt,
    };
  }

  // Tokens found in the last minute, for the writes that check the credential again in their own statement. The
  // minute is how long this process remembers one (performance.now, a duration), not a time of the services' clock.
  const rememberedTokens = new Map<string, { found: { actor: Actor; scopes: TokenScope[] }; at: number }>();

  /** The token's user and scopes, unless it was revoked, has expired or its user is disabled. */
  async function apiTokenOf(token: string): Promise<{ actor: Actor; scopes: TokenScope[] } | null> {
    const hash = sha256(token);
    const [row] = await tokenByHash.execute({ hash, now: clock.now() });
    if (!row) {
      rememberedTokens.delete(hash);
      return null;
    }
    // One write a minute at most, as for sessions.
    if (!row.lastUsedAt || row.lastUsedAt < minutesAgo(1))
      await db.update(apiTokens).set({ lastUsedAt: clock.now() }).where(eq(apiTokens.id, row.id));
    const found = {
      actor: { ...toActor(row.user), credential: { kind: 'token' as const, hash } },
      scopes: row.scopes as TokenScope[],
    };
    rememberedTokens.delete(hash);
    rememberedTokens.set(hash, { found, at: performance.now() });
    if (rememberedTokens.size > 5_000) rememberedTokens.delete(rememberedTokens.keys().next().value!);
    return found;
  }

  /**
   * The token as apiTokenOf found it less than a minute ago, from memory, marked `remembered`; otherwise as
   * apiTokenOf finds it now. Only for a write that checks the credential in its own statement: a revocation
   * since then is seen there, at once.
   */
  async function apiTokenForCheckedWrite(token: string): Promise<{ actor: Actor; scopes: TokenScope[] } | null> {
    const kept = rememberedTokens.get(sha256(token));
    if (kept && performance.now() - kept.at < 60_000) {
      const { actor, scopes } = kept.found;
      return { actor: { ...actor, credential: { ...actor.credential!, remembered: true } }, scopes };
    }
    return apiTokenOf(token);
  }

  return {
    sessionOf,
    apiTokenOf,
    apiTokenForCheckedWrite,
    /** Whether the actor's credential still holds now. */
    credentialHolds: (actor: Actor) => credentialHolds(db, actor, clock.now()),
    toActorOf: toActor,

    async create(actor: Actor | null, input: NewUser): Promise<Actor> {
      const { email, displayName, password, isAdmin } = validated(newUserSchema, input, { by: 'box' });
      const problem = password === undefined ? null : passwordProblem(password, email);
      if (problem) throw new ValidationError({ password: problem });
      const passwordHash = password ? await passwords.hash(password) : null;
      return db.transaction(async (tx) => {
        const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
        if (existing) throw new ValidationError({ email: 'A user with this email address already exists' });
        const [user] = await tx
          .insert(users)
          .values({ email, displayName, passwordHash, isAdmin, createdAt: clock.now() })
          .returning();
        await recordAudit(tx, actor, {
          action: 'user.create',
          subjectType: 'user',
          subjectId: user!.id,
          after: { email, displayName, isAdmin },
        });
        return toActor(user!);
      });
    },

    /** Remembers the interface language the user chose with the language toggle ('en' or 'cy'). */
    async setLanguage(actor: Actor, language: string): Promise<void> {
      if (actor.language === language) return;
      await db.transaction(async (tx) => {
        await tx.update(users).set({ language }).where(eq(users.id, actor.id));
        await recordAudit(tx, actor, {
          action: 'user.language',
          subjectType: 'user',
          subjectId: actor.id,
          before: { language: actor.language ?? null },
          after: { language },
        });
      });
    },

    async findByEmail(email: string): Promise<Actor | null> {
      const [user] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
      return user ? toActor(user) : null;
    },

    /** Gives the user a role in a service (or changes it): one of serviceRoles. */
    async addMembership(actor: Actor | null, userId: string, organisationId: string, role: ServiceRole = 'qaLead') {
      if (!(serviceRoles as readonly string[]).includes(role))
        throw new ValidationError({ role: `Select a role: ${serviceRoles.join(', ')}` });
      await db.transaction(async (tx) => {
        const [before] = await tx
          .select({ organisationId: memberships.organisationId, role: memberships.role })
          .from(memberships)
          .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, organisationId)));
        await tx
          .insert(memberships)
          .values({ userId, organisationId, role })
          .onConflictDoUpdate({ target: [memberships.userId, memberships.organisationId], set: { role } });
        await recordAudit(tx, actor, {
          action: 'membership.add',
          subjectType: 'user',
          subjectId: userId,
          before: before ?? null,
          after: { organisationId, role },
        });
      });
    },

    /** The user for an email and password, or null. Takes as long for an unknown email as for a wrong password. */
    async authenticate(email: string, password: string): Promise<Actor | null> {
      const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
      const ok = await passwords.matches(user?.passwordHash ?? (await passwords.nobodys()), password);
      return ok && user && !user.disabledAt ? toActor(user) : null;
    },

    /** A new session for a signed-in user; the token goes in the cookie, only its hash in the database. */
    async startSession(userId: string): Promise<{ token: string; expiresAt: Date }> {
      const token = newToken('');
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + sessionRules.absoluteHours * 3_600_000);
      // Both limits count from the clock's "now", not the database's: lastSeenAt starts the idle limit.
      await db
        .insert(sessions)
        .values({ tokenHash: sha256(token), userId, expiresAt, lastSeenAt: now, createdAt: now });
      // Sessions that ended over a day ago are no use, even for keeping a form: pruned as new ones start.
      const dayAgo = minutesAgo(24 * 60);
      await db.delete(sessions).where(or(lt(sessions.expiresAt, dayAgo), lt(sessions.lastSeenAt, dayAgo)));
      return { token, expiresAt };
    },

    /** A new password, after the current one; the user's other sessions end (whoever else might be in them). */
    async changePassword(actor: Actor, sessionToken: string, input: { current: string; password: string }) {
      const [user] = await db.select().from(users).where(eq(users.id, actor.id));
      const fields: Record<string, string> = {};
      if (user!.passwordHash && !(await passwords.matches(user!.passwordHash, input.current)))
        fields.current = 'Enter your current password correctly';
      const problem = input.password ? passwordProblem(input.password, user!.email) : 'Enter a new password';
      if (problem) fields.password = problem;
      if (Object.keys(fields).length > 0) throw new ValidationError(fields);
      const passwordHash = await passwords.hash(input.password);
      await db.transaction(async (tx) => {
        await tx.update(users).set({ passwordHash }).where(eq(users.id, actor.id));
        const ended = await tx
          .delete(sessions)
          .where(and(eq(sessions.userId, actor.id), ne(sessions.tokenHash, sha256(sessionToken))))
          .returning({ tokenHash: sessions.tokenHash });
        await recordAudit(tx, actor, {
          action: 'user.passwordChange',
          subjectType: 'user',
          subjectId: actor.id,
          after: { otherSessionsEnded: ended.length },
        });
      });
    },

    async userForSession(token: string): Promise<Actor | null> {
      return (await sessionOf(token))?.actor ?? null;
    },

    /** The user whose session this was, if it ended (idle or absolute limit) today: for keeping a posted form. */
    async userOfEndedSession(token: string): Promise<string | null> {
      const [row] = await db
        .select({ userId: sessions.userId })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(
          and(
            eq(sessions.tokenHash, sha256(token)),
            gt(sessions.lastSeenAt, minutesAgo(24 * 60)),
            isNull(users.disabledAt),
          ),
        );
      return row?.userId ?? null;
    },

    async endSession(token: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
    },

    /** A bearer token for the API; shown once, stored as a hash. */
    async createApiToken(
      actor: Actor | null,
      userId: string,
      name: string,
      scopes: readonly TokenScope[] = ['read', 'write'],
      expiresInDays: number = tokenDefaultDays,
    ): Promise<string> {
      const token = newToken('yj_');
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + expiresInDays * 86_400_000);
      await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(apiTokens)
          .values({ userId, name, tokenHash: sha256(token), scopes: [...scopes], expiresAt, createdAt: now })
          .returning({ id: apiTokens.id });
        await recordAudit(tx, actor, {
          action: 'apiToken.create',
          subjectType: 'apiToken',
          subjectId: row!.id,
          after: { userId, name, scopes, expiresAt },
        });
      });
      return token;
    },

    async userForApiToken(token: string): Promise<Actor | null> {
      return (await apiTokenOf(token))?.actor ?? null;
    },

    async list() {
      return db
        .select({ id: users.id, email: users.email, displayName: users.displayName })
        .from(users)
        .orderBy(users.displayName);
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
