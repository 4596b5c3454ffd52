import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
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
import type { InspectionKind } from '../../domain/timeline/propose.js';
import { stageIds } from '../../domain/stages/stages.js';

/**
 * The spine every feature joins on: services, people and their memberships, inspections with their teams and
 * cases, the case answers, the audit trail. A feature's own tables are in its folder (tables.ts).
 */

export const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/** Settings the application keeps for itself, such as the secret that signs CSRF tokens. */
export const appSettings = pgTable('app_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** A youth justice service (or an inspectorate), with the local authorities it serves. */
export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  kind: text('kind', { enum: ['youthJusticeService', 'inspectorate'] })
    .notNull()
    .default('youthJusticeService'),
  localAuthorities: text('local_authorities')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  /** Months after fieldwork ends that a published inspection's case-level data is kept (issue 4); null: kept. */
  retentionMonths: integer('retention_months'),
  createdAt: createdAt(),
});

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull().unique(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash'),
    isAdmin: boolean('is_admin').notNull().default(false),
    disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
    /** The single sign-on identity the account is linked to: the provider (issuer) and its id for the person. */
    oidcIssuer: text('oidc_issuer'),
    oidcSubject: text('oidc_subject'),
    /** The language the user chose for the interface ('en' or 'cy'); null until they choose one. */
    language: text('language'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_oidc_identity').on(t.oidcIssuer, t.oidcSubject)],
);

export const memberships = pgTable(
  'memberships',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    role: text('role').notNull().default('member'),
  },
  (t) => [primaryKey({ columns: [t.userId, t.organisationId] })],
);

export const inspectionKinds = [
  'hmipInspection',
  'jointInspection',
  'mockInspection',
  'internalAudit',
] as const satisfies readonly InspectionKind[];

/** The status is the inspection's stage (src/domain/stages): which stages a kind has is data there. */
export const inspectionStatuses = stageIds;

export const inspections = pgTable('inspections', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** The service inspected. */
  organisationId: uuid('organisation_id')
    .notNull()
    .references(() => organisations.id),
  frameworkId: text('framework_id').notNull(),
  kind: text('kind', { enum: inspectionKinds }).notNull(),
  title: text('title').notNull(),
  fieldworkStart: date('fieldwork_start', { mode: 'string' }),
  fieldworkEnd: date('fieldwork_end', { mode: 'string' }),
  caseWindowFrom: date('case_window_from', { mode: 'string' }),
  caseWindowTo: date('case_window_to', { mode: 'string' }),
  /**
   * The timeline (src/timeline): when the service was told, when its evidence in advance is due, and the start
   * of a second, separate fieldwork week (Hackney 2023). Null: the timeline's proposal applies.
   */
  noticeDate: date('notice_date', { mode: 'string' }),
  evidenceDue: date('evidence_due', { mode: 'string' }),
  secondWeekStart: date('second_week_start', { mode: 'string' }),
  status: text('status', { enum: inspectionStatuses }).notNull().default('planning'),
  /** Demo data: synthetic cases, never real children. */
  isDemo: boolean('is_demo').notNull().default(false),
  /** What a demo inspection is, in the demo data's own words (the overview prints it); null for real ones. */
  demoNote: text('demo_note'),
  /** When the retention job deleted its cases and answers (issue 4); the ratings live on in rating_snapshots. */
  caseDataDeletedAt: timestamp('case_data_deleted_at', { withTimezone: true, mode: 'date' }),
  /**
   * Counts changes to what the ratings are computed from (judgements, discretion, cases added or removed),
   * bumped by triggers in the same transaction; with the cases' change counts it keys the ratings cache.
   */
  changeCount: integer('change_count').notNull().default(0),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
});

/** Who inspects: the lead inspector, the inspectors and the ratings panel of one inspection. */
export const teamMembers = pgTable(
  'team_members',
  {
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role', { enum: ['leadInspector', 'inspector', 'ratingsPanel', 'moderator'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.inspectionId, t.userId] })],
);

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id, { onDelete: 'cascade' }),
    /** A pseudonymous reference, never a child's name. */
    ref: text('ref').notNull(),
    domain: text('domain').notNull(),
    disposal: text('disposal'),
    sex: text('sex'),
    ethnicityGroup: text('ethnicity_group'),
    disability: text('disability'),
    lookedAfter: text('looked_after'),
    ageBand: text('age_band'),
    rosh: text('rosh'),
    swb: text('swb'),
    /** Case factors that decide sub-samples; null: not known, the inspector's answers decide. */
    childSafetyFactors: boolean('child_safety_factors'),
    otherPeopleSafetyFactors: boolean('other_people_safety_factors'),
    reviewRequired: boolean('review_required'),
    /** 2.4's sub-samples (2018): changes in factors of each kind; null falls back to reviewRequired. */
    reviewDesistance: boolean('review_desistance'),
    reviewChildSafety: boolean('review_child_safety'),
    reviewOtherPeopleSafety: boolean('review_other_people_safety'),
    allocatedTo: uuid('allocated_to').references(() => users.id),
    caseManagerInterviewed: boolean('case_manager_interviewed').notNull().default(false),
    /** From the eligible population (issue 5): who manages the case, when it began, the interview planned. */
    caseManager: text('case_manager'),
    startDate: date('start_date', { mode: 'string' }),
    interviewPlanned: date('interview_planned', { mode: 'string' }),
    isSynthetic: boolean('is_synthetic').notNull().default(false),
    /** Bumped on every save of the case's assessment: a stale save is refused, never merged silently. */
    version: integer('version').notNull().default(1),
    /** Bumped by triggers on any change to the case or its answers, in the same transaction (the ratings cache). */
    changeCount: integer('change_count').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('cases_inspection_ref').on(t.inspectionId, t.ref)],
);

export const answers = pgTable(
  'answers',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    questionId: text('question_id').notNull(),
    answer: text('answer', { enum: ['yes', 'no', 'n/a'] }).notNull(),
    evidence: text('evidence').notNull().default(''),
    answeredBy: uuid('answered_by').references(() => users.id),
    answeredAt: timestamp('answered_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.questionId] })],
);

/** Append-only: every change, who made it, before and after. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    userId: uuid('user_id'),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    inspectionId: uuid('inspection_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
  },
  (t) => [index('audit_inspection').on(t.inspectionId, t.at), index('audit_subject').on(t.subjectType, t.subjectId)],
);
