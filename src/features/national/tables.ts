import { date, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../platform/db/core-tables.js';

/** One import of the national file of published HMIP ratings; the latest is the one shown. */
export const nationalImports = pgTable('national_imports', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** The file's name, or "the shipped file" and its path. */
  source: text('source').notNull(),
  rows: integer('rows').notNull(),
  importedBy: uuid('imported_by').references(() => users.id),
  importedAt: timestamp('imported_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** A published inspection's overall score and rating, with what is known to be wrong with the row. */
export const nationalRatings = pgTable(
  'national_ratings',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => nationalImports.id, { onDelete: 'cascade' }),
    laRef: text('la_ref').notNull(),
    laName: text('la_name').notNull(),
    score: integer('score'),
    publishedRating: text('published_rating').notNull(),
    rating: text('rating'),
    publicationDate: date('publication_date', { mode: 'string' }).notNull(),
    reportUrl: text('report_url').notNull(),
    caveats: jsonb('caveats').$type<string[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.laRef] })],
);
