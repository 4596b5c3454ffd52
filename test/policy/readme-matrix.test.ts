import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matrixMarkdown, permissionMatrix, roleLabels } from '../../src/policy/policy.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** A Markdown table as rows of trimmed cells, the alignment row left out: Prettier may pad the columns. */
const cellsOf = (table: string) =>
  table
    .split('\n')
    .filter((line) => line.trim().startsWith('|') && !/^\|[\s:|-]+\|$/.test(line.trim()))
    .map((line) =>
      line
        .trim()
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );

describe("the README's access matrix", () => {
  it("is the policy module's matrix, exactly (regenerate it with npx tsx scripts/access-matrix.ts)", () => {
    const section = /<!-- access-matrix:start -->([\s\S]*?)<!-- access-matrix:end -->/.exec(readme);
    expect(section, 'README.md has the access-matrix markers').not.toBeNull();
    expect(cellsOf(section![1]!)).toEqual(cellsOf(matrixMarkdown()));
  });

  it('has a row per permission and a column per role, each cell what `can` says', () => {
    const [header, ...rows] = cellsOf(matrixMarkdown());
    const roles = Object.keys(roleLabels);
    expect(header).toEqual(['Permission', ...roles.map((role) => roleLabels[role as keyof typeof roleLabels])]);
    expect(rows).toHaveLength(Object.keys(permissionMatrix).length);
    for (const [i, permission] of (Object.keys(permissionMatrix) as (keyof typeof permissionMatrix)[]).entries()) {
      const cells = rows[i]!.slice(1);
      expect(cells).toHaveLength(roles.length);
      const granted = roles.filter((_, r) => cells[r] === 'yes');
      expect(granted.sort(), permission).toEqual([...permissionMatrix[permission]].sort());
    }
  });
});
