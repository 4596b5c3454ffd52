import { date, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
    /**
     * What the panel decided: the rating moved one band, the computed rating stands, or an earlier decision
     * withdrawn. Null on decisions recorded before outcomes were: a rating meant moved, none withdrawn.
     */
    outcome: text('outcome', { enum: ['moved', 'stands', 'withdrawn'] }),
    /** The rating given (moved) or the computed rating that stands; null when withdrawn. */
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

/** A meeting of the ratings panel: when, who was there, and which standards it considered. */
export const panelMeetings = pgTable(
  'panel_meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id, { onDelete: 'cascade' }),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    /** The team members present (user ids). */
    members: uuid('members').array().notNull(),
    standardsConsidered: text('standards_considered').array().notNull(),
    notes: text('notes').notNull().default(''),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('panel_meetings_inspection').on(t.inspectionId, t.heldOn)],
);
