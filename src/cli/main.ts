import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { InputError } from '../domain/input/input-error.js';
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
         [--sizing court-first|combined]      HMIP's rule (the court cases sized, out of court derived) or both together
         [--framework hmip-youth-2021]        the framework whose domain and disposal words and sizing rule apply
         [--seed N] [--format text|json|csv]  the same population and seed always draw the same sample

  serve [--port N] [--data-dir DIR] [--demo]  run the web application (PORT, YJ_DATA_DIR, DATABASE_URL)
  db migrate [--data-dir DIR]                 bring the schema up to date as its owner (MIGRATION_DATABASE_URL)
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
  national import [FILE] --email E            import HMIP's published national ratings (an administrator;
                                              without FILE, the shipped data/national file)
         [--scope read|write]                 read: any change is refused (403); write (default): read and write
  tokens list --email E                       a user's API tokens, with their ids
  tokens revoke --id ID                       revoke an API token at once
  retention run [--dry-run]                   delete case data past each service's retention (ratings kept)
  team list --inspection ID --email LEAD      the inspection's team
  team add --inspection ID --email LEAD       add one of the inspectorate's users, or invite someone new
           --member E [--name N]              by email (--name needed); the link goes by YJ_SMTP_URL
           [--role inspector|ratingsPanel]    their role on the team (inspector)
  team remove --inspection ID --email LEAD --member E   take someone off the team

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
  sizing: { type: 'string' },
  court: { type: 'string' },
  'out-of-court': { type: 'string' },
  plan: { type: 'string' },
  inspection: { type: 'string' },
  member: { type: 'string' },
  file: { type: 'string' },
  'as-at': { type: 'string' },
  'as-of': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

const demoFindings = new URL('../../examples/findings/hackney-2023.json', import.meta.url);

type Values = ReturnType<typeof parse>['values'];

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The commands that need no database: each loads its own module, and nothing else, when it runs. */
const fileCommands: Record<string, (io: CliIo, rest: string[], values: Values) => Promise<number>> = {
  frameworks: async (io) => (await import('./commands/frameworks.js')).listFrameworks(io),
  framework: async (io, rest, values) => (await import('./commands/frameworks.js')).showFramework(io, rest, values),
  rate: async (io, rest, values) => (await import('./commands/rate.js')).rate(io, rest, values),
  sample: async (io, rest, values) => (await import('./commands/sample.js')).sample(io, rest, values),
  demo: async (io, _rest, values) =>
    (await import('./commands/rate.js')).rate(
      { ...io, cwd: new URL('.', demoFindings).pathname },
      ['hackney-2023.json'],
      {
        ...values,
      },
    ),
};

/** The commands that open the database, by their one or two words; loaded only when one runs. */
const databaseCommands: Record<string, (io: CliIo, values: Values) => Promise<number>> = {
  serve: async (io, values) => (await import('./commands/server.js')).serve(io, values),
  'db migrate': async (io, values) => (await import('./commands/database.js')).migrateDatabase(io, values),
  'users add': async (io, values) => (await import('./commands/server.js')).addUser(io, values),
  'tokens create': async (io, values) => (await import('./commands/accounts.js')).createToken(io, values),
  'tokens list': async (io, values) => (await import('./commands/accounts.js')).listTokens(io, values),
  'tokens revoke': async (io, values) => (await import('./commands/accounts.js')).revokeToken(io, values),
  'retention run': async (io, values) => (await import('./commands/accounts.js')).runRetention(io, values),
  'plans import': async (io, values) => (await import('./commands/plans.js')).importPlan(io, values),
  'plans export': async (io, values) => (await import('./commands/plans.js')).exportPlan(io, values),
  'plans digest': async (io, values) => (await import('./commands/plans.js')).sendDigest(io, values),
  'team list': async (io, values) => (await import('./commands/team.js')).listTeam(io, values),
  'team add': async (io, values) => (await import('./commands/team.js')).addToTeam(io, values),
  'team remove': async (io, values) => (await import('./commands/team.js')).removeFromTeam(io, values),
};

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const words = argv.filter((a) => !a.startsWith('-'));
  // `report` reads its own options (--out, --published), so it is dispatched before the shared ones are parsed.
  if (words[0] === 'report') return (await import('./commands/report.js')).report(io, argv);
  if (words[0] === 'national' && words[1] === 'import') {
    const { values, positionals } = parse(argv);
    return withDatabaseProblems(io, async () =>
      (await import('./commands/national.js')).importNational(io, positionals.slice(2), values),
    );
  }
  if (words[0] === 'frameworks' && words[1] === 'add') {
    const { values, positionals } = parse(argv);
    return withDatabaseProblems(io, async () =>
      (await import('./commands/frameworks-add.js')).addFramework(io, positionals.slice(2), values),
    );
  }
  const databaseCommand = databaseCommands[words[0] ?? ''] ? words[0]! : `${words[0]} ${words[1]}`;
  const { values, positionals } = parse(argv);
  const runDatabase = databaseCommands[databaseCommand];
  if (runDatabase && !values.version && !values.help) {
    if (positionals.length > databaseCommand.split(' ').length)
      throw new UsageError(`unexpected "${positionals.at(-1)}"`);
    return withDatabaseProblems(io, () => runDatabase(io, values));
  }
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
  const run = fileCommands[command];
  if (!run) throw new UsageError(`unknown command "${command}"`);
  return run(io, rest, values);
}

/** A data directory held by a server, or a value the service refuses: one line, exit status 2. */
async function withDatabaseProblems(io: CliIo, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    const problem = (await import('./commands/server.js')).serverCommandProblem(error);
    if (!problem) throw error;
    io.stderr(`yj-inspect: ${problem}\n`);
    return 2;
  }
}

/** Runs one command line; returns the exit status. Never throws: bad input is exit status 2, with a message. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    return failure(error, io);
  }
}

/** The command line as bin.ts runs it (the same as runCli). */
export const main = runCli;

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
