import { loadConfig, type Config } from '../platform/config.js';
import { openServices } from '../platform/server.js';
import type { Services } from '../platform/services.js';

/** The settings of a command that opens the database: the environment's (config.ts), with --data-dir over them. */
export const commandConfig = (options: { 'data-dir'?: string }, overrides: Partial<Config> = {}): Config =>
  loadConfig(undefined, { ...(options['data-dir'] ? { dataDir: options['data-dir'] } : {}), ...overrides });

/**
 * Runs a command against the database, closing it afterwards whatever happens; an embedded data directory held
 * by a running server is refused (DataDirBusyError, which main.ts reports in one line).
 */
export async function withServices<T>(
  options: Config | { 'data-dir'?: string },
  run: (services: Services) => Promise<T>,
): Promise<T> {
  const opened = await openServices('dataDir' in options ? options : commandConfig(options));
  try {
    return await run(opened.services);
  } finally {
    await opened.close();
  }
}
