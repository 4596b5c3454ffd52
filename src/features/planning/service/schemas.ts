import { z } from 'zod';
import { maxSeed } from '../../../domain/sampling/random.js';
import { defaultSplit, sizings } from '../../../domain/sampling/sample-size.js';
import { defaultStrata, stratumVariableNames } from '../../../domain/sampling/strata.js';

/** What the planning operations take, as the API sends it (proportions); the pages convert from percentages. */

const share = (what: string) =>
  z.number({ error: `Enter the ${what} share as a number` }).min(0, `The ${what} share cannot be negative`);
const cases = (what: string) =>
  z
    .int({ error: `Enter the number of ${what} cases as a whole number` })
    .min(0, `The number of ${what} cases cannot be negative`);

export const splitSchema = z.discriminatedUnion(
  'kind',
  [
    z
      .object({ kind: z.literal('ratio'), court: share('court'), outOfCourt: share('out-of-court') })
      .refine((s) => s.court + s.outOfCourt > 0, {
        message: 'Enter a court or out-of-court share above 0',
        path: ['court'],
      }),
    z.object({ kind: z.literal('proportional') }),
    z.object({ kind: z.literal('byHand'), court: cases('court'), outOfCourt: cases('out-of-court') }),
  ],
  { error: 'Select how to split the sample: ratio, proportional or byHand' },
);

export const sampleSizeSchema = z.object({
  confidence: z
    .number({ error: 'Enter the confidence level as a number' })
    .gt(0.5, 'The confidence level must be more than 50%')
    .lt(1, 'The confidence level must be less than 100%')
    .default(0.8),
  margin: z
    .number({ error: 'Enter the margin of error as a number' })
    .gt(0, 'The margin of error must be more than 0 points')
    .max(0.5, 'The margin of error must be 50 points or fewer')
    .default(0.05),
  split: splitSchema.default(defaultSplit),
  sizing: z
    .enum(sizings, { error: 'Select how to size the sample: courtFirst or combined' })
    .optional()
    .describe(
      "courtFirst (HMIP's rule: the court cases sized, out of court derived by the split) or combined; left out, the framework's rule",
    ),
  size: z
    .int({ error: 'Enter the sample size as a whole number' })
    .min(1, 'The sample size must be 1 or more')
    .optional()
    .describe('A chosen total sample size, for the margin of error it achieves'),
});
export type SampleSizeInput = z.input<typeof sampleSizeSchema>;

export const drawSchema = sampleSizeSchema.omit({ size: true }).extend({
  strata: z
    .array(z.enum(stratumVariableNames, { error: `Strata are some of ${stratumVariableNames.join(', ')}` }))
    .default([...defaultStrata]),
  seed: z
    .int({ error: 'Enter the seed as a whole number' })
    .min(0, 'The seed must be 0 or more')
    .max(maxSeed, `The seed must be ${maxSeed} or less`)
    .optional()
    .describe('Left out: a new seed is generated, and recorded'),
});
export type DrawInput = z.input<typeof drawSchema>;

export const useSampleSchema = z.object({ drawId: z.uuid({ error: 'Give the id of a drawn sample' }) });

export const replaceCaseSchema = z.object({
  caseId: z.uuid({ error: 'Select the case that is not eligible' }),
  reason: z
    .string({ error: 'Enter why the case is not eligible' })
    .trim()
    .min(1, 'Enter why the case is not eligible')
    .max(500, 'The reason must be 500 characters or fewer'),
});
export type ReplaceCaseInput = z.input<typeof replaceCaseSchema>;

/** The input, checked; otherwise a ValidationError naming each field at fault (the platform's one mapper). */
export { validated as parseInput } from '../../../platform/field-errors.js';
