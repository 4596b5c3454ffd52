import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { InputError } from '../domain/input/input-error.js';
import { addFramework, listFrameworks, showFramework } from './commands/frameworks.js';
import { rate } from './commands/rate.js';
import { report } from './commands/report.js';
import { exportPlan, importPlan, sendDigest } from './commands/plans.js';
import { sample } from './commands/sample.js';
import { createToken, listTokens, revokeToken, runRetention } from './commands/accounts.js';
import { addUser, serve, serverCommandProblem } from './commands/server.js';
import { UsageError, type CliIo } from './io.js';

const usage = `Usage: yj-inspect <command> [options]

Commands:
  frameworks                                  list the framework versions
  frameworks add FILE --organisation ID --email E
                                              add a service's own framework file (a new version if changed)
  framework <id> [--format markdown|json]     print one framework whole
  rate <file> [--format text|json|markdown]   rate a findings file (JSON), printing the ratings box
       [--cases <csv>]                        add case answers from a CSV to a JSON findings file
       [--framework <id>]                     rate a CSV of case answers on its own
  demo [--format text|json|markdown]          rate the demo inspection (Hackney, 2023)
  sample --population <csv>                   draw a stratified random sample of cases, with its reserve
         [--confidence 0.8] [--margin 0.05]   the sample size's confidence level and margin of error
         [--strata sex,disposal,rosh,swb]     also ethnicity, disability, lookedAfter, age, localAuthority; none
         [--split 60/40|proportional]         court/out-of-court split (or --court N --out-of-court M)
         [--seed N] [--format text|json|csv]  the same population and seed always draw the same sample

  serve [--port N] [--data-dir DIR] [--demo]  run the web application (PORT, YJ_DATA_DIR, DATABASE_URL)
  users add --email E --name N [--admin]      add a user; the password is read from YJ_USER_PASSWORD
            [--organisation NAME]             (or the variable --password-env names)
            [--role headOfService|qaLead|auditor|boardMember]  their role in the organisation (qaLead)
  report <inspection-id> --out <file>         the inspection's report (--format html|pdf|xlsx|csv), the
         [--published N] [--data-dir DIR]     working draft or a published version
  tokens create --email E [--name N]          print a new API token for a user
  plans import --plan ID --file F --email E   import areas and actions (CSV or XLSX, columns by header)
               [--as-at DATE]                 the date the file's status column describes
  plans export --plan ID --email E            export a plan (--format csv|xlsx, --file OUT) that imports back
  plans digest [--as-of DATE]                 email owners their overdue and soon-due actions (YJ_SMTP_URL)
         [--scope read|write]                 read: any change is refused (403); write (default): read and write
  tokens list --email E                       a user's API tokens, with their ids
  tokens revoke --id ID                       revoke an API token at once
  retention run [--dry-run]                   delete case data past each service's retention (ratings kept)

Without DATABASE_URL the database is embedded in the data directory (default .data). While a server
holds a data directory, commands that would open it refuse and say which server has it.

Exit status: 0 done, 2 bad input or usage (the message names the file, line or JSON path), 1 anything else.
`;

const options = {
  format: { type: 'string' },
  cases: { type: 'string' },
  framework: { type: 'string' },
  port: { type: 'string' },
  'data-dir': { type: 'string' },
  demo: { type: 'boolean' },
  email: { type: 'string' },
  name: { type: 'string' },
  admin: { type: 'boolean' },
  organisation: { type: 'string' },
  role: { type: 'string' },
  'password-env': { type: 'string' },
  scope: { type: 'string' },
  id: { type: 'string' },
  'dry-run': { type: 'boolean' },
  population: { type: 'string' },
  confidence: { type: 'string' },
  margin: { type: 'string' },
  strata: { type: 'string' },
  seed: { type: 'string' },
  split: { type: 'string' },
  court: { type: 'string' },
  'out-of-court': { type: 'string' },
  plan: { type: 'string' },
  file: { type: 'string' },
  'as-at': { type: 'string' },
  'as-of': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

const demoFindings = new URL('../../examples/findings/hackney-2023.json', import.meta.url);

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function dispatch(argv: string[], io: CliIo): number {
  const { values, positionals } = parse(argv);
  const [command, ...rest] = positionals;
  if (values.version) {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    io.stdout(`${pkg.version}\n`);
    return 0;
  }
  if (values.help || command === undefined || command === 'help') {
    io.stdout(usage);
    return 0;
  }
  switch (command) {
    case 'frameworks':
      return listFrameworks(io);
    case 'framework':
      return showFramework(io, rest, values);
    case 'rate':
      return rate(io, rest, values);
    case 'sample':
      return sample(io, rest, values);
    case 'demo':
      return rate({ ...io, cwd: new URL('.', demoFindings).pathname }, ['hackney-2023.json'], { ...values });
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

/** Runs one command line; returns the exit status. Never throws for bad input. */
export function runCli(argv: string[], io: CliIo): number {
  try {
    return dispatch(argv, io);
  } catch (error) {
    return failure(error, io);
  }
}

const databaseCommands: Record<string, (io: CliIo, values: ReturnType<typeof parse>['values']) => Promise<number>> = {
  serve: serve,
  'users add': addUser,
  'tokens create': createToken,
  'plans import': importPlan,
  'plans export': exportPlan,
  'plans digest': sendDigest,
  'tokens list': listTokens,
  'tokens revoke': revokeToken,
  'retention run': runRetention,
};

/** The whole command line: the database commands (serve, users, tokens) are asynchronous, the rest are not. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const words = argv.filter((a) => !a.startsWith('-'));
  const command = databaseCommands[words[0] ?? ''] ? words[0]! : `${words[0]} ${words[1]}`;
  const run = databaseCommands[command];
  if (words[0] === 'report') return report(io, argv).catch((error: unknown) => failure(error, io));
  if (words[0] === 'frameworks' && words[1] === 'add')
    return (async () => {
      const { values, positionals } = parse(argv);
      return addFramework(io, positionals.slice(2), values);
    })().catch((error: unknown) => failure(error, io));
  if (!run) return runCli(argv, io);
  try {
    const { values, positionals } = parse(argv);
    if (positionals.length > command.split(' ').length) throw new UsageError(`unexpected "${positionals.at(-1)}"`);
    return await run(io, values);
  } catch (error) {
    const problem = serverCommandProblem(error);
    if (problem) {
      io.stderr(`yj-inspect: ${problem}\n`);
      return 2;
    }
    return failure(error, io);
  }
}

function failure(error: unknown, io: CliIo): number {
  if (error instanceof InputError) {
    io.stderr(`yj-inspect: ${error.message}\n`);
    return 2;
  }
  if (error instanceof UsageError) {
    io.stderr(`yj-inspect: ${error.message}\nRun "yj-inspect --help" for usage.\n`);
    return 2;
  }
  io.stderr(`yj-inspect: unexpected error: ${(error as Error).message}\n`);
  return 1;
}
