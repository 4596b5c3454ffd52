import { loadConfig } from '../../platform/config.js';
import { migrateServer, openDatabase } from '../../platform/db/connect.js';
import { lockDataDir } from '../../platform/db/data-dir-lock.js';
import type { CliIo } from '../io.js';

/**
 * `yj-inspect db migrate`: brings the schema up to date as the tables' owner (MIGRATION_DATABASE_URL, else
 * DATABASE_URL), so that the server itself can run as a role that may not change the schema.
 */
export async function migrateDatabase(io: CliIo, values: { 'data-dir'?: string }): Promise<number> {
  const config = loadConfig(undefined, values['data-dir'] ? { dataDir: values['data-dir'] } : {});
  const url = config.migrationDatabaseUrl ?? config.databaseUrl;
  if (url) {
    const { migrated } = await migrateServer(url);
    const where = new URL(url);
    where.password = '';
    io.stdout(`${migrated ? 'Migrated' : 'Already up to date'}: ${where.toString()}\n`);
    return 0;
  }
  const lock = lockDataDir(config.dataDir);
  try {
    const database = await openDatabase({ dataDir: config.dataDir });
    await database.close();
  } finally {
    lock.release();
  }
  io.stdout(`Up to date: ${config.dataDir}\n`);
  return 0;
}
