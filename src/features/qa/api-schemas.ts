import { z } from 'zod';

const fraction = z.number().min(0).max(1);
const point = z.object({
  roundId: z.uuid(),
  label: z.string(),
  date: z.string().describe('ISO date the round is placed at in time order'),
  yes: z.int(),
  relevant: z.int().describe("Cases answered 'Yes' or 'No'"),
  percent: z.int().describe("Whole-number percentage 'Yes', rounded as the framework rounds"),
  lower: fraction.describe('95% Wilson interval, lower end, as a fraction of one'),
  upper: fraction.describe('95% Wilson interval, upper end'),
  rating: z.string().describe('The band of the percentage'),
  keyQuestionId: z.string().describe("The key question the figure is taken from (a standard's lowest)"),
  change: z
    .object({ difference: z.number(), lower: z.number(), upper: z.number(), beyondChance: z.boolean() })
    .nullable()
    .describe('From the previous round with a figure, with the 95% Newcombe interval; null for the first'),
});
const bands = z.array(z.object({ rating: z.string(), probability: fraction }));

/** The trends as the API gives them: the same figures as the trend page and its downloads. */
export const qaResponseBodies = {
  QaTrends: z.object({
    organisationId: z.uuid(),
    framework: z.string(),
    trends: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        kind: z.enum(['standard', 'keyQuestion']),
        points: z.array(point),
      }),
    ),
    sampled: z.int().describe('Cases an inspection is assumed to sample, for the predictions'),
    predictions: z.array(
      z.object({
        standardId: z.string(),
        roundId: z.uuid().describe("The standard's latest round with a figure, which the prediction is made from"),
        nextBand: z.array(
          z.object({
            id: z.string(),
            rating: z.string(),
            yesToRise: z.int().nullable(),
            risesTo: z.string().nullable(),
            noToDrop: z.int().nullable(),
            dropsTo: z.string().nullable(),
          }),
        ),
        prediction: z.union([
          z.object({ status: z.literal('tooFew'), reason: z.string() }),
          z.object({
            status: z.literal('predicted'),
            sampled: z.int(),
            relevantInSample: z.record(z.string(), z.int()),
            keyQuestions: z.record(z.string(), bands),
            standard: bands,
          }),
        ]),
      }),
    ),
    assumptions: z.array(z.string()),
    agreement: z
      .array(
        z.object({
          roundId: z.uuid(),
          title: z.string(),
          compared: z.int(),
          percentAgreement: z.number().nullable(),
          kappa: z.object({ value: z.number(), low: z.number(), high: z.number() }).nullable(),
          ac1: z.object({ value: z.number(), low: z.number(), high: z.number() }).nullable(),
        }),
      )
      .describe('Per moderated round the caller may see: agreement between the two blind assessments'),
  }),
} satisfies Record<string, z.ZodType>;
