import { byCode } from './allocate.js';
import type { SamplePlan } from './draw.js';
import type { PopulationCase } from './population.js';
import {
  domainWords,
  marginFormula,
  sampledDomains,
  sizeFormula,
  type ByDomain,
  type SampledDomain,
  type Split,
} from './sample-size.js';
import { stratumLabel, stratumValues } from './strata.js';

/** The sample as JSON, text and CSV: what `yj-inspect sample --format` prints. */

/** A margin in points, to two decimals; null when nothing is sampled. */
const points = (margin: number | null) => (margin === null ? null : Math.round(margin * 10000) / 100);
const refs = (cases: readonly PopulationCase[]) => cases.map((c) => c.ref);
const perDomain = <T>(f: (domain: (typeof sampledDomains)[number]) => T): ByDomain<T> => ({
  court: f('court'),
  outOfCourt: f('outOfCourt'),
});

/**
 * The issue's keys with the issue's shapes (`population` a count, `marginOfError` the total's in points,
 * `sample` and `reserve` flat lists of refs), and the same by domain beside them: a case found ineligible
 * is replaced from its own domain's reserve, in that domain's order.
 */
export function sampleJson(plan: SamplePlan) {
  const sample = perDomain((d) => refs(plan.domains[d].sample));
  const reserve = perDomain((d) => refs(plan.domains[d].reserve));
  return {
    population: plan.population.total,
    sampleSize: plan.sampleSize,
    marginOfError: points(plan.margin),
    sample: [...sample.court, ...sample.outOfCourt],
    reserve: [...reserve.court, ...reserve.outOfCourt],
    strata: sampledDomains.flatMap((d) => plan.domains[d].strata),
    populationByDomain: { ...plan.population, resettlement: plan.resettlement.length },
    marginOfErrorByDomain: perDomain((d) => points(plan.domains[d].margin)),
    sampleByDomain: sample,
    reserveByDomain: reserve,
    seed: plan.seed,
    confidence: plan.options.confidence,
    margin: plan.options.margin,
    sizing: plan.sizing,
    sizedOn: plan.sizedOn,
    formula: {
      sampleSize: sizeFormula(plan.required, plan.sizedOn.population, plan.options.margin).join('; '),
      marginOfError: marginFormula(plan.sampleSize.total, plan.population.total, plan.options.confidence),
    },
    resettlement: refs(plan.resettlement),
  };
}

/** 0.8 as "80", 0.07 as "7": without float noise such as 7.000000000000001. */
const asPercent = (proportion: number) => String(Math.round(proportion * 1e8) / 1e6);
const percent = (part: number, whole: number) => (whole === 0 ? '-' : ((100 * part) / whole).toFixed(1));
const capital = (words: string) => words[0]!.toUpperCase() + words.slice(1);

/** Rows of cells, the first column left-aligned and the rest right-aligned, indented two spaces. */
function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)));
  return rows.map((row) => `  ${line(row).join('   ')}`.trimEnd());
}

/** References wrapped to lines of about 100 characters. */
function wrap(words: readonly string[], indent = '  '): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && line.length + word.length + 2 > 100) {
      lines.push(`${indent}${line},`);
      line = word;
    } else line = line ? `${line}, ${word}` : word;
  }
  if (line) lines.push(`${indent}${line}`);
  return lines;
}

/** Which rule sized the sample, and on which population. */
export function sizingWords(plan: Pick<SamplePlan, 'sizing' | 'sizedOn'>): string {
  const { domains, population } = plan.sizedOn;
  if (domains === 'both') return `Sized on the court and out-of-court cases together (N = ${population}), then split`;
  if (domains === 'outOfCourt') return `No court cases: sized on the out-of-court cases (N = ${population})`;
  return `Court first, as HMIP sizes it: sized on the court cases (N = ${population}), out of court derived by the split`;
}

function splitWords(split: Split): string {
  if (split.kind === 'byHand') return 'Sizes set by hand (the margins below are what they achieve)';
  const how = split.kind === 'proportional' ? 'in proportion to the populations' : `${split.court}/${split.outOfCourt}`;
  return `Split ${how}, no domain above its population`;
}

const reserveShown = 10;

/** A report for people: the numbers, the formulas with the numbers in, the mix, the cases and the seed. */
export function sampleText(plan: SamplePlan, source: string): string {
  const { options, population, sampleSize } = plan;
  const formula = sizeFormula(plan.required, plan.sizedOn.population, options.margin);
  const confidence = asPercent(options.confidence);
  const margins = sampledDomains.map((d) => plan.domains[d].margin);
  const lines = [
    `Stratified sample of ${source}`,
    '',
    'Eligible population',
    ...table([
      ['Court', String(population.court), ''],
      ['Out of court', String(population.outOfCourt), ''],
      ['Total', String(population.total), ''],
      ['Resettlement', String(plan.resettlement.length), 'not sampled: every resettlement case is inspected'],
    ]),
    '',
    `Sample size for ${confidence}% confidence and a margin of error of ${asPercent(options.margin)} points`,
    `  ${sizingWords(plan)}`,
    `  p = 0.5 (the most cautious assumption), z = ${plan.required.z.toFixed(4)} (two-sided, ${confidence}%)`,
    ...formula.map((line) => `  ${line}`),
    `  ${splitWords(options.split)}: court ${sampleSize.court}, out of court ${sampleSize.outOfCourt},` +
      ` total ${sampleSize.total}`,
    '',
    'Margin of error achieved',
    `  ${marginFormula(sampleSize.total, population.total, options.confidence)}`,
    ...table([
      ['', 'Sample', 'Population', 'Margin of error'],
      ['Total', String(sampleSize.total), String(population.total), marginWords(plan.margin)],
      ...sampledDomains.map((d, i) => [
        capital(domainWords[d]),
        String(sampleSize[d]),
        String(population[d]),
        marginWords(margins[i]!),
      ]),
    ]),
    '',
    `Sample mix against the population, by ${options.strata.length ? options.strata.join(', ') : 'nothing (no strata)'}`,
  ];
  for (const domain of sampledDomains) lines.push(...mixTables(plan, domain));
  for (const domain of sampledDomains) {
    const draw = plan.domains[domain];
    lines.push('', `Sample: ${domainWords[domain]} cases (${draw.sample.length})`, ...wrap(refs(draw.sample)));
  }
  lines.push('', `Reserve, in order of use: a case found ineligible is replaced by the next of its domain`);
  for (const domain of sampledDomains) {
    const reserve = plan.domains[domain].reserve;
    const shown = reserve.slice(0, reserveShown);
    const more = reserve.length > shown.length ? `, the first ${shown.length} of ${reserve.length}` : '';
    lines.push(
      `  ${capital(domainWords[domain])} (${reserve.length ? `in order${more}` : 'none'})`,
      ...wrap(refs(shown), '    '),
    );
  }
  lines.push('', `Resettlement cases, all inspected (${plan.resettlement.length})`, ...wrap(refs(plan.resettlement)));
  lines.push(
    '',
    plan.seedDerived
      ? `Seed ${plan.seed}, derived from the population's references: the same file draws the same sample.`
      : `Seed ${plan.seed}: the same file and seed draw the same sample.`,
    `To draw this sample again: --seed ${plan.seed} with the same population, strata, confidence, margin and split.`,
  );
  return lines.join('\n') + '\n';
}

/** A domain's mix by each variable, then by stratum (the combinations the draw shares the sample over). */
function mixTables(plan: SamplePlan, domain: SampledDomain): string[] {
  const draw = plan.domains[domain];
  if (draw.population === 0) return [];
  const size = plan.sampleSize[domain];
  const row = (label: string, population: number, sample: number) => [
    label,
    String(population),
    percent(population, draw.population),
    String(sample),
    percent(sample, size),
  ];
  const byVariable = plan.options.strata.flatMap((variable) => {
    const levels = new Map<string, { population: number; sample: number }>();
    for (const s of draw.strata) {
      const level = levels.get(s.values[variable]!) ?? { population: 0, sample: 0 };
      level.population += s.population;
      level.sample += s.sample;
      levels.set(s.values[variable]!, level);
    }
    return [...levels]
      .sort(([a], [b]) => byCode(a, b))
      .map(([value, n]) => row(`${variable}: ${value}`, n.population, n.sample));
  });
  const indent = (l: string) => `  ${l}`;
  const heading = ['', 'Population', '%', 'Sample', '%'];
  return [
    '',
    `  ${capital(domainWords[domain])} cases, by variable`,
    ...table([heading, ...byVariable]).map(indent),
    '',
    `  ${capital(domainWords[domain])} cases, by stratum`,
    ...table([['Stratum', ...heading.slice(1)], ...draw.strata.map((s) => row(s.stratum, s.population, s.sample))]).map(
      indent,
    ),
  ];
}

function marginWords(margin: number | null): string {
  if (margin === null) return 'none sampled';
  return margin === 0 ? '0 (all cases)' : `${(margin * 100).toFixed(2)} points`;
}

export const sampleColumns = ['ref', 'domain', 'stratum', 'list', 'reserveOrder'] as const;

/**
 * One row per case to inspect (for the CSV writer): the sample (list "sample"), then the resettlement cases (all
 * inspected), then the reserve (list "reserve") with each case's place in its domain's order of use.
 */
export function sampleRows(plan: SamplePlan): string[][] {
  const stratum = (c: PopulationCase) => stratumLabel(stratumValues(c, plan.options.strata));
  const rows: string[][] = [];
  for (const d of sampledDomains)
    for (const c of plan.domains[d].sample) rows.push([c.ref, d, stratum(c), 'sample', '']);
  for (const c of plan.resettlement) rows.push([c.ref, c.domain, '', 'resettlement', '']);
  for (const d of sampledDomains)
    plan.domains[d].reserve.forEach((c, i) => rows.push([c.ref, d, stratum(c), 'reserve', String(i + 1)]));
  return rows;
}
