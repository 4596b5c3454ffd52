import { date, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cases, createdAt, inspections, organisations, users } from '../../platform/db/core-tables.js';

export const programmeFrequencies = ['monthly', 'quarterly', 'halfYearly', 'yearly'] as const;
export const caseSelections = ['perCaseManager', 'sample', 'byHand'] as const;
export const feedbackStatuses = ['acknowledged', 'responded'] as const;

/** A service's recurring audit of its own cases on a framework. */
export const qaProgrammes = pgTable('qa_programmes', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id')
    .notNull()
    .references(() => organisations.id),
  title: text('title').notNull(),
  frameworkId: text('framework_id').notNull(),
  frequency: text('frequency', { enum: programmeFrequencies }).notNull(),
  /** Null: the whole framework; otherwise the standard ids audited (a thematic audit). */
  standards: jsonb('standards').$type<string[] | null>(),
  selection: text('selection', { enum: caseSelections }).notNull(),
  perCaseManager: integer('per_case_manager'),
  confidence: real('confidence'),
  margin: real('margin'),
  /** Users who audit the rounds' cases, in the order cases are shared out. */
  auditors: jsonb('auditors').$type<string[]>().notNull(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
});

/** One round of a programme: an internal audit of the cases chosen for one period. */
export const qaRounds = pgTable(
  'qa_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => qaProgrammes.id, { onDelete: 'cascade' }),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id, { onDelete: 'cascade' }),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    /** Cases in the imported population the round was chosen from; null when chosen by hand. */
    populationSize: integer('population_size'),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('qa_rounds_inspection').on(t.inspectionId)],
);

/** A case manager's reply to the audit of one of their cases. */
export const qaFeedback = pgTable('qa_feedback', {
  caseId: uuid('case_id')
    .primaryKey()
    .references(() => cases.id, { onDelete: 'cascade' }),
  status: text('status', { enum: feedbackStatuses }).notNull(),
  response: text('response').notNull().default(''),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
