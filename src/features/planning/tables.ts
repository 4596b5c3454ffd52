import { bigint, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations, users, inspections } from '../../platform/db/core-tables.js';

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
