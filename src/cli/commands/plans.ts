import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { toCsv } from '../../platform/csv.js';
import { guessMapping } from '../../domain/plans/table-import.js';
import { commandConfig, withServices } from '../services.js';
import type { Services } from '../../platform/services.js';
import { PlanImportError, readTable } from '../../features/plans/index.js';
import { isIsoDate } from '../../domain/dates.js';
import { UsageError, oneOf, type CliIo } from '../io.js';

export interface PlanCommandOptions {
  'data-dir'?: string;
  plan?: string;
  file?: string;
  email?: string;
  format?: string;
  'as-at'?: string;
  'as-of'?: string;
}

/** The user the command acts as: imports and exports are theirs, with their permissions, in the audit trail. */
export async function actingUser(services: Services, email: string | undefined) {
  if (!email) throw new UsageError('name the user the command acts as with --email');
  const user = await services.users.findByEmail(email);
  if (!user) throw new UsageError(`no user has the email ${email}`);
  return user;
}

/** `yj-inspect plans import --plan ID --file F --email E [--as-at DATE]`: columns matched by their headers. */
export async function importPlan(io: CliIo, options: PlanCommandOptions): Promise<number> {
  if (!options.plan || !options.file) throw new UsageError('plans import needs --plan and --file');
  const path = resolve(io.cwd, options.file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new UsageError(`${options.file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return withServices(options, async (services) => {
    const user = await actingUser(services, options.email);
    const table = await readTable({ name: options.file!, bytes });
    try {
      const count = await services.plans.transfer.importTable(
        user,
        options.plan!,
        table,
        guessMapping(table.headers),
        options['as-at'] ?? '',
      );
      io.stdout(`Imported ${count} actions into the plan.\n`);
      return 0;
    } catch (error) {
      if (!(error instanceof PlanImportError)) throw error;
      for (const p of error.problems) io.stderr(`${options.file}: line ${p.line}: ${p.message}\n`);
      io.stderr('yj-inspect: nothing was imported\n');
      return 2;
    }
  });
}

/** `yj-inspect plans export --plan ID --email E [--format csv|xlsx] [--file OUT]`: CSV to standard output by default. */
export async function exportPlan(io: CliIo, options: PlanCommandOptions): Promise<number> {
  if (!options.plan) throw new UsageError('plans export needs --plan');
  const format = oneOf('format', options.format, ['csv', 'xlsx'] as const, 'csv');
  if (format === 'xlsx' && !options.file) throw new UsageError('an XLSX export needs --file to write it to');
  return withServices(options, async (services) => {
    const user = await actingUser(services, options.email);
    const { plan, headers, rows } = await services.plans.transfer.exportRows(user, options.plan!);
    await services.plans.board.recordDownload(user, plan, `export.${format} (command line)`);
    const output =
      format === 'csv' ? toCsv(headers, rows) : await services.plans.transfer.toXlsx('Plan', headers, rows);
    if (options.file) {
      writeFileSync(resolve(io.cwd, options.file), output);
      io.stdout(`Wrote ${rows.length} actions to ${options.file}.\n`);
    } else io.stdout(String(output));
    return 0;
  });
}

/** `yj-inspect plans digest [--as-of DATE]`: the daily email to owners who asked for it (YJ_SMTP_URL). */
export async function sendDigest(io: CliIo, options: PlanCommandOptions): Promise<number> {
  const asOf = options['as-of'];
  if (asOf !== undefined && !isIsoDate(asOf))
    throw new UsageError(`--as-of must be a date like 2024-03-31; got "${asOf}"`);
  const config = commandConfig(options);
  if (!config.mail) throw new UsageError('set YJ_SMTP_URL (and YJ_MAIL_FROM) to send the digest');
  // The services' mailer, built from the same config, is closed with them.
  return withServices(config, async (services) => {
    const sent = await services.plans.reminders.sendDigest(asOf);
    io.stdout(`Sent the digest to ${sent.length} ${sent.length === 1 ? 'person' : 'people'}.\n`);
    return 0;
  });
}
