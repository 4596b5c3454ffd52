import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users, inspections } from '../../platform/db/core-tables.js';

/** Professional discretion recorded by the ratings panel. Every decision is kept; the latest is in force. */
export const discretionDecisions = pgTable(
  'discretion_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id, { onDelete: 'cascade' }),
    standardId: text('standard_id').notNull(),
    /** Null when the panel withdrew an earlier decision. */
    rating: text('rating'),
    rationale: text('rationale').notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('discretion_standard').on(t.inspectionId, t.standardId, t.decidedAt)],
);

/** The ratings of an inspection whose case-level data the retention job deleted: figures and the full result. */
export const ratingSnapshots = pgTable('rating_snapshots', {
  inspectionId: uuid('inspection_id')
    .primaryKey()
    .references(() => inspections.id, { onDelete: 'cascade' }),
  keyQuestionFigures: jsonb('key_question_figures').notNull(),
  rating: jsonb('rating').notNull(),
  takenAt: timestamp('taken_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
