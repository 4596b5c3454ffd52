import { main } from '../../src/cli/main.js';
import { scratchDatabase } from './database.js';

/** Runs the command line in-process on a data directory, collecting what it prints. */
export const cliIn =
  (dir: string) =>
  async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const status = await main([...args, '--data-dir', dir], {
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      cwd: dir,
    });
    return { status, stdout: out.join(''), stderr: err.join('') };
  };

/**
 * With DATABASE_URL set, points it at a scratch database for the commands of one test file, and gives back
 * how to put it back and drop the scratch one; without it, the commands use the data directory's PGlite.
 */
export async function scratchDatabaseForCommands(prefix: string): Promise<() => Promise<void>> {
  const savedUrl = process.env.DATABASE_URL;
  if (!savedUrl) return () => Promise.resolve();
  const scratch = await scratchDatabase(savedUrl, prefix);
  process.env.DATABASE_URL = scratch.url;
  return async () => {
    process.env.DATABASE_URL = savedUrl;
    await scratch.drop();
  };
}
