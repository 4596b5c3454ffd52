import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { InputError } from '../domain/input/input-error.js';
/** What a command writes to; tests pass their own to capture the output. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Resolves relative paths and reads files. */
  cwd: string;
}

/** A mistake in how the command was called: exit status 2, with the usage line. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function oneOf<T extends string>(
  option: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${option} must be one of ${allowed.join(', ')}; got "${value}"`);
  return value as T;
}

/** A file named on the command line, relative to the working directory, with the name messages use for it. */
export function readInput(io: CliIo, path: string): { text: string; source: string } {
  const full = resolve(io.cwd, path);
  const source = relative(io.cwd, full) || path;
  try {
    return { text: readFileSync(full, 'utf8'), source };
  } catch (error) {
    throw new InputError(source, '', `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
