import { mulberry32 } from '../../../src/domain/sampling/random.js';

/** A made-up eligible population as the `sample` command reads it (seeded: the same rows every run). */

export const populationHeader =
  'ref,domain,disposal,startDate,sex,ethnicity,disability,lookedAfter,age,rosh,swb,caseManager,localAuthority';

export interface FixtureOptions {
  court: number;
  outOfCourt: number;
  resettlement?: number;
  seed?: number;
}

export function populationCsv({ court, outOfCourt, resettlement = 0, seed = 1 }: FixtureOptions): string {
  const next = mulberry32(seed);
  const random = () => next() / 0x100000000;
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const weighted = (items: readonly [string, number][]) => {
    let r = random() * items.reduce((s, [, w]) => s + w, 0);
    for (const [item, weight] of items) if ((r -= weight) < 0) return item;
    return items.at(-1)![0];
  };
  const disposals = {
    court: ['referralOrder', 'youthRehabilitationOrder', 'custodialSentence'],
    outOfCourt: ['youthCaution', 'youthConditionalCaution', 'triage'],
    resettlement: ['custodyRelease'],
  };
  const classification: [string, number][] = [
    ['low', 30],
    ['medium', 45],
    ['high', 20],
    ['veryHigh', 3],
    ['', 2],
  ];
  const domains = [
    ...Array<keyof typeof disposals>(court).fill('court'),
    ...Array<keyof typeof disposals>(outOfCourt).fill('outOfCourt'),
    ...Array<keyof typeof disposals>(resettlement).fill('resettlement'),
  ];
  const rows = domains.map((domain, i) => {
    const day = new Date(Date.UTC(2023, 0, 1 + Math.floor(random() * 365))).toISOString().slice(0, 10);
    return [
      `YJ${String(i + 1).padStart(6, '0')}`,
      domain,
      pick(disposals[domain]),
      day,
      weighted([
        ['male', 80],
        ['female', 18],
        ['', 2],
      ]),
      pick(['white', 'black', 'asian', 'mixed', 'other', 'unknown']),
      pick(['yes', 'no', 'unknown']),
      pick(['yes', 'no']),
      String(10 + Math.floor(random() * 9)),
      weighted(classification),
      weighted(classification),
      `Case manager ${1 + Math.floor(random() * 40)}`,
      pick(['Northtown', 'Southtown']),
    ].join(',');
  });
  return [populationHeader, ...rows].join('\n') + '\n';
}
