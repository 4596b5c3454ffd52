import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { getFramework } from '../../src/platform/framework-registry.js';

/**
 * `yj-inspect rate` prints Merton's prompt tables: every one of the seed's 93 prompt rows, under the
 * sub-sample heading the seed prints above it. The expected rows are read from the seed text itself.
 */

const seedText = readFileSync(new URL('../fixtures/seeds/001_186cc0b69ab95ae3.txt', import.meta.url), 'utf8');
const mertonFile = fileURLToPath(new URL('../../examples/findings/merton-2021.json', import.meta.url));

interface SeedPromptTable {
  keyQuestionId: string;
  heading: string;
  rows: { text: string; relevant: number; yes: number }[];
}

/**
 * The seed's prompt tables in reading order. A row is "text<TAB>relevant<TAB>yes"; a prompt is found as the
 * next row its framework text starts with (one row is cut by a page break), and its heading is the last
 * "Of the … :<TAB>Relevant cases" line above its first row.
 */
function seedPromptTables(): SeedPromptTable[] {
  const lines = seedText.split('\n');
  const rows = lines.flatMap((line, index) => {
    const match = /^(.*?)\s*\t(\d+)\t(\d+)\s*$/.exec(line);
    return match ? [{ index, text: match[1]!.trim(), relevant: Number(match[2]), yes: Number(match[3]) }] : [];
  });
  const headings = lines.flatMap((line, index) =>
    /^Of the .*:\tRelevant/.test(line) ? [{ index, text: line.split('\t')[0]! }] : [],
  );
  let next = 0;
  const tables: SeedPromptTable[] = [];
  for (const standard of getFramework('hmip-youth-2018').standards.filter((s) => s.assessment === 'caseBased'))
    for (const keyQuestion of standard.keyQuestions) {
      const found = keyQuestion.prompts.map((prompt) => {
        while (next < rows.length && !prompt.text.startsWith(rows[next]!.text)) next++;
        const row = rows[next++];
        if (!row) throw new Error(`prompt ${prompt.id} is not in the seed after the previous one`);
        return { ...row, text: prompt.text };
      });
      const heading = headings.filter((h) => h.index < found[0]!.index).at(-1)!.text;
      tables.push({
        keyQuestionId: keyQuestion.id,
        heading,
        rows: found.map(({ text, relevant, yes }) => ({ text, relevant, yes })),
      });
    }
  return tables;
}

async function rate(format: string): Promise<string> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(['rate', mertonFile, '--format', format], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd: process.cwd(),
  });
  expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
  return stdout;
}

describe("yj-inspect rate prints Merton's prompt tables", () => {
  const seed = seedPromptTables();

  it('reads 93 prompt rows under 23 key questions from the seed', () => {
    expect(seed.flatMap((t) => t.rows)).toHaveLength(93);
    expect(seed).toHaveLength(23);
  });

  it('--format json: every prompt row and sub-sample heading as the seed prints them', async () => {
    const rating = JSON.parse(await rate('json')) as {
      standards: {
        promptTables: {
          keyQuestionId: string;
          heading: string;
          prompts: { text: string; relevant: number; yes: number }[];
        }[];
      }[];
    };
    const printed = rating.standards.flatMap((s) =>
      s.promptTables.map((t) => ({
        keyQuestionId: t.keyQuestionId,
        heading: t.heading,
        rows: t.prompts.map(({ text, relevant, yes }) => ({ text, relevant, yes })),
      })),
    );
    expect(printed).toEqual(seed);
  });

  it('--format markdown: each table under its key question, headed by its sub-sample', async () => {
    const markdown = await rate('markdown');
    let from = -1;
    for (const table of seed) {
      const header = `| ${table.heading} | Relevant cases | Number 'Yes' |`;
      const at = markdown.indexOf(header, from);
      expect(at, `${table.keyQuestionId}: ${header}`).toBeGreaterThan(from - 1);
      const body = markdown
        .slice(at)
        .split('\n')
        .slice(2, 2 + table.rows.length);
      expect(body).toEqual(table.rows.map((r) => `| ${r.text.replaceAll('|', '\\|')} | ${r.relevant} | ${r.yes} |`));
      from = at + 1;
    }
    expect(markdown).toContain("#### 2.4.1 Does reviewing focus sufficiently on supporting the child's desistance?");
  });
});

describe('prompt figures in a findings file', () => {
  it('are refused when their count does not match the key question’s prompts, naming the path', async () => {
    const file = JSON.parse(readFileSync(mertonFile, 'utf8')) as { prompts: Record<string, unknown[]> };
    file.prompts['2.1.1'] = file.prompts['2.1.1']!.slice(1);
    let stderr = '';
    const dir = mkdtempSync(join(tmpdir(), 'yj-prompts-'));
    writeFileSync(join(dir, 'm.json'), JSON.stringify(file));
    const status = await runCli(['rate', 'm.json'], { stdout: () => {}, stderr: (t) => (stderr += t), cwd: dir });
    rmSync(dir, { recursive: true, force: true });
    expect(status).toBe(2);
    expect(stderr).toBe(
      'yj-inspect: m.json: $.prompts["2.1.1"]: 2.1.1 has 7 prompts (2.1.1.1, 2.1.1.2, 2.1.1.3, 2.1.1.4, 2.1.1.5, 2.1.1.6, 2.1.1.7); 6 figures given\n',
    );
  });
});
