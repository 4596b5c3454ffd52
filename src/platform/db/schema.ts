import { sql } from 'drizzle-orm';
import {
  bigint,
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

/** The one schema of yj-inspect. Migrations in ./migrations are generated from it (npm run db:generate). */

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

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

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash'),
  isAdmin: boolean('is_admin').notNull().default(false),
  disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
  createdAt: createdAt(),
});

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

export const sessions = pgTable('sessions', {
  /** sha256 of the cookie's token: a stolen database does not give working cookies. */
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  /** For the idle timeout (issue 4): a session unused for 30 minutes has ended. */
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id),
  tokenHash: text('token_hash').notNull().unique(),
  name: text('name').notNull(),
  createdAt: createdAt(),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  /** 'read' and/or 'write' (issue 4); a read token gets 403 on anything that changes data. */
  scopes: text('scopes')
    .array()
    .notNull()
    .default(sql`'{read,write}'::text[]`),
});

export const inspectionKinds = [
  'hmipInspection',
  'jointInspection',
  'mockInspection',
  'internalAudit',
] as const satisfies readonly InspectionKind[];
export const inspectionStatuses = ['planning', 'fieldwork', 'ratingsPanel', 'reporting', 'published'] as const;

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
  /** When the retention job deleted its cases and answers (issue 4); the ratings live on in rating_snapshots. */
  caseDataDeletedAt: timestamp('case_data_deleted_at', { withTimezone: true, mode: 'date' }),
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
    role: text('role', { enum: ['leadInspector', 'inspector', 'ratingsPanel'] }).notNull(),
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
    allocatedTo: uuid('allocated_to').references(() => users.id),
    caseManagerInterviewed: boolean('case_manager_interviewed').notNull().default(false),
    /** From the eligible population (issue 5): who manages the case, when it began, the interview planned. */
    caseManager: text('case_manager'),
    startDate: date('start_date', { mode: 'string' }),
    interviewPlanned: date('interview_planned', { mode: 'string' }),
    isSynthetic: boolean('is_synthetic').notNull().default(false),
    /** Bumped on every save of the case's assessment: a stale save is refused, never merged silently. */
    version: integer('version').notNull().default(1),
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

// ── report (issue 6) ──

export const keyQuestionTableFormats = ['percentages', 'counts'] as const;

/** The report's prose and entered figures for one inspection; everything else in the report is generated. */
export const reportContents = pgTable('report_contents', {
  inspectionId: uuid('inspection_id')
    .primaryKey()
    .references(() => inspections.id, { onDelete: 'cascade' }),
  foreword: text('foreword').notNull().default(''),
  background: text('background').notNull().default(''),
  localContext: text('local_context').notNull().default(''),
  involvement: text('involvement').notNull().default(''),
  /** Survey results as the inspectors entered them (children's text survey, staff survey). */
  surveys: jsonb('surveys').notNull().default({}),
  /** Contextual facts entered for the service (population, demographics, caseload by type). */
  contextFacts: jsonb('context_facts').notNull().default({}),
  keyQuestionFormat: text('key_question_format', { enum: keyQuestionTableFormats }).notNull().default('percentages'),
  showPromptTables: boolean('show_prompt_tables').notNull().default(false),
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

// ── planning: eligible population and sample (issue 5) ──

/** The eligible population a service supplied for one inspection; a new import replaces it whole. */
export const populationCases = pgTable(
  'population_cases',
  {
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id, { onDelete: 'cascade' }),
    ref: text('ref').notNull(),
    domain: text('domain').notNull(),
    disposal: text('disposal'),
    startDate: date('start_date', { mode: 'string' }),
    sex: text('sex'),
    ethnicity: text('ethnicity'),
    disability: text('disability'),
    lookedAfter: text('looked_after'),
    age: integer('age'),
    rosh: text('rosh'),
    swb: text('swb'),
    caseManager: text('case_manager'),
    localAuthority: text('local_authority'),
    /** The line of the imported file the case started on. */
    line: integer('line').notNull(),
  },
  (t) => [primaryKey({ columns: [t.inspectionId, t.ref] })],
);

/** When and from what the population was imported. */
export const populationImports = pgTable('population_imports', {
  inspectionId: uuid('inspection_id')
    .primaryKey()
    .references(() => inspections.id, { onDelete: 'cascade' }),
  caseCount: integer('case_count').notNull(),
  /** Our field to the file's header. */
  mapping: jsonb('mapping').notNull(),
  importedBy: uuid('imported_by').references(() => users.id),
  importedAt: timestamp('imported_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** The column mapping a service's case management system needs, proposed at its next import. */
export const populationMappings = pgTable('population_mappings', {
  organisationId: uuid('organisation_id')
    .primaryKey()
    .references(() => organisations.id, { onDelete: 'cascade' }),
  mapping: jsonb('mapping').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** Every sample drawn, with what it was drawn from: the same options and seed draw it again. The latest is shown. */
export const sampleDraws = pgTable(
  'sample_draws',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id, { onDelete: 'cascade' }),
    /** SampleOptions: confidence, margin, strata, split; and the seed (0 to 2³² − 1). */
    options: jsonb('options').notNull(),
    seed: bigint('seed', { mode: 'number' }).notNull(),
    /** Refs by domain: { sample: { court, outOfCourt }, reserve: { court, outOfCourt }, resettlement }. */
    result: jsonb('result').notNull(),
    drawnBy: uuid('drawn_by').references(() => users.id),
    drawnAt: timestamp('drawn_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** When it became the inspection's cases. */
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('sample_draws_inspection').on(t.inspectionId, t.drawnAt)],
);

/** A sampled case found ineligible, taken out of the cases, and the reserve case that replaced it. */
export const sampleReplacements = pgTable('sample_replacements', {
  id: uuid('id').primaryKey().defaultRandom(),
  drawId: uuid('draw_id')
    .notNull()
    .references(() => sampleDraws.id, { onDelete: 'cascade' }),
  inspectionId: uuid('inspection_id')
    .notNull()
    .references(() => inspections.id, { onDelete: 'cascade' }),
  ineligibleRef: text('ineligible_ref').notNull(),
  reason: text('reason').notNull(),
  replacementRef: text('replacement_ref'),
  replacedBy: uuid('replaced_by').references(() => users.id),
  replacedAt: timestamp('replaced_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

// ── improvement plans (issue 7) ──

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

// ── accounts and privacy (issue 4) ──

/** Failed sign-ins, for throttling by account and by address; rows older than a day are pruned. */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    email: text('email').notNull(),
    address: text('address').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('sign_in_failures_email').on(t.email, t.at), index('sign_in_failures_address').on(t.address, t.at)],
);

/** A form posted after the session ended: kept for its user to send again after signing in. */
export const keptForms = pgTable('kept_forms', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  path: text('path').notNull(),
  fields: jsonb('fields').notNull(),
  createdAt: createdAt(),
});

/** The ratings of an inspection whose case-level data the retention job deleted: figures and the full result. */
export const ratingSnapshots = pgTable('rating_snapshots', {
  inspectionId: uuid('inspection_id')
    .primaryKey()
    .references(() => inspections.id, { onDelete: 'cascade' }),
  keyQuestionFigures: jsonb('key_question_figures').notNull(),
  rating: jsonb('rating').notNull(),
  takenAt: timestamp('taken_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
