import { eq } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/connect.js';
import { apiTokens, sessions, signInFailures } from './tables.js';

/** What is shown of an API token, wherever it is listed: never its hash. */
export const tokenColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  scopes: apiTokens.scopes,
  createdAt: apiTokens.createdAt,
  revokedAt: apiTokens.revokedAt,
};

/** A user's sessions, API tokens (never their hashes) and failed sign-ins: their part of a subject access export. */
export async function accountActivityOf(db: Queryable, user: { id: string; email: string }) {
  return {
    sessions: await db
      .select({ createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt })
      .from(sessions)
      .where(eq(sessions.userId, user.id)),
    apiTokens: await db.select(tokenColumns).from(apiTokens).where(eq(apiTokens.userId, user.id)),
    failedSignIns: await db
      .select({ at: signInFailures.at, address: signInFailures.address })
      .from(signInFailures)
      .where(eq(signInFailures.email, user.email)),
  };
}
