import {
  columnsFor,
  defaultSplit,
  defaultStrata,
  drawSample,
  isStratumVariable,
  maxSeed,
  parsePopulationCsv,
  sampleColumns,
  sizings,
  sampleJson,
  sampleRows,
  SampleSizeError,
  sampleText,
  stratumVariableNames,
  type SamplePlan,
  type Sizing,
  type Split,
  type StratumVariable,
} from '../../domain/sampling/index.js';
import { frameworkPopulationRules } from '../../domain/sampling/framework-rules.js';
import { toCsv } from '../../platform/csv.js';
import { frameworkOption } from './rate.js';
import { oneOf, readInput, UsageError, type CliIo } from '../io.js';

export interface SampleCommandOptions {
  population?: string;
  confidence?: string;
  margin?: string;
  strata?: string;
  seed?: string;
  split?: string;
  sizing?: string;
  framework?: string;
  court?: string;
  'out-of-court'?: string;
  format?: string;
}

/** A proportion strictly between 0 and 1; 80 or 5 get a hint that a proportion is wanted. */
function proportion(option: string, value: string | undefined, fallback: number, example: string): number {
  if (value === undefined) return fallback;
  const number = /^(\d+\.?\d*|\.\d+)$/.test(value) ? Number(value) : NaN;
  if (number > 0 && number < 1) return number;
  const hint = number >= 1 && number < 100 ? ` (a proportion: ${example})` : '';
  throw new UsageError(`--${option} must be a number between 0 and 1${hint}; got "${value}"`);
}

function wholeNumber(option: string, value: string, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d+$/.test(value) || Number(value) > max)
    throw new UsageError(`--${option} must be a whole number from 0 to ${max}; got "${value}"`);
  return Number(value);
}

function strataOption(value: string | undefined): readonly StratumVariable[] {
  if (value === undefined) return defaultStrata;
  if (value === 'none') return [];
  const names = value.split(',').map((name) => name.trim());
  const known = `${stratumVariableNames.join(', ')}, or none`;
  for (const [i, name] of names.entries()) {
    if (!isStratumVariable(name)) throw new UsageError(`--strata: unknown variable "${name}" (known: ${known})`);
    if (names.indexOf(name) !== i) throw new UsageError(`--strata: "${name}" is named twice`);
  }
  return names as StratumVariable[];
}

function splitOption(options: SampleCommandOptions): Split {
  const court = options.court;
  const outOfCourt = options['out-of-court'];
  if (court !== undefined || outOfCourt !== undefined) {
    if (options.split !== undefined) throw new UsageError('give either --split or --court and --out-of-court');
    if (court === undefined || outOfCourt === undefined)
      throw new UsageError('set the sizes by hand with both --court N and --out-of-court M');
    return { kind: 'byHand', court: wholeNumber('court', court), outOfCourt: wholeNumber('out-of-court', outOfCourt) };
  }
  if (options.split === undefined) return defaultSplit;
  if (options.split === 'proportional') return { kind: 'proportional' };
  const ratio = /^(\d+)\/(\d+)$/.exec(options.split);
  if (!ratio || Number(ratio[1]) + Number(ratio[2]) !== 100)
    throw new UsageError(
      `--split must be court/out-of-court percentages adding up to 100 (60/40) or "proportional"; got "${options.split}"`,
    );
  return { kind: 'ratio', court: Number(ratio[1]), outOfCourt: Number(ratio[2]) };
}

const sizingWords: Record<string, Sizing> = { 'court-first': 'courtFirst', combined: 'combined' };

/** --sizing court-first|combined; left out, the framework's rule (HMIP's: court first). */
function sizingOption(value: string | undefined, fallback: Sizing): Sizing {
  if (value === undefined) return fallback;
  const sizing = sizingWords[value] ?? sizings.find((s) => s === value);
  if (!sizing) throw new UsageError(`--sizing must be court-first or combined; got "${value}"`);
  return sizing;
}

/** `yj-inspect sample --population <csv>`: the options are checked first, then the whole file, then the draw. */
export function sample(io: CliIo, positionals: string[], options: SampleCommandOptions): number {
  if (positionals.length > 0) throw new UsageError(`sample takes no file name; unexpected "${positionals[0]}"`);
  if (!options.population) throw new UsageError('which population? yj-inspect sample --population <csv>');
  const format = oneOf('format', options.format, ['text', 'json', 'csv'] as const, 'text');
  const confidence = proportion('confidence', options.confidence, 0.8, '0.8 for 80%');
  const margin = proportion('margin', options.margin, 0.05, '0.05 for 5 points');
  const strata = strataOption(options.strata);
  const split = splitOption(options);
  const seed = options.seed === undefined ? undefined : wholeNumber('seed', options.seed, maxSeed);
  const framework = frameworkOption(options.framework ?? 'hmip-youth-2021');
  const sizing = sizingOption(options.sizing, framework.file.sampling?.sizing ?? 'courtFirst');

  const { text, source } = readInput(io, options.population);
  const cases = parsePopulationCsv(text, source, columnsFor(strata), frameworkPopulationRules(framework));
  let plan: SamplePlan;
  try {
    plan = drawSample(cases, { confidence, margin, strata, split, sizing, ...(seed !== undefined && { seed }) });
  } catch (error) {
    if (error instanceof SampleSizeError) throw new UsageError(`--court/--out-of-court: ${error.message}`);
    throw error;
  }
  if (format === 'json') io.stdout(JSON.stringify(sampleJson(plan), null, 2) + '\n');
  else if (format === 'csv') io.stdout(toCsv(sampleColumns, sampleRows(plan), { lineEnd: '\n' }));
  else io.stdout(sampleText(plan, source));
  return 0;
}
