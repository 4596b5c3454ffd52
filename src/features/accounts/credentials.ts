import { sql, type SQL } from 'drizzle-orm';
import type { Actor, Credential } from '../../platform/audit.js';
import { rowsOf, type Queryable } from '../../platform/db/connect.js';
import { sessionRules } from '../../policy/session-rules.js';
import { apiTokens, sessions } from './tables.js';
import { users } from '../../platform/db/core-tables.js';

/**
 * An SQL condition true while the actor's credential still holds: the user is not disabled and the token is
 * not revoked (and may write), or the session has not ended. A write that includes it in its own statement
 * sees a revocation committed a moment before, whatever the request's authentication saw. `now` is the
 * services' clock's (a Date, or a prepared statement's placeholder for one), not the database's `now()`: the
 * limits were set by that clock.
 */
export function credentialIsLive(actorId: string, credential: Credential | undefined, now: Date | string): SQL {
  const at = sql`${now instanceof Date ? now.toISOString() : now}::timestamptz`;
  const user = sql`exists (select 1 from ${users} u where u.id = ${actorId} and u.disabled_at is null)`;
  if (!credential) return user;
  if (credential.kind === 'token')
    return sql`${user} and exists (select 1 from ${apiTokens} t where t.token_hash = ${credential.hash}
      and t.user_id = ${actorId} and t.revoked_at is null and t.expires_at > ${at} and 'write' = any(t.scopes))`;
  return sql`${user} and exists (select 1 from ${sessions} s where s.token_hash = ${credential.hash}
    and s.user_id = ${actorId} and s.expires_at > ${at}
    and s.last_seen_at > ${at} - make_interval(mins => ${sessionRules.idleMinutes}))`;
}

/** Whether the actor's credential still holds now (credentialIsLive, asked on its own). */
export async function credentialHolds(db: Queryable, actor: Actor, now: Date): Promise<boolean> {
  const [row] = rowsOf<{ ok: boolean }>(
    await db.execute(sql`select ${credentialIsLive(actor.id, actor.credential, now)} as ok`),
  );
  return row?.ok === true;
}
