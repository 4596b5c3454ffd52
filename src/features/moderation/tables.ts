import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases, createdAt, inspections, users } from '../../platform/db/core-tables.js';

const answerValues = ['yes', 'no', 'n/a'] as const;

/** A case chosen for a second, blind assessment, and who moderates it. */
export const moderationCases = pgTable(
  'moderation_cases',
  {
    caseId: uuid('case_id')
      .primaryKey()
      .references(() => cases.id, { onDelete: 'cascade' }),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id, { onDelete: 'cascade' }),
    moderatorId: uuid('moderator_id')
      .notNull()
      .references(() => users.id),
    selectedBy: uuid('selected_by').references(() => users.id),
    /** A random share's seed and percentage, so the draw can be repeated; null when chosen by hand. */
    drawSeed: integer('draw_seed'),
    drawPercent: integer('draw_percent'),
    /** When the moderator finished the second assessment. */
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [index('moderation_cases_inspection').on(t.inspectionId)],
);

/** The second assessor's answers, kept apart from the first's: neither sees the other's until both are done. */
export const moderationAnswers = pgTable(
  'moderation_answers',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => moderationCases.caseId, { onDelete: 'cascade' }),
    questionId: text('question_id').notNull(),
    answer: text('answer', { enum: answerValues }).notNull(),
    evidence: text('evidence').notNull().default(''),
    answeredBy: uuid('answered_by')
      .notNull()
      .references(() => users.id),
    answeredAt: timestamp('answered_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.questionId] })],
);

/** The answer that counts where the two disagreed: both originals, the decision, why, and who decided. */
export const moderationDecisions = pgTable(
  'moderation_decisions',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => moderationCases.caseId, { onDelete: 'cascade' }),
    questionId: text('question_id').notNull(),
    firstAnswer: text('first_answer', { enum: answerValues }).notNull(),
    firstEvidence: text('first_evidence').notNull(),
    firstBy: uuid('first_by').references(() => users.id),
    secondAnswer: text('second_answer', { enum: answerValues }).notNull(),
    secondEvidence: text('second_evidence').notNull(),
    secondBy: uuid('second_by').references(() => users.id),
    decidedAnswer: text('decided_answer', { enum: answerValues }).notNull(),
    reason: text('reason').notNull(),
    decidedBy: uuid('decided_by')
      .notNull()
      .references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.questionId] })],
);
