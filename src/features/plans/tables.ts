import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, organisations, users, inspections } from '../../platform/db/core-tables.js';
import { recommendations } from '../report/tables.js';

export const actionStatuses = ['notStarted', 'inProgress', 'completed', 'ongoing', 'blocked'] as const;

export const signOffKinds = ['leadInspectorAgreed', 'chairSignedOff'] as const;

/** A service's improvement plan, usually answering one inspection's recommendations. */
export const improvementPlans = pgTable('improvement_plans', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id')
    .notNull()
    .references(() => organisations.id),
  inspectionId: uuid('inspection_id').references(() => inspections.id),
  title: text('title').notNull(),
  /** Bumped on every change: a sign-off records the version it signed, so later changes show as such. */
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** A numbered area for improvement, grouped by domain and standard (Ealing App. B: "D1 Governance and Leadership"). */
export const planAreas = pgTable(
  'plan_areas',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => improvementPlans.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    /** The heading it sits under, as the plan names it. */
    domain: text('domain').notNull().default(''),
    standardId: text('standard_id'),
    text: text('text').notNull(),
    /** Where it came from, as the plan says: "HMI identified areas", "Recommendation 2", the service's own. */
    source: text('source').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('plan_areas_number').on(t.planId, t.number)],
);

/** The recommendations an area answers (none: the service's own area). */
export const planAreaRecommendations = pgTable(
  'plan_area_recommendations',
  {
    areaId: uuid('area_id')
      .notNull()
      .references(() => planAreas.id, { onDelete: 'cascade' }),
    recommendationId: uuid('recommendation_id')
      .notNull()
      .references(() => recommendations.id),
  },
  (t) => [primaryKey({ columns: [t.areaId, t.recommendationId] })],
);

export const planActions = pgTable(
  'plan_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => improvementPlans.id, { onDelete: 'cascade' }),
    areaId: uuid('area_id')
      .notNull()
      .references(() => planAreas.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    /** People or named roles ("SG", "All QA Managers"); several allowed. */
    owners: text('owners')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    commencementDate: date('commencement_date', { mode: 'string' }),
    targetDate: date('target_date', { mode: 'string' }),
    status: text('status', { enum: actionStatuses }).notNull().default('notStarted'),
    /** The status as first written ("Completed Nov"), kept when imported words could not all be read. */
    statusText: text('status_text').notNull().default(''),
    completionDate: date('completion_date', { mode: 'string' }),
    /** Standard or key question ids the action means to improve ("2.2", "3.1.2"). */
    targets: text('targets')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('plan_actions_area').on(t.areaId, t.position)],
);

/** Progress on an action; a status change is one too, so the status on any past date can be worked out. */
export const planProgressUpdates = pgTable(
  'plan_progress_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    actionId: uuid('action_id')
      .notNull()
      .references(() => planActions.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    note: text('note').notNull().default(''),
    evidenceLink: text('evidence_link').notNull().default(''),
    statusFrom: text('status_from', { enum: actionStatuses }),
    statusTo: text('status_to', { enum: actionStatuses }),
    byUserId: uuid('by_user_id').references(() => users.id),
    byName: text('by_name').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('plan_updates_action').on(t.actionId, t.date)],
);

/** The lead inspector's agreement and the chair's sign-off, every one kept, with the plan version signed. */
export const planSignOffs = pgTable(
  'plan_sign_offs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => improvementPlans.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: signOffKinds }).notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    planVersion: integer('plan_version').notNull(),
    byUserId: uuid('by_user_id').references(() => users.id),
    byName: text('by_name').notNull(),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('plan_sign_offs_plan').on(t.planId, t.createdAt)],
);

/** Per user: the secret of their calendar feed (hashed) and whether they want the daily email digest. */
export const planReminderSettings = pgTable('plan_reminder_settings', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  calendarTokenHash: text('calendar_token_hash').unique(),
  emailDigest: boolean('email_digest').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
