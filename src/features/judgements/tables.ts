import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, users, inspections } from '../../platform/db/core-tables.js';

/** A judged standard: the proposed rating and what it rests on. */
export const judgements = pgTable(
  'judgements',
  {
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id, { onDelete: 'cascade' }),
    standardId: text('standard_id').notNull(),
    rating: text('rating'),
    strengths: text('strengths').notNull().default(''),
    areasForImprovement: text('areas_for_improvement').notNull().default(''),
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.inspectionId, t.standardId] })],
);

export const evidenceSources = ['document', 'meeting', 'interview', 'survey'] as const;

export const evidenceNotes = pgTable(
  'evidence_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id, { onDelete: 'cascade' }),
    standardId: text('standard_id').notNull(),
    source: text('source', { enum: evidenceSources }).notNull(),
    note: text('note').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('evidence_notes_standard').on(t.inspectionId, t.standardId)],
);
