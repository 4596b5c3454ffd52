import { readFileSync } from 'node:fs';
import { extname, relative, resolve } from 'node:path';
import { parseCaseAnswersCsv, parseFindings, type ParsedFindings } from '../../findings/parse.js';
import { getFramework } from '../../framework/registry.js';
import { InputError, jsonPath } from '../../input-error.js';
import { DiscretionError, rateInspection } from '../../rating/index.js';
import type { InspectionRating } from '../../rating/types.js';
import { ratingsBoxText } from '../../report/ratings-box.js';
import { ratingsMarkdown } from '../../report/ratings-markdown.js';
import { oneOf, UsageError, type CliIo } from '../io.js';

export interface RateOptions {
  format?: string;
  cases?: string;
  framework?: string;
}

function readInput(io: CliIo, path: string): { text: string; source: string } {
  const full = resolve(io.cwd, path);
  const source = relative(io.cwd, full) || path;
  try {
    return { text: readFileSync(full, 'utf8'), source };
  } catch (error) {
    throw new InputError(source, '', `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** Findings from a JSON file (with an optional CSV of case answers), or from a CSV alone with --framework. */
export function readFindings(io: CliIo, path: string, options: RateOptions): ParsedFindings & { source: string } {
  const main = readInput(io, path);
  if (extname(path).toLowerCase() === '.csv') {
    if (!options.framework) throw new UsageError('a CSV of case answers needs --framework <id>');
    if (options.cases) throw new UsageError('--cases goes with a JSON findings file');
    const framework = getFramework(options.framework);
    const cases = parseCaseAnswersCsv(main.text, main.source, framework);
    return {
      framework,
      findings: { keyQuestionFigures: {}, cases, judgements: {}, discretion: {} },
      source: main.source,
    };
  }
  if (options.framework) throw new UsageError('--framework goes with a CSV; a findings file names its framework');
  let extraCases: ParsedFindings['findings']['cases'] = [];
  if (options.cases) {
    const csv = readInput(io, options.cases);
    const framework = frameworkNamedIn(main.text, main.source);
    extraCases = parseCaseAnswersCsv(csv.text, csv.source, framework);
  }
  return { ...parseFindings(main.text, main.source, getFramework, extraCases), source: main.source };
}

/** The CSV is checked against the framework the JSON names; the JSON itself is checked in full afterwards. */
function frameworkNamedIn(text: string, source: string) {
  const parsed = parseFindings(text, source, getFramework);
  return parsed.framework;
}

export function rateFindings(parsed: ParsedFindings & { source: string }): InspectionRating {
  try {
    return rateInspection(parsed.framework, parsed.findings);
  } catch (error) {
    if (error instanceof DiscretionError)
      throw new InputError(parsed.source, jsonPath(['discretion', error.standardId]), error.message);
    throw error;
  }
}

export function rate(io: CliIo, positionals: string[], options: RateOptions): number {
  const [path] = positionals;
  if (!path) throw new UsageError('which findings file? yj-inspect rate <file>');
  const format = oneOf('format', options.format, ['text', 'json', 'markdown'] as const, 'text');
  const parsed = readFindings(io, path, options);
  const rating = rateFindings(parsed);
  if (format === 'json') io.stdout(JSON.stringify(rating, null, 2) + '\n');
  else if (format === 'markdown') io.stdout(ratingsMarkdown(parsed.framework, rating, parsed.fieldwork));
  else io.stdout(ratingsBoxText(parsed.framework, rating, parsed.fieldwork));
  return 0;
}
