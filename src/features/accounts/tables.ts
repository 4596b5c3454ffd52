import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, users } from '../../platform/db/core-tables.js';

export const sessions = pgTable('sessions', {
  /** sha256 of the cookie's token: a stolen database does not give working cookies. */
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  /** For the idle timeout (issue 4): a session unused for 30 minutes has ended. */
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id),
  tokenHash: text('token_hash').notNull().unique(),
  name: text('name').notNull(),
  createdAt: createdAt(),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  /** A token stops working at this time (chosen when it is made: 90 days unless said otherwise). */
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' })
    .notNull()
    .default(sql`now() + interval '90 days'`),
  /** When it was last accepted, to the minute: shown on the tokens page so an unused one can be revoked. */
  lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
  /** 'read' and/or 'write' (issue 4); a read token gets 403 on anything that changes data. */
  scopes: text('scopes')
    .array()
    .notNull()
    .default(sql`'{read,write}'::text[]`),
});

/** Failed sign-ins, for throttling by account and by address; rows older than a day are pruned. */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    email: text('email').notNull(),
    address: text('address').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('sign_in_failures_email').on(t.email, t.at), index('sign_in_failures_address').on(t.address, t.at)],
);

/** A form posted after the session ended: kept for its user to send again after signing in. */
export const keptForms = pgTable('kept_forms', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  path: text('path').notNull(),
  fields: jsonb('fields').notNull(),
  createdAt: createdAt(),
});
