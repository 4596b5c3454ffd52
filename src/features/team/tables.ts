import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, inspections, users } from '../../platform/db/core-tables.js';

/**
 * An invitation to set a password (or sign in with single sign-on): the link's token is stored only as its
 * sha256, works until expiresAt, and once. With an inspection, accepting it also puts the user on its team.
 */
export const invitations = pgTable('invitations', {
  id: uuid('id').primaryKey().defaultRandom(),
  tokenHash: text('token_hash').notNull().unique(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  inspectionId: uuid('inspection_id').references(() => inspections.id, { onDelete: 'cascade' }),
  role: text('role', { enum: ['inspector', 'ratingsPanel'] }),
  invitedBy: uuid('invited_by').references(() => users.id),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
});
