import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { InputError } from '../input-error.js';
import { listFrameworks, showFramework } from './commands/frameworks.js';
import { rate } from './commands/rate.js';
import { UsageError, type CliIo } from './io.js';

const usage = `Usage: yj-inspect <command> [options]

Commands:
  frameworks                                  list the framework versions
  framework <id> [--format markdown|json]     print one framework whole
  rate <file> [--format text|json|markdown]   rate a findings file (JSON), printing the ratings box
       [--cases <csv>]                        add case answers from a CSV to a JSON findings file
       [--framework <id>]                     rate a CSV of case answers on its own
  demo [--format text|json|markdown]          rate the demo inspection (Hackney, 2023)

Exit status: 0 done, 2 bad input or usage (the message names the file, line or JSON path), 1 anything else.
`;

const options = {
  format: { type: 'string' },
  cases: { type: 'string' },
  framework: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

const demoFindings = new URL('../../examples/findings/hackney-2023.json', import.meta.url);

function dispatch(argv: string[], io: CliIo): number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
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
}
