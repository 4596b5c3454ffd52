import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';

/**
 * `yj-inspect rate` and friends, run in-process against files in a temp directory. Bad input of any kind:
 * exit status 2, one line on stderr naming the file, where in it and what is wrong, never a stack trace.
 */

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], files: Record<string, string> = {}): Promise<Run> {
  const cwd = mkdtempSync(join(tmpdir(), 'yj-inspect-cli-'));
  dirs.push(cwd);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(cwd, name), text);
  let stdout = '';
  let stderr = '';
  const status = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd });
  return { status, stdout, stderr };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Bad input: status 2, nothing on stdout, one line `yj-inspect: <file>: <where>: <problem>`, no stack frame. */
function expectBadInput(result: Run, file: string, where: string, gist: RegExp): void {
  const prefix = `yj-inspect: ${file}: ${where ? `${where}: ` : ''}`;
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect({ ...result, stderr: result.stderr.split('\n') }).toEqual({
    status: 2,
    stdout: '',
    stderr: [expect.stringMatching(new RegExp(`^${escape(prefix)}.*(?:${gist.source})`, gist.flags)), ''],
  });
}

/** A usage error: the same, with the "Run yj-inspect --help" line after the message. */
function expectUsageError(result: Run, gist: RegExp): void {
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect({ ...result, stderr: result.stderr.split('\n') }).toEqual({
    status: 2,
    stdout: '',
    stderr: [
      expect.stringMatching(new RegExp(`^yj-inspect: .*(?:${gist.source})`)),
      'Run "yj-inspect --help" for usage.',
      '',
    ],
  });
}

type Figure = { relevant: number; yes: number } | { percent: number };
/** `n` figures, each with every one of `relevant` cases 'Yes'. */
const all = (relevant: number, n = 3): Figure[] => Array.from({ length: n }, () => ({ relevant, yes: relevant }));

/** A findings file for hmip-youth-2018 (Merton's framework), with the given parts. */
const findings = (parts: Record<string, unknown>): string =>
  JSON.stringify({ framework: 'hmip-youth-2018', ...parts }, null, 2);
const figures = (standardId: string, list: Figure[], parts: Record<string, unknown> = {}) =>
  findings({ keyQuestions: { [standardId]: list }, ...parts });
const withCases = (...cases: object[]) => findings({ cases });
const discretion = (standardId: string, rating: string, rationale = 'the quality of the work') => ({
  discretion: { [standardId]: { rating, rationale } },
});

const judged = (standardId: string, rating: string) => findings({ judgements: { [standardId]: rating } });
const yes = (count: number): Figure => ({ relevant: 9, yes: count });
/** 3.4 at 100% on 5 and 3 cases ('Outstanding', eligible for discretion: a small sample), with a discretion. */
const small34 = (rating: string, rationale?: string) =>
  figures('3.4', [...all(5, 1), ...all(3, 1)], discretion('3.4', rating, rationale));
const ooc = (ref: string, answers: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  ref,
  domain: 'outOfCourt',
  ...extra,
  answers,
});
const kq = (standardId: string) => `$.keyQuestions["${standardId}"]`;
const answer = (caseIndex: number, questionId: string) => `$.cases[${caseIndex}].answers["${questionId}"]`;

/** [what is wrong, the findings file, where the message must point, the gist it must give] */
const jsonCases: [string, string, string, RegExp][] = [
  ['a JSON syntax error', '{\n    framework: 1\n}', 'line 2, column 5', /not valid JSON: unexpected character/],
  ['a missing comma', '{ "framework": "x"\n  "service": "y" }', 'line 2, column 3', /not valid JSON: comma expected/],
  ['not an object', '[]', '$', /must be an object, not \[\]/],
  ['an unknown top-level key (typo "judgments")', findings({ judgments: {} }), '$.judgments', /unknown field/],
  ['no framework', '{}', '$.framework', /expected string|required/],
  ['an unknown framework', '{ "framework": "yj-2099" }', '$.framework', /unknown framework "yj-2099" \(known: hmip-/],
  ['an unknown standard', figures('9.9', all(5)), kq('9.9'), /unknown standard "9.9" in hmip-youth-2018/],
  ['figures for a judged standard', figures('1.1', all(5)), kq('1.1'), /1.1 is a judged standard/],
  ['the wrong number of figures', figures('2.1', all(9, 2)), kq('2.1'), /3 key questions .*; 2 figures given/],
  ["'Yes' above relevant", figures('2.1', [...all(9, 2), yes(10)]), `${kq('2.1')}[2].yes`, /'Yes' count 10 is above/],
  ['a negative count', figures('2.1', [yes(-1), ...all(9, 2)]), `${kq('2.1')}[0].yes`, /must be at least 0, not -1/],
  ['a count that is not whole', figures('2.1', [yes(8.5), ...all(9, 2)]), `${kq('2.1')}[0].yes`, /int|whole/i],
  [
    'a percent above 100',
    figures('2.1', [{ percent: 101 }, ...all(9, 2)]),
    `${kq('2.1')}[0].percent`,
    /must be at most 100, not 101/,
  ],
  ['an unknown judgement', judged('1.1', 'Excellent'), '$.judgements["1.1"]', /unknown rating "Excellent" \(one of: /],
  ['judging a case-based standard', judged('2.1', 'Good'), '$.judgements["2.1"]', /2.1 is case-based/],
  [
    'discretion on a judged standard',
    findings({ judgements: { '1.1': 'Good' }, ...discretion('1.1', 'Outstanding') }),
    '$.discretion["1.1"]',
    /discretion applies to case-based standards; 1.1 is judged/,
  ],
  ['discretion, unknown rating', small34('Great'), '$.discretion["3.4"].rating', /unknown rating "Great"/],
  ['discretion, empty rationale', small34('Good', ' '), '$.discretion["3.4"].rationale', /a rationale is required/],
  [
    'discretion where no reason applies (Merton 2.1: 100% of 9 cases)',
    figures('2.1', all(9), discretion('2.1', 'Good')),
    '$.discretion["2.1"]',
    /discretion cannot be applied to 2.1: none of the reasons for considering it applies/,
  ],
  ['discretion by two bands', small34('Requires improvement'), '$.discretion["3.4"]', /one band at most/],
  [
    'both figures and case answers for one standard',
    figures('3.4', [...all(5, 1), ...all(3, 1)], { cases: [ooc('C1', { '3.4.1': 'yes' })] }),
    kq('3.4'),
    /3.4 has both key-question figures and case answers \(case "C1"\)/,
  ],
  [
    'a case with an unknown domain',
    withCases({ ref: 'C1', domain: 'resettlement', answers: {} }),
    '$.cases[0].domain',
    /unknown case domain "resettlement" \(known: court, outOfCourt\)/,
  ],
  ['an unknown question', withCases(ooc('C1', { '3.4.9': 'yes' })), answer(0, '3.4.9'), /unknown key question .*3.4.9/],
  [
    "an answer 'maybe'",
    withCases(ooc('C1', { '3.4.1': 'maybe' })),
    answer(0, '3.4.1'),
    /"maybe" is not one of yes, no, n\/a/,
  ],
  [
    'an out-of-court question in a court case',
    withCases({ ref: 'C1', domain: 'court', answers: { '3.4.1': 'yes' } }),
    answer(0, '3.4.1'),
    /3.4.1 is a question for outOfCourt cases; this case is court/,
  ],
  [
    "a 'yes' to 3.4.2 (youth conditional cautions only) in a triage case",
    withCases(ooc('C1', { '3.4.1': 'yes' }), ooc('C2', { '3.4.2': 'yes' }, { disposal: 'triage' })),
    answer(1, '3.4.2'),
    /3.4.2 does not apply to this case \(.*youth conditional caution cases\.\); answer 'n\/a'/,
  ],
  [
    "a 'yes' to a childSafetyFactors question where childSafety is false",
    withCases({ ref: 'C1', domain: 'court', factors: { childSafety: false }, answers: { '2.2.2': 'yes' } }),
    answer(0, '2.2.2'),
    /2.2.2 does not apply to this case \(.*keeping the child safe\.\)/,
  ],
  ['duplicate case refs', withCases(ooc('C1', {}), ooc('C2', {}), ooc('C1', {})), '$.cases[2].ref', /"C1" .*twice/],
];

describe('rate <findings.json>: bad input', () => {
  it.each(jsonCases)('%s', async (_name, text, where, gist) => {
    expectBadInput(await run(['rate', 'findings.json'], { 'findings.json': text }), 'findings.json', where, gist);
  });

  it('a truncated file: names the line where it ends', async () => {
    const result = await run(['rate', 'findings.json'], { 'findings.json': '{\n  "framework": ' });
    expectBadInput(result, 'findings.json', 'line 2, column 16', /not valid JSON: value expected/);
  });

  it('a findings file saved with a BOM (as the CSV reader allows) is read', async () => {
    const result = await run(['rate', 'findings.json'], { 'findings.json': `\uFEFF${figures('2.1', all(9))}` });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('a missing file', async () => {
    expectBadInput(await run(['rate', 'nowhere.json']), 'nowhere.json', '', /cannot be read \(ENOENT\)/);
  });

  it('a missing --cases file', async () => {
    const result = await run(['rate', 'findings.json', '--cases', 'nowhere.csv'], { 'findings.json': findings({}) });
    expectBadInput(result, 'nowhere.csv', '', /cannot be read \(ENOENT\)/);
  });

  it.each(['text', 'json', 'markdown'])('the same message with --format %s', async (format) => {
    const result = await run(['rate', 'f.json', '--format', format], {
      'f.json': findings({ judgements: { '1.1': 'x' } }),
    });
    expectBadInput(result, 'f.json', '$.judgements["1.1"]', /unknown rating "x"/);
  });
});

const header = 'ref,domain,disposal,3.4.1,3.4.2';
const ok = 'C1,outOfCourt,youthConditionalCaution,yes,yes';
const maybe = 'C2,outOfCourt,triage,maybe,n/a';
const badCell = /"maybe" is not an answer: use yes, no or n\/a/;

/** [what is wrong, the CSV, where the message must point, the gist it must give] */
const csvCases: [string, string, string, RegExp][] = [
  ['a wrong header', 'ref,area,disposal,3.4.1\nC1,outOfCourt,,yes\n', 'line 1', /column 2 must be "domain"/],
  [
    'an unknown column',
    'ref,domain,disposal,childSafety,3.4.9\nC1,outOfCourt,triage,yes,yes\n',
    'line 1, column 5 "3.4.9"',
    /not a case factor, key question or prompt of hmip-youth-2018/,
  ],
  ['a duplicate column', `${header},3.4.1\n${ok},yes\n`, 'line 1, column 6 "3.4.1"', /appears twice/],
  ['a bad answer cell', `${header}\n${ok}\n${maybe}\n`, 'line 3, column "3.4.1"', badCell],
  [
    'a bad answer after a quoted cell with an embedded newline',
    `${header}\n"C0\nsecond line",outOfCourt,,yes,\n${maybe}\n`,
    'line 4, column "3.4.1"',
    badCell,
  ],
  ['a bad answer, BOM and CRLF', `\uFEFF${header}\r\n${ok}\r\n${maybe}\r\n`, 'line 3, column "3.4.1"', badCell],
  [
    'a bad answer after an embedded newline, BOM and CRLF',
    `\uFEFF${header}\r\n"C0\r\nsecond line",outOfCourt,,yes,\r\n${maybe}\r\n`,
    'line 4, column "3.4.1"',
    badCell,
  ],
  [
    'a bad case-factor cell',
    'ref,domain,disposal,childSafety,3.4.1\nC1,outOfCourt,triage,sometimes,yes\n',
    'line 2, column "childSafety"',
    /"sometimes" is not yes or no/,
  ],
  [
    'an unterminated quote (named at the line where it opens)',
    `${header}\nC1,outOfCourt,triage,"yes,n/a\nC2,outOfCourt,triage,no,n/a\nC3,outOfCourt,triage,no,n/a\n`,
    'line 2',
    /not valid CSV: .*[Qq]uote/,
  ],
  ['a row with too many cells', `${header}\n${ok},extra\n`, 'line 2', /not valid CSV: .*expect 5, got 6/],
  [
    "a 'yes' to 3.4.2 in a triage case",
    `${header}\n${ok}\nC2,outOfCourt,triage,yes,yes\n`,
    'line 3, column "3.4.2"',
    /3.4.2 does not apply to this case/,
  ],
  ['an unknown domain', `${header}\nC1,resettlement,,yes,\n`, 'line 2, column "domain"', /unknown case domain/],
  [
    'a disposal of another domain',
    `${header}\nC1,court,triage,,\n`,
    'line 2, column "disposal"',
    /Triage is a disposal of the outOfCourt domain, not court/,
  ],
  ['no case ref', `${header}\n,outOfCourt,triage,yes,\n`, 'line 2, column "ref"', /a case reference is required/],
  ['duplicate case refs', `${header}\n${ok}\n${ok}\n`, 'line 3, column "ref"', /case "C1" appears twice/],
];

describe('rate <answers.csv>: bad input', () => {
  it.each(csvCases)('%s', async (_name, csv, where, gist) => {
    const result = await run(['rate', 'answers.csv', '--framework', 'hmip-youth-2018'], { 'answers.csv': csv });
    expectBadInput(result, 'answers.csv', where, gist);
  });

  it.each(csvCases)('--cases: %s', async (_name, csv, where, gist) => {
    const files = { 'findings.json': findings({}), 'answers.csv': csv };
    expectBadInput(await run(['rate', 'findings.json', '--cases', 'answers.csv'], files), 'answers.csv', where, gist);
  });

  it('--cases answering a standard the findings file gives figures for', async () => {
    const result = await run(['rate', 'findings.json', '--cases', 'answers.csv'], {
      'findings.json': figures('3.4', [...all(5, 1), ...all(3, 1)]),
      'answers.csv': `${header}\n${ok}\n`,
    });
    expectBadInput(result, 'findings.json', kq('3.4'), /both key-question figures and case answers \(case "C1"\)/);
  });

  it('--cases with a ref the findings file already has', async () => {
    const result = await run(['rate', 'findings.json', '--cases', 'answers.csv'], {
      'findings.json': withCases(ooc('C1', {})),
      'answers.csv': `${header}\n${ok}\n`,
    });
    expectBadInput(result, 'findings.json', '$.cases', /case "C1" is both in the file and in the CSV/);
  });
});

describe('usage errors', () => {
  it.each([
    ['an unknown command', ['rates', 'f.json'], /unknown command "rates"/],
    ['an unknown option', ['rate', 'f.json', '--fromat', 'json'], /Unknown option '--fromat'/],
    [
      'a bad --format',
      ['rate', 'f.json', '--format', 'pdf'],
      /--format must be one of text, json, markdown; got "pdf"/,
    ],
    ['a bad framework --format', ['framework', 'hmip-youth-2021', '--format', 'text'], /got "text"/],
    ['rate without a file', ['rate'], /which findings file/],
    ['a CSV without --framework', ['rate', 'answers.csv'], /a CSV of case answers needs --framework <id>/],
    [
      '--framework with a JSON file',
      ['rate', 'f.json', '--framework', 'hmip-youth-2018'],
      /--framework goes with a CSV/,
    ],
  ] as const)('%s', async (_name, argv, gist) => {
    expectUsageError(await run([...argv], { 'answers.csv': `${header}\n${ok}\n`, 'f.json': findings({}) }), gist);
  });

  it('an unknown --framework for a CSV', async () => {
    const result = await run(['rate', 'answers.csv', '--framework', 'hmip-youth-2099'], {
      'answers.csv': `${header}\n`,
    });
    expectUsageError(
      result,
      /--framework: unknown framework "hmip-youth-2099" \(known: hmip-youth-2018, hmip-youth-2021\)/,
    );
  });
});

/** Merton's 3.4 (hmip-youth-2018) from case answers: 3.4.2 counts only youth conditional cautions. */
const merton34Csv = [
  `ref,domain,disposal,childSafety,3.4.1,3.4.2,3.4.2.2`,
  'C1,outOfCourt,youthConditionalCaution,yes,yes,yes,yes',
  'C2,outOfCourt,youthConditionalCaution,,yes,no,no',
  'C3,outOfCourt,triage,no,yes,n/a,',
  'C4,outOfCourt,communityResolution,,no,,',
  'C5,outOfCourt,youthConditionalCaution,,yes,n/a,',
  'C6,outOfCourt,youthCaution,,yes,,',
].join('\r\n');

interface Rated {
  framework: string;
  standards: {
    id: string;
    source: string | null;
    rating: string | null;
    keyQuestions: { id: string; relevant: number | null; yes: number | null; percent: number | null }[];
  }[];
}

function ratedOk(result: Run): Rated {
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Rated;
}

function keyQuestion(rated: Rated, id: string) {
  const found = rated.standards.flatMap((s) => s.keyQuestions).find((k) => k.id === id);
  return { relevant: found?.relevant, yes: found?.yes, percent: found?.percent };
}

describe('rate: good input', () => {
  it('rates a CSV of case answers for Merton 3.4 with --format json', async () => {
    const rated = ratedOk(
      await run(['rate', 'answers.csv', '--framework', 'hmip-youth-2018', '--format', 'json'], {
        'answers.csv': merton34Csv,
      }),
    );
    expect(rated.framework).toBe('hmip-youth-2018');
    expect(keyQuestion(rated, '3.4.1')).toEqual({ relevant: 6, yes: 5, percent: 83 });
    expect(keyQuestion(rated, '3.4.2')).toEqual({ relevant: 2, yes: 1, percent: 50 });
    const standard = rated.standards.find((s) => s.id === '3.4')!;
    expect(standard).toMatchObject({ source: 'cases', rating: 'Requires improvement' });
  });

  it('merges a findings file with --cases answers.csv', async () => {
    const rated = ratedOk(
      await run(['rate', 'findings.json', '--cases', 'answers.csv', '--format', 'json'], {
        'findings.json': findings({
          keyQuestions: { '2.1': all(9) },
          judgements: { '1.1': 'Good' },
          cases: [ooc('F1', { '3.4.1': 'no' }, { disposal: 'youthCaution' })],
        }),
        'answers.csv': merton34Csv,
      }),
    );
    const byId = new Map(rated.standards.map((s) => [s.id, s]));
    expect(byId.get('1.1')).toMatchObject({ source: 'judgement', rating: 'Good' });
    expect(byId.get('2.1')).toMatchObject({ source: 'counts', rating: 'Outstanding' });
    expect(byId.get('3.4')).toMatchObject({ source: 'cases' });
    expect(keyQuestion(rated, '3.4.1')).toEqual({ relevant: 7, yes: 5, percent: 71 });
    expect(keyQuestion(rated, '3.4.2')).toEqual({ relevant: 2, yes: 1, percent: 50 });
  });

  it.each(['text', 'markdown'])('rates the CSV with --format %s too', async (format) => {
    const argv = ['rate', 'answers.csv', '--framework', 'hmip-youth-2018', '--format', format];
    const result = await run(argv, { 'answers.csv': merton34Csv });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('3.4');
  });
});

describe('frameworks', () => {
  it('lists both framework ids', async () => {
    const result = await run(['frameworks']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const ids = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => line.split('\t')[0]);
    expect(ids).toEqual(expect.arrayContaining(['hmip-youth-2018', 'hmip-youth-2021']));
  });

  it('prints one framework as JSON', async () => {
    const result = await run(['framework', 'hmip-youth-2021', '--format', 'json']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect((JSON.parse(result.stdout) as { id: string }).id).toBe('hmip-youth-2021');
  });

  it('an unknown framework id', async () => {
    expectUsageError(
      await run(['framework', 'hmip-youth-2099']),
      /unknown framework "hmip-youth-2099" \(known: hmip-youth-2018, hmip-youth-2021\)/,
    );
  });
});
