import { extname } from 'node:path';
import { parseCaseAnswersCsv, parseFindings, type ParsedFindings } from '../../domain/findings/parse.js';
import { getFramework } from '../../platform/framework-registry.js';
import { InputError, jsonPath } from '../../domain/input/input-error.js';
import { DiscretionError, rateInspection } from '../../domain/rating/index.js';
import type { InspectionRating } from '../../domain/rating/types.js';
import { ratingsBoxText } from '../../domain/report/ratings-box.js';
import { promptTablesOf } from '../../domain/report/prompt-tables.js';
import { ratingsMarkdown } from '../../domain/report/ratings-markdown.js';
import { oneOf, readInput, UsageError, type CliIo } from '../io.js';

export interface RateOptions {
  format?: string;
  cases?: string;
  framework?: string;
}

/** Findings from a JSON file (with an optional CSV of case answers), or from a CSV alone with --framework. */
export function readFindings(io: CliIo, path: string, options: RateOptions): ParsedFindings & { source: string } {
  const main = readInput(io, path);
  if (extname(path).toLowerCase() === '.csv') {
    if (!options.framework) throw new UsageError(`${main.source}: a CSV of case answers needs --framework <id>`);
    if (options.cases) throw new UsageError('--cases goes with a JSON findings file');
    const framework = frameworkOption(options.framework);
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

/** A framework named on the command line: an unknown id is a usage error. */
export function frameworkOption(id: string) {
  try {
    return getFramework(id);
  } catch (error) {
    if (error instanceof InputError && error.source === 'framework')
      throw new UsageError(`--framework: ${error.problem}`);
    throw error;
  }
}

export function rateFindings(parsed: ParsedFindings & { source: string }): InspectionRating {
  let rating: InspectionRating;
  try {
    rating = rateInspection(parsed.framework, parsed.findings);
  } catch (error) {
    if (error instanceof DiscretionError)
      throw new InputError(parsed.source, jsonPath(['discretion', error.standardId]), error.message);
    throw error;
  }
  // The engine keeps a decision for a standard that cannot be rated yet; in a findings file it is a mistake.
  for (const standardId of Object.keys(parsed.findings.discretion)) {
    const standard = rating.standards.find((s) => s.id === standardId)!;
    if (standard.computedRating === null)
      throw new InputError(
        parsed.source,
        jsonPath(['discretion', standardId]),
        `${standardId} has no computed rating to apply discretion to (${standard.missing})`,
      );
  }
  return rating;
}

/** The rating as JSON, each standard with its prompt tables headed by their sub-samples, as the report prints them. */
function withPromptTables(framework: ParsedFindings['framework'], rating: InspectionRating) {
  return {
    ...rating,
    standards: rating.standards.map((standard) => ({ ...standard, promptTables: promptTablesOf(framework, standard) })),
  };
}

export function rate(io: CliIo, positionals: string[], options: RateOptions): number {
  const [path, ...extra] = positionals;
  if (!path) throw new UsageError('which findings file? yj-inspect rate <file>');
  if (extra.length > 0) throw new UsageError(`rate takes one file; unexpected "${extra[0]}"`);
  const format = oneOf('format', options.format, ['text', 'json', 'markdown'] as const, 'text');
  const parsed = readFindings(io, path, options);
  const rating = rateFindings(parsed);
  if (format === 'json') io.stdout(JSON.stringify(withPromptTables(parsed.framework, rating), null, 2) + '\n');
  else if (format === 'markdown') io.stdout(ratingsMarkdown(parsed.framework, rating, parsed.fieldwork));
  else io.stdout(ratingsBoxText(parsed.framework, rating, parsed.fieldwork));
  return 0;
}
