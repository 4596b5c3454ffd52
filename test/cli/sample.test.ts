import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { populationCsv, populationHeader } from '../domain/sampling/fixture.js';

/** `yj-inspect sample`, run in-process against a population CSV in a temp directory. */

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function run(argv: string[], csv: string) {
  const cwd = mkdtempSync(join(tmpdir(), 'yj-inspect-sample-'));
  dirs.push(cwd);
  writeFileSync(join(cwd, 'population.csv'), csv);
  let stdout = '';
  let stderr = '';
  // These tests check the draw on the combined sizing; the court-first default has its own tests below.
  const sizing = argv.includes('--sizing') ? [] : ['--sizing', 'combined'];
  const status = await runCli(['sample', '--population', 'population.csv', ...sizing, ...argv], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd,
  });
  return { status, stdout, stderr };
}

const csv = populationCsv({ court: 240, outOfCourt: 110, resettlement: 4 });

const jsonRun = await run(['--format', 'json', '--seed', '42'], csv);

describe('yj-inspect sample --format json', () => {
  const result = jsonRun;
  const json = JSON.parse(result.stdout) as Record<string, unknown> & {
    sample: string[];
    reserve: string[];
    sampleByDomain: Record<'court' | 'outOfCourt', string[]>;
    reserveByDomain: Record<'court' | 'outOfCourt', string[]>;
    strata: { domain: string; stratum: string; population: number; sample: number }[];
    formula: { sampleSize: string; marginOfError: string };
  };

  it('has the keys issue 5 names, and the sizes, margins and settings', () => {
    expect(result.status).toBe(0);
    expect(Object.keys(json)).toEqual([
      'population',
      'sampleSize',
      'marginOfError',
      'sample',
      'reserve',
      'strata',
      'populationByDomain',
      'marginOfErrorByDomain',
      'sampleByDomain',
      'reserveByDomain',
      'seed',
      'confidence',
      'margin',
      'sizing',
      'sizedOn',
      'formula',
      'resettlement',
    ]);
    expect(json).toMatchObject({
      population: 350,
      sampleSize: { court: 68, outOfCourt: 45, total: 113 },
      marginOfError: 4.97,
      populationByDomain: { court: 240, outOfCourt: 110, total: 350, resettlement: 4 },
      marginOfErrorByDomain: { court: 6.59, outOfCourt: 7.38 },
      seed: 42,
      confidence: 0.8,
      margin: 0.05,
      resettlement: ['YJ000351', 'YJ000352', 'YJ000353', 'YJ000354'],
    });
    expect(json.formula.sampleSize).toContain('164.24 / (1 + 163.24 / 350) = 112.001, rounded up: 113');
  });

  it('lists the sample and the whole reserve of each domain, and each stratum with its counts', () => {
    expect(json.sampleByDomain.court).toHaveLength(68);
    expect(json.sampleByDomain.outOfCourt).toHaveLength(45);
    expect(json.reserveByDomain.court).toHaveLength(240 - 68);
    expect(json.reserveByDomain.outOfCourt).toHaveLength(110 - 45);
    expect(json.sample).toEqual([...json.sampleByDomain.court, ...json.sampleByDomain.outOfCourt]);
    expect(json.reserve).toEqual([...json.reserveByDomain.court, ...json.reserveByDomain.outOfCourt]);
    expect(json.sample.every((ref) => !json.reserve.includes(ref))).toBe(true);
    const sum = (domain: string, key: 'population' | 'sample') =>
      json.strata.filter((s) => s.domain === domain).reduce((n, s) => n + s[key], 0);
    expect([sum('court', 'population'), sum('court', 'sample')]).toEqual([240, 68]);
    expect([sum('outOfCourt', 'population'), sum('outOfCourt', 'sample')]).toEqual([110, 45]);
  });

  it('draws the same again with the same seed, and a different sample with another', async () => {
    expect((await run(['--format', 'json', '--seed', '42'], csv)).stdout).toBe(result.stdout);
    const other = JSON.parse((await run(['--format', 'json', '--seed', '7'], csv)).stdout) as typeof json;
    expect(other.sampleByDomain.court).not.toEqual(json.sampleByDomain.court);
  });

  it('a derived seed is printed, and drawing with it repeats the sample', async () => {
    const derived = JSON.parse((await run(['--format', 'json'], csv)).stdout) as typeof json & { seed: number };
    const repeated = JSON.parse(
      (await run(['--format', 'json', '--seed', String(derived.seed)], csv)).stdout,
    ) as typeof json;
    expect(repeated.sample).toEqual(derived.sample);
    expect(repeated.reserve).toEqual(derived.reserve);
  });

  it('--split proportional, and sizes set by hand with the margin they achieve', async () => {
    const proportional = JSON.parse((await run(['--format', 'json', '--split', 'proportional'], csv)).stdout) as {
      sampleSize: object;
    };
    expect(proportional.sampleSize).toEqual({ court: 77, outOfCourt: 36, total: 113 });
    const byHand = JSON.parse(
      (await run(['--format', 'json', '--court', '50', '--out-of-court', '50'], csv)).stdout,
    ) as {
      sampleSize: object;
      marginOfError: number;
      marginOfErrorByDomain: object;
    };
    expect(byHand.sampleSize).toEqual({ court: 50, outOfCourt: 50, total: 100 });
    expect([byHand.marginOfError, byHand.marginOfErrorByDomain]).toEqual([5.42, { court: 8.08, outOfCourt: 6.72 }]); // worked in Python
  });
});

describe('yj-inspect sample: text and CSV', () => {
  it('the text report prints the formulas with the numbers in, the mix and the seed', async () => {
    const { status, stdout } = await run(['--seed', '42'], csv);
    expect(status).toBe(0);
    expect(stdout).toContain('n0 = z² × p(1 − p) / e² = 1.2816² × 0.5 × 0.5 / 0.05² = 164.24');
    expect(stdout).toContain('n = n0 / (1 + (n0 − 1) / N) = 164.24 / (1 + 163.24 / 350) = 112.001, rounded up: 113');
    expect(stdout).toContain('e = z × √(p(1 − p) / n × (N − n) / (N − 1)) = 1.2816 × √(0.25 / 113 × 237 / 349)');
    expect(stdout).toMatch(/Resettlement +4 +not sampled: every resettlement case is inspected/);
    expect(stdout).toMatch(/sex: female +47 +19\.6 +\d+ +[\d.]+/);
    expect(stdout).toContain('Seed 42: the same file and seed draw the same sample.');
  });

  it('the CSV lists the sample, the resettlement cases, then the reserve in order of use', async () => {
    const { status, stdout } = await run(['--format', 'csv', '--seed', '42'], csv);
    expect(status).toBe(0);
    const rows = stdout.trimEnd().split('\n');
    expect(rows[0]).toBe('ref,domain,stratum,list,reserveOrder');
    expect(rows).toHaveLength(1 + 113 + 4 + 237);
    expect(rows[1]).toMatch(/^YJ\d{6},court,(male|female|not recorded) \/ \w+ \/ [\w ]+ \/ [\w ]+,sample,$/);
    expect(rows[114]).toBe('YJ000351,resettlement,,resettlement,');
    expect(rows[118]).toMatch(/^YJ\d{6},court,.*,reserve,1$/);
    expect(rows.at(-1)).toMatch(/^YJ\d{6},outOfCourt,.*,reserve,65$/);
  });

  it('reads columns in any order, with a BOM and Windows line ends, and only ref and domain needed', async () => {
    const text = '\uFEFFdomain,ref\r\ncourt,A1\r\ncourt,A2\r\noutOfCourt,B1\r\n';
    const { status, stdout } = await run(['--format', 'json', '--strata', 'none'], text);
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ sampleSize: { court: 2, outOfCourt: 1, total: 3 } });
  });

  it('the usage text lists the command', async () => {
    let stdout = '';
    await runCli(['--help'], { stdout: (t) => (stdout += t), stderr: () => {}, cwd: '.' });
    expect(stdout).toContain('sample --population <csv>');
  });
});

const row = (cells: Partial<Record<string, string>>) =>
  populationHeader
    .split(',')
    .map((name) => cells[name] ?? '')
    .join(',');
const good = (ref: string) =>
  row({ ref, domain: 'court', disposal: 'referralOrder', sex: 'male', rosh: 'low', swb: 'low' });
/** A header and two good rows, then the row given (on line 4). */
const withRow = (cells: Partial<Record<string, string>>) =>
  [populationHeader, good('C1'), good('C2'), row({ ...cells })].join('\n') + '\n';
const bad = (cells: Partial<Record<string, string>>) => ({ ref: 'C3', domain: 'court', ...cells });

describe('yj-inspect sample: bad input exits 2, naming the line', () => {
  const cases: [string, string, string][] = [
    [
      'a bad date',
      withRow(bad({ startDate: '2024-02-30' })),
      'line 4, column "startDate": "2024-02-30" is not a real date',
    ],
    [
      'a date in neither form',
      withRow(bad({ startDate: '2024.02.03x' })),
      'line 4, column "startDate": "2024.02.03x" is not a date: use DD/MM/YYYY or YYYY-MM-DD',
    ],
    ['a duplicate ref', withRow(bad({ ref: 'C1' })), 'line 4, column "ref": case C1 is also on line 2'],
    ['a missing ref', withRow(bad({ ref: '' })), 'line 4, column "ref": the ref is required'],
    [
      'a name for a ref',
      withRow(bad({ ref: 'Jo Bloggs' })),
      'line 4, column "ref": "Jo Bloggs" is not a case reference',
    ],
    [
      'an unknown domain',
      withRow(bad({ domain: 'custody' })),
      'line 4, column "domain": "custody" is not one of court, outOfCourt, resettlement',
    ],
    [
      'an unknown RoSH',
      withRow(bad({ rosh: 'severe' })),
      'line 4, column "rosh": "severe" is not one of low, medium, high, veryHigh',
    ],
    [
      'an age that is not whole',
      withRow(bad({ age: '15.5' })),
      'line 4, column "age": "15.5" is not an age in whole years',
    ],
    ['an age out of range', withRow(bad({ age: '9' })), 'line 4, column "age": 9 is outside the ages 10 to 25'],
    [
      'a stratum whose column is misspelt (a column no field takes is left out, as the pages do)',
      'ref,domain,sexx\nC1,court,male\n',
      'line 1: there is no "sex" column to stratify by (choose other strata)',
    ],
    ['no domain column', 'ref,sex\nC1,male\n', 'line 1: no column holds the domain: name one "domain"'],
    ['an empty file', '', 'line 1: the file is empty'],
    ['a header and no cases', `${populationHeader}\n`, 'line 2: there are no cases under the header row'],
    [
      'an unclosed quote',
      `${populationHeader}\n${good('C1')}\n"C2,court\n`,
      'line 3: not valid CSV: a quote opened here is never closed',
    ],
  ];
  it.each(cases)('%s', async (_what, text, message) => {
    const result = await run([], text);
    expect(result).toMatchObject({ status: 2, stdout: '' });
    expect(result.stderr).toMatch(
      new RegExp(`^yj-inspect: population\\.csv: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('a quoted cell over two lines: the next row is still named by its own line', async () => {
    const text = [
      populationHeader,
      row({ ref: 'C1', domain: 'court', caseManager: '"Sam\nJones"' }),
      row(bad({ swb: 'x' })),
    ];
    expect((await run([], text.join('\n'))).stderr).toContain('population.csv: line 4, column "swb"');
  });

  it('a stratum variable with no column', async () => {
    const result = await run(['--strata', 'sex,ethnicity'], 'ref,domain,sex\nC1,court,male\n');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('population.csv: line 1: there is no "ethnicity" column to stratify by');
  });
});

describe('yj-inspect sample: usage errors', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown stratum', ['--strata', 'sex,gender'], /--strata: unknown variable "gender" \(known: sex, disposal, /],
    ['a stratum twice', ['--strata', 'sex,sex'], /--strata: "sex" is named twice/],
    [
      'a confidence as a percentage',
      ['--confidence', '80'],
      /--confidence must be a number between 0 and 1 \(a proportion: 0.8 for 80%\)/,
    ],
    [
      'a margin as points',
      ['--margin', '5'],
      /--margin must be a number between 0 and 1 \(a proportion: 0.05 for 5 points\)/,
    ],
    ['a seed that is not a whole number', ['--seed', 'abc'], /--seed must be a whole number from 0 to 4294967295/],
    [
      'a split not adding to 100',
      ['--split', '60/30'],
      /--split must be court\/out-of-court percentages adding up to 100/,
    ],
    ['one size by hand', ['--court', '10'], /both --court N and --out-of-court M/],
    [
      'a split and sizes by hand',
      ['--split', '50/50', '--court', '1', '--out-of-court', '1'],
      /either --split or --court/,
    ],
    [
      'more cases than there are',
      ['--court', '300', '--out-of-court', '10'],
      /300 court cases asked for, but there are only 240/,
    ],
    ['an unknown format', ['--format', 'xml'], /--format must be one of text, json, csv/],
  ];
  it.each(cases)('%s', async (_what, argv, gist) => {
    const result = await run(argv, csv);
    expect(result).toMatchObject({ status: 2, stdout: '' });
    expect(result.stderr).toMatch(gist);
    expect(result.stderr).toContain('Run "yj-inspect --help" for usage.');
  });

  it('no --population', async () => {
    let stderr = '';
    const status = await runCli(['sample'], { stdout: () => {}, stderr: (t) => (stderr += t), cwd: '.' });
    expect(status).toBe(2);
    expect(stderr).toContain('which population? yj-inspect sample --population <csv>');
  });
});
