import { primaryKey, timestamp, uuid, pgTable } from 'drizzle-orm/pg-core';
import { cases, users } from '../../platform/db/core-tables.js';

/** A case the assessing inspector marked as complete; it stays complete while every relevant standard is. */
export const caseCompletions = pgTable(
  'case_completions',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    completedBy: uuid('completed_by').references(() => users.id),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId] })],
);
