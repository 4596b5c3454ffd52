import { boolean, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, organisations, users } from '../../platform/db/core-tables.js';

/** A framework file a service added: each changed file is a new version; inspections keep the key they used. */
export const serviceFrameworks = pgTable(
  'service_frameworks',
  {
    /** What inspections store as their framework: unique across services and versions. */
    key: text('key').primaryKey(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    frameworkId: text('framework_id').notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    content: jsonb('content').notNull(),
    /** The file's text, so that the same file added again is the same version. */
    source: text('source').notNull(),
    /** Published by an administrator: every service may use it. */
    published: boolean('published').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('service_frameworks_version').on(t.organisationId, t.frameworkId, t.version)],
);
