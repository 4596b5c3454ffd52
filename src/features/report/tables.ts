import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, users, inspections } from '../../platform/db/core-tables.js';

export const keyQuestionTableFormats = ['percentages', 'counts'] as const;
/** The report's editions: in English, in Welsh (Cymraeg), or both (a Welsh edition and an English edition). */
export const reportLanguages = ['en', 'cy', 'both'] as const;
export type ReportLanguage = (typeof reportLanguages)[number];

/** The report's prose and entered figures for one inspection; everything else in the report is generated. */
export const reportContents = pgTable('report_contents', {
  inspectionId: uuid('inspection_id')
    .primaryKey()
    .references(() => inspections.id, { onDelete: 'cascade' }),
  foreword: text('foreword').notNull().default(''),
  background: text('background').notNull().default(''),
  localContext: text('local_context').notNull().default(''),
  involvement: text('involvement').notNull().default(''),
  diversity: text('diversity').notNull().default(''),
  /** Who signs the foreword, as the report prints it ("Justin Russell", "HM Chief Inspector of Probation"). */
  signatoryName: text('signatory_name').notNull().default(''),
  signatoryRole: text('signatory_role').notNull().default(''),
  /** Survey results as the inspectors entered them (children's text survey, staff survey). */
  surveys: jsonb('surveys').notNull().default({}),
  /** Contextual facts entered for the service (population, demographics, caseload by type). */
  contextFacts: jsonb('context_facts').notNull().default({}),
  keyQuestionFormat: text('key_question_format', { enum: keyQuestionTableFormats }).notNull().default('percentages'),
  showPromptTables: boolean('show_prompt_tables').notNull().default(false),
  /** The language the report is downloaded in: 'en', 'cy' or 'both' (one file per edition). */
  language: text('language', { enum: reportLanguages }).notNull().default('en'),
  /** Bumped on every save: a stale save is refused, never merged silently. */
  version: integer('version').notNull().default(0),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** Per standard: the report's narrative, strengths and areas for improvement. */
export const reportStandardTexts = pgTable(
  'report_standard_texts',
  {
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id, { onDelete: 'cascade' }),
    standardId: text('standard_id').notNull(),
    narrative: text('narrative').notNull().default(''),
    strengths: text('strengths').notNull().default(''),
    areasForImprovement: text('areas_for_improvement').notNull().default(''),
    version: integer('version').notNull().default(0),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.inspectionId, t.standardId] })],
);

export const recommendationActors = ['service', 'board', 'police', 'probation', 'other'] as const;

/**
 * A recommendation of the report. The improvement plan refers to it by id, so a removed recommendation is
 * marked removed, never deleted.
 */
export const recommendations = pgTable(
  'recommendations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id, { onDelete: 'cascade' }),
    /** The published number; the report lists them in number order, grouped by who must act. */
    number: integer('number').notNull(),
    actor: text('actor', { enum: recommendationActors }).notNull(),
    /** The body that must act when actor is 'other' (or a fuller name, such as "the chair of the board"). */
    actorName: text('actor_name').notNull().default(''),
    text: text('text').notNull(),
    standardIds: text('standard_ids')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    version: integer('version').notNull().default(1),
    removedAt: timestamp('removed_at', { withTimezone: true, mode: 'date' }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('recommendations_inspection').on(t.inspectionId, t.number)],
);

/** A published report: the figures and the text frozen as JSON. Every version is kept. */
export const reportVersions = pgTable(
  'report_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id, { onDelete: 'cascade' }),
    versionNumber: integer('version_number').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    publishedBy: uuid('published_by').references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('report_versions_number').on(t.inspectionId, t.versionNumber)],
);
