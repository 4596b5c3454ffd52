import { defineConfig } from 'drizzle-kit';

/** The schema is the spine (core-tables.ts) and each feature's own tables.ts; one set of migrations. */
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/platform/db/core-tables.ts', './src/features/*/tables.ts'],
  out: './src/platform/db/migrations',
});
