import { parseTree, printParseErrorCode, type ParseError, type ParseErrorCode } from 'jsonc-parser';
import type { z } from 'zod';

/**
 * Bad input from a user: a framework file, a findings file, a CSV. The message names the source, where in it
 * (a JSON path like `$.keyQuestions["2.1"][0].yes` or `line 4, column "2.1.1"`) and what is wrong.
 */
export class InputError extends Error {
  constructor(
    readonly source: string,
    readonly where: string,
    readonly problem: string,
  ) {
    super(where ? `${source}: ${where}: ${problem}` : `${source}: ${problem}`);
    this.name = 'InputError';
  }
}

/** `$.domains[1].standards[0].id`, with keys that are not identifiers quoted: `$.keyQuestions["2.1"]`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    const name = String(key);
    return /^[A-Za-z_$][\w$]*$/.test(name) ? `${text}.${name}` : `${text}[${JSON.stringify(name)}]`;
  }, '$');
}

/** A syntax error's place in the text, as people count it: lines and columns from 1. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  return `line ${before.split('\n').length}, column ${offset - before.lastIndexOf('\n')}`;
}

/** Parses JSON text (a byte-order mark is allowed), naming the line and column of a syntax error. */
export function parseJson(text: string, source: string): unknown {
  const json = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return JSON.parse(json);
  } catch {
    // JSON.parse does not always say where; jsonc-parser's strict scan does.
    const errors: ParseError[] = [];
    parseTree(json, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    const problem = first ? describeJsonError(first.error) : 'not valid JSON';
    throw new InputError(source, lineAndColumn(json, first?.offset ?? json.length), `not valid JSON: ${problem}`);
  }
}

function describeJsonError(code: ParseErrorCode): string {
  const words = printParseErrorCode(code)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words === 'invalid symbol' ? 'unexpected character' : words;
}

/** One zod issue in words a user reads: what is wrong with the field its path names. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const list = (values: readonly unknown[]) => values.map((v) => String(v)).join(', ');
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return 'is required';
      const expected = issue.expected === 'int' ? 'whole number' : issue.expected;
      return `must be ${/^[aeiou]/.test(expected) ? 'an' : 'a'} ${expected}, not ${JSON.stringify(issue.input)}`;
    }
    case 'unrecognized_keys':
      return 'unknown field';
    case 'invalid_value':
      return `${JSON.stringify(issue.input)} is not one of ${list(issue.values)}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `needs at least ${String(issue.minimum)} item${Number(issue.minimum) === 1 ? '' : 's'}`
        : issue.origin === 'string'
          ? 'must not be empty'
          : `must be at least ${String(issue.minimum)}, not ${JSON.stringify(issue.input)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}, not ${JSON.stringify(issue.input)}`;
    default:
      return issue.message;
  }
}

/** Parses with a zod schema, or throws an InputError naming the JSON path of the first problem. */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown, source: string): T {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  // An unknown field is named in the path itself: `$.judgments: unknown field`.
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
  throw new InputError(source, jsonPath(path), describeIssue(issue));
}
