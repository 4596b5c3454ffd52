import { and, count, eq, gt, lt, min, sql } from 'drizzle-orm';
import type { Database, Queryable } from '../../../platform/db/connect.js';
import { signInFailures } from '../tables.js';

/**
 * Throttling of failed sign-ins, kept in the database so that it holds across restarts and processes:
 * 5 failures in 15 minutes lock an account, 20 lock an address (one machine trying many accounts).
 */
export const throttleRules = { windowMinutes: 15, perAccount: 5, perAddress: 20 } as const;

const windowStart = (now: Date) => new Date(now.getTime() - throttleRules.windowMinutes * 60_000);

/** Minutes until another attempt is allowed for this account and address, or 0 when one is allowed now. */
export async function minutesLockedOut(db: Queryable, email: string, address: string, now: Date) {
  const since = windowStart(now);
  const [byAccount] = await db
    .select({ failures: count(), oldest: min(signInFailures.at) })
    .from(signInFailures)
    .where(and(eq(signInFailures.email, email), gt(signInFailures.at, since)));
  const [byAddress] = await db
    .select({ failures: count(), oldest: min(signInFailures.at) })
    .from(signInFailures)
    .where(and(eq(signInFailures.address, address), gt(signInFailures.at, since)));
  // Locked until the oldest failure in the window leaves it.
  const waits = [
    byAccount!.failures >= throttleRules.perAccount ? byAccount!.oldest : null,
    byAddress!.failures >= throttleRules.perAddress ? byAddress!.oldest : null,
  ]
    .filter((oldest): oldest is Date => oldest !== null)
    .map((oldest) => new Date(oldest).getTime() + throttleRules.windowMinutes * 60_000 - now.getTime());
  return waits.length === 0 ? 0 : Math.max(1, Math.ceil(Math.max(...waits) / 60_000));
}

/**
 * Counts this attempt as a failure before the password is checked, unless the account or address is locked:
 * under a per-account and per-address lock, so that of many attempts at once no more than the limit get a
 * password check. A right password then takes its failure back (`clearFailures`). Returns the minutes to
 * wait when locked, or 0 when the attempt may go ahead.
 */
export async function reserveAttempt(db: Database, email: string, address: string, now: Date) {
  return db.transaction(async (tx) => {
    // Always the account first, then the address: two attempts never wait on each other in a circle.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sign-in:account:${email}`}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sign-in:address:${address}`}))`);
    const minutes = await minutesLockedOut(tx, email, address, now);
    if (minutes > 0) return minutes;
    await tx.insert(signInFailures).values({ email, address, at: now });
    // Old failures are no longer evidence of anything: keep the table small.
    await tx.delete(signInFailures).where(lt(signInFailures.at, new Date(now.getTime() - 86_400_000)));
    return 0;
  });
}

/** A successful sign-in clears the account's failures (not the address's: one good account does not excuse it). */
export async function clearFailures(db: Queryable, email: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.email, email));
}
