import { readFileSync } from 'node:fs';

/** The published figures of a seed inspection, from the shared fixture (never a copy in the test). */
export interface SeedInspection {
  service: string;
  fieldwork: string;
  sample: Record<string, number>;
  keyQuestions: Record<string, ({ percent: number } | { relevant: number; yes: number })[]>;
  ratings: Record<string, string>;
  score: number;
  overall: string;
  discretionApplied: Record<string, { from: string; to: string; note: string }>;
}

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/seed-inspections.json', import.meta.url), 'utf8')) as {
  inspections: (SeedInspection & { seed: string })[];
};

export const seedInspections = fixture.inspections;
export const hackneySeed = fixture.inspections.find((i) => i.seed === '003_2cf65a3437cca4b2.txt')!;

export const percentOf = (figure: { percent: number } | { relevant: number; yes: number }) =>
  'percent' in figure ? figure.percent : Math.round((100 * figure.yes) / figure.relevant);
