import { describe, expect, it } from 'vitest';
import { getFramework } from '../../../src/platform/framework-registry.js';
import { caseCsvColumnHelp, problemText, readCaseCsv } from '../../../src/features/cases/case-import.js';

const framework = getFramework('hmip-youth-2021');

describe('reading a case CSV', () => {
  it('reads ids or labels in any column order, blank as not known', () => {
    const { rows, problems } = readCaseCsv(
      'domain,ref,sex,ethnicityGroup,reviewRequired,caseManagerInterviewed\n' +
        'Court disposals,C-1,Female,mixed,,YES\noutOfCourt,C-2,,,no,',
      framework,
    );
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        input: { ref: 'C-1', domain: 'court', sex: 'female', ethnicityGroup: 'mixed', caseManagerInterviewed: true },
      },
      { line: 3, input: { ref: 'C-2', domain: 'outOfCourt', reviewRequired: false } },
    ]);
  });

  it('names the line a row starts on, even after a cell spanning lines', () => {
    const { problems } = readCaseCsv('ref,domain,sex\r\n"C-1",court,"not\r\nsure"\r\nC-2,nowhere,male\r\n', framework);
    expect(problems.map(problemText)).toEqual([
      'Line 2: sex: "not\nsure" is not one of: male, female, unknown',
      'Line 4: domain: "nowhere" is not a kind of case: use court, outOfCourt, resettlement',
    ]);
  });

  it('refuses a header with an unknown, a repeated or a missing column', () => {
    const { rows, problems } = readCaseCsv('ref,colour,ref\nC-1,blue,C-1', framework);
    expect(rows).toEqual([]);
    expect(problems.map(problemText)).toEqual([
      'Line 1: column "colour" is not a case column (see the expected columns)',
      'Line 1: column "ref" appears twice',
      'Line 1: the header row has no "domain" column',
    ]);
  });

  it('reports a row with the wrong number of cells, an empty file and an unclosed quote', () => {
    expect(readCaseCsv('ref,domain\nC-1,court,extra', framework).problems.map(problemText)).toEqual([
      'Line 2: has 3 cells but the header row has 2',
    ]);
    expect(readCaseCsv('\uFEFF', framework).problems.map(problemText)).toEqual([
      'Line 1: the file is empty: expected a header row',
    ]);
    expect(readCaseCsv('ref,domain\nC-1,court\n"C-2,court\n', framework).problems.map(problemText)).toEqual([
      'Line 3: not valid CSV: a quote opened here is never closed',
    ]);
  });

  it('describes every column with the framework’s values', () => {
    const help = caseCsvColumnHelp(framework);
    expect(help.map((c) => c.name)).toContain('otherPeopleSafetyFactors');
    expect(help.find((c) => c.name === 'disposal')!.accepts).toContain('Out-of-court disposals: communityResolution');
  });
});
