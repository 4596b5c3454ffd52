import { z } from 'zod';
import { populationImportSchema } from './service/population.js';
import { drawSchema, replaceCaseSchema, sampleSizeSchema, splitSchema, useSampleSchema } from './service/schemas.js';

/** Planning's request and response bodies (issue 5), spread into schemas.ts's tables. */
const sizedOn = z
  .object({ domains: z.enum(['court', 'outOfCourt', 'both']), population: z.int() })
  .describe('The population the size formula was applied to');

export const planningRequestBodies = {
  PopulationImport: populationImportSchema.strict(),
  SampleSizeQuery: sampleSizeSchema.strict(),
  DrawSample: drawSchema.strict(),
  UseSample: useSampleSchema.strict(),
  ReplaceCase: replaceCaseSchema.strict(),
} satisfies Record<string, z.ZodType>;

const byDomain = z.object({ court: z.int(), outOfCourt: z.int(), total: z.int() });
const points = z.number().nullable().describe('In percentage points, two decimals; null when nothing is sampled');

export const planningResponseBodies = {
  PopulationImported: z.object({
    imported: z.int(),
    byDomain: z.record(z.string(), z.int()),
    mapping: z.record(z.string(), z.string()).describe("Our field to the file's header, as used and remembered"),
  }),
  SampleSize: z.object({
    population: byDomain.extend({ resettlement: z.int() }),
    requiredSize: z
      .int()
      .describe('For the population in sizedOn (the court cases, court first), with the finite population correction'),
    sizing: z.enum(['courtFirst', 'combined']),
    sizedOn: sizedOn,
    sizingWords: z.string(),
    sampleSize: byDomain,
    z: z.number(),
    n0: z.number(),
    corrected: z.number(),
    marginOfError: points,
    formula: z.array(z.string()).describe('The size formula with the numbers put in, line by line'),
    marginFormula: z.string(),
    chosen: z.object({ size: z.int(), marginOfError: points, formula: z.string() }).nullable(),
    options: z.object({ confidence: z.number(), margin: z.number(), split: splitSchema }),
  }),
  SampleDraw: z.object({
    id: z.uuid(),
    drawnAt: z.iso.datetime(),
    seed: z.int().describe('Send it back to draw the same sample again'),
    population: z.int(),
    sampleSize: byDomain,
    marginOfError: points,
    sample: z.array(z.string()),
    reserve: z.array(z.string()).describe('In the order to use them (by domain in reserveByDomain)'),
    sampleByDomain: z.object({ court: z.array(z.string()), outOfCourt: z.array(z.string()) }),
    reserveByDomain: z.object({ court: z.array(z.string()), outOfCourt: z.array(z.string()) }),
    strata: z.array(z.object({ domain: z.string(), stratum: z.string(), population: z.int(), sample: z.int() })),
    resettlement: z.array(z.string()).describe('Not sampled: every resettlement case is looked at'),
    sizing: z.enum(['courtFirst', 'combined']),
    sizedOn: sizedOn,
    formula: z.object({ sampleSize: z.string(), marginOfError: z.string() }),
  }),
  SampleUsed: z.object({ caseCount: z.int() }),
  CaseReplaced: z.object({ removed: z.string(), added: z.string(), addedId: z.uuid() }),
} satisfies Record<string, z.ZodType>;
