import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/connect.js';
import { apiTokens, memberships, sessions, users } from '../db/schema.js';
import { recordAudit, type Actor } from './audit.js';
import { ValidationError } from './errors.js';

/** OWASP's argon2id settings: 19 MiB, two passes. */
const argon2Options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };
const sessionHours = 12;

export const newUserSchema = z.object({
  email: z
    .email('Enter an email address in the correct format, like name@example.org')
    .transform((e) => e.toLowerCase()),
  displayName: z.string().trim().min(1, 'Enter a name'),
  password: z.string().min(12, 'Password must be 12 characters or more').optional(),
  isAdmin: z.boolean().default(false),
});
export type NewUser = z.input<typeof newUserSchema>;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const newToken = (prefix: string) => `${prefix}${randomBytes(32).toString('base64url')}`;

function toActor(user: typeof users.$inferSelect): Actor {
  return { id: user.id, email: user.email, displayName: user.displayName, isAdmin: user.isAdmin };
}

export function createUserService(db: Database) {
  return {
    async create(actor: Actor | null, input: NewUser): Promise<Actor> {
      const parsed = newUserSchema.safeParse(input);
      if (!parsed.success)
        throw new ValidationError(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      const { email, displayName, password, isAdmin } = parsed.data;
      const passwordHash = password ? await hash(password, argon2Options) : null;
      return db.transaction(async (tx) => {
        const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
        if (existing) throw new ValidationError({ email: 'A user with this email address already exists' });
        const [user] = await tx.insert(users).values({ email, displayName, passwordHash, isAdmin }).returning();
        await recordAudit(tx, actor, {
          action: 'user.create',
          subjectType: 'user',
          subjectId: user!.id,
          after: { email, displayName, isAdmin },
        });
        return toActor(user!);
      });
    },

    async findByEmail(email: string): Promise<Actor | null> {
      const [user] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
      return user ? toActor(user) : null;
    },

    async addMembership(actor: Actor | null, userId: string, organisationId: string, role = 'member'): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.insert(memberships).values({ userId, organisationId, role }).onConflictDoNothing();
        await recordAudit(tx, actor, {
          action: 'membership.add',
          subjectType: 'user',
          subjectId: userId,
          after: { organisationId, role },
        });
      });
    },

    /** The user for an email and password, or null. Takes as long for an unknown email as for a wrong password. */
    async authenticate(email: string, password: string): Promise<Actor | null> {
      const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
      const stored = user?.passwordHash ?? (await dummyHash);
      const ok = await verify(stored, password).catch(() => false);
      return ok && user && !user.disabledAt ? toActor(user) : null;
    },

    /** A new session for a signed-in user; the token goes in the cookie, only its hash in the database. */
    async startSession(userId: string): Promise<{ token: string; expiresAt: Date }> {
      const token = newToken('');
      const expiresAt = new Date(Date.now() + sessionHours * 3_600_000);
      await db.insert(sessions).values({ tokenHash: sha256(token), userId, expiresAt });
      return { token, expiresAt };
    },

    async userForSession(token: string): Promise<Actor | null> {
      const [row] = await db
        .select({ user: users })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(
          and(eq(sessions.tokenHash, sha256(token)), gt(sessions.expiresAt, new Date()), isNull(users.disabledAt)),
        );
      return row ? toActor(row.user) : null;
    },

    async endSession(token: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
    },

    /** A bearer token for the API; shown once, stored as a hash. */
    async createApiToken(actor: Actor | null, userId: string, name: string): Promise<string> {
      const token = newToken('yj_');
      await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(apiTokens)
          .values({ userId, name, tokenHash: sha256(token) })
          .returning({ id: apiTokens.id });
        await recordAudit(tx, actor, {
          action: 'apiToken.create',
          subjectType: 'apiToken',
          subjectId: row!.id,
          after: { userId, name },
        });
      });
      return token;
    },

    async userForApiToken(token: string): Promise<Actor | null> {
      const [row] = await db
        .select({ user: users })
        .from(apiTokens)
        .innerJoin(users, eq(users.id, apiTokens.userId))
        .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt), isNull(users.disabledAt)));
      return row ? toActor(row.user) : null;
    },

    async list() {
      return db
        .select({ id: users.id, email: users.email, displayName: users.displayName })
        .from(users)
        .orderBy(users.displayName);
    },
  };
}

// Verifying against a real hash for unknown emails keeps sign-in time the same either way.
const dummyHash = hash(randomBytes(16).toString('hex'), argon2Options);

export type UserService = ReturnType<typeof createUserService>;
