import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNationalRatings, standingOf } from '../../../src/domain/national/ratings.js';
import { getFramework } from '../../../src/platform/framework-registry.js';

const framework = getFramework('hmip-youth-2021');
const shipped = readFileSync(
  new URL('../../../data/national/hmip-youth-ratings-2021-2025.csv', import.meta.url),
  'utf8',
);
const header = 'la_name,la_ref,score_%,overall_rating,publication_date,report_url';

describe('the national file of published HMIP ratings', () => {
  const rows = parseNationalRatings(shipped, 'shipped.csv', framework);
  const byName = (name: string) => rows.find((r) => r.laName === name)!;

  it("reads the shipped file's 83 inspections, the score out of 36 as score_% x 0.36", () => {
    expect(rows).toHaveLength(83);
    expect(byName('Newcastle')).toMatchObject({ score: 16, rating: 'Requires improvement', caveats: [] });
    expect(byName('Hackney - JI')).toMatchObject({ score: 25, rating: 'Good', publicationDate: '2023-05-10' });
  });

  it("carries the README's known errors as the rows' caveats instead of using them as figures", () => {
    // The two parse errors: 4.17% and 4.56% are no whole score out of 36.
    for (const name of ['Ceredigion', 'Bridgend']) {
      expect(byName(name).score).toBeNull();
      expect(byName(name).caveats.join()).toContain('parse error');
    }
    // West Sussex 26/36 scraped as Requires Improvement; Portsmouth's rating field holds a footnote.
    expect(byName('West Sussex')).toMatchObject({ score: 26, rating: 'Good', publishedRating: 'Requires Improvement' });
    expect(byName('West Sussex').caveats.join()).toContain('shown as Good');
    expect(byName('Portsmouth')).toMatchObject({ score: 22, rating: 'Good' });
    expect(byName('Portsmouth').caveats).toHaveLength(1);
    expect(rows.filter((r) => r.caveats.length)).toHaveLength(4);
  });

  it('refuses a bad line by its line and column, the first problem found', () => {
    const bad = (lines: string[]) => () => parseNationalRatings([header, ...lines].join('\n'), 'new.csv', framework);
    expect(bad(['A,a,50,Good,01/02/25,https://x.test/', 'B,b,abc,Good,01/02/25,'])).toThrow(
      'new.csv: line 3, score_%: "abc" is not a percentage from 0 to 100',
    );
    expect(bad(['A,a,50,Good,31/02/25,'])).toThrow('line 2, publication_date');
    expect(bad(['A,a,50,Good,01/02/25,', 'B,a,50,Good,01/02/25,'])).toThrow('line 3, la_ref: a is already on line 2');
    expect(bad(['A,a,50,Good,01/02/25,javascript:alert(1)'])).toThrow('line 2, report_url');
    expect(() => parseNationalRatings('la_name,score_%\nA,50', 'old.csv', framework)).toThrow(
      'old.csv: line 1: the column "la_ref" is missing',
    );
  });

  it('ranks a score among the others, ties sharing the best rank', () => {
    const standing = standingOf([30, 25, 25, 20, 10], 25, 36);
    expect(standing).toMatchObject({ rank: 2, of: 5, higher: 1, same: 2, lower: 2 });
    expect(standing.distribution[25]).toEqual({ score: 25, count: 2 });
    expect(standing.distribution).toHaveLength(37);
  });
});
