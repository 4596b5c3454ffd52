import { writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../platform/config.js';
import { DataDirBusyError } from '../../platform/db/data-dir-lock.js';
import { openServices } from '../../platform/server.js';
import type { Actor } from '../../platform/audit.js';
import { NotFoundError } from '../../platform/errors.js';
import { reportFormats } from '../../features/report/index.js';
import { oneOf, UsageError, type CliIo } from '../io.js';

/**
 * Whoever runs the command line holds the database itself, so the report is written as an administrator
 * would see it; the download is audited under this name.
 */
const commandLine: Actor = {
  id: '00000000-0000-0000-0000-000000000000',
  email: 'command-line',
  displayName: 'Command line',
  isAdmin: true,
};

/** The format a file name asks for ("x.pdf"), when --format does not say; a name without a known one is HTML. */
function formatOfFileName(fileName: string): string | undefined {
  const extension = extname(fileName).slice(1).toLowerCase();
  return (reportFormats as readonly string[]).includes(extension) ? extension : undefined;
}

/** `yj-inspect report <inspection-id> --format html|pdf|xlsx|csv --out <file> [--published N] [--data-dir DIR]` */
export async function report(io: CliIo, argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        format: { type: 'string' },
        out: { type: 'string' },
        published: { type: 'string' },
        'data-dir': { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [, inspectionId, extra] = positionals;
  if (!inspectionId)
    throw new UsageError('report needs the inspection id: yj-inspect report <inspection-id> --out <file>');
  if (extra !== undefined) throw new UsageError(`unexpected "${extra}"`);
  if (!values.out) throw new UsageError('report needs --out <file>');
  const format = oneOf('format', values.format ?? formatOfFileName(values.out), reportFormats, 'html');
  if (values.published !== undefined && !/^[1-9]\d{0,5}$/.test(values.published))
    throw new UsageError(`--published must be a version number such as 1; got "${values.published}"`);
  const version = values.published === undefined ? undefined : Number(values.published);
  const config = loadConfig(undefined, values['data-dir'] ? { dataDir: resolve(io.cwd, values['data-dir']) } : {});
  const opened = await openServices(config).catch((error: unknown) => {
    // A server holds the embedded database: say which, as `users add` does.
    if (error instanceof DataDirBusyError) throw new UsageError(error.message);
    throw error;
  });
  try {
    const { body, shown } = await opened.services.report.download(commandLine, inspectionId, format, version);
    const out = resolve(io.cwd, values.out);
    writeFileSync(out, body);
    const state =
      shown.state.status === 'draft'
        ? `draft of version ${shown.state.versionNumber}`
        : `published version ${shown.state.versionNumber}`;
    io.stdout(
      `Wrote ${values.out}: ${shown.model.service}, ${state} (${format}, ${body.length.toLocaleString('en-GB')} bytes).\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof NotFoundError)
      throw new UsageError(
        version === undefined
          ? `no inspection has the id "${inspectionId}"`
          : `inspection "${inspectionId}" has no published version ${version}`,
      );
    throw error;
  } finally {
    // Closes the PDF renderer's Chromium too, so that the command ends at once.
    await opened.close();
  }
}
