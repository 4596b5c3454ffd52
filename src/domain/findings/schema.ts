import { z } from 'zod';
import type { KeyQuestionFigure } from '../rating/types.js';

/**
 * A findings file: what an inspection found, to be rated. The JSON Schema in
 * schemas/findings.schema.json is generated from this (npm run schemas).
 */
const count = z.int().min(0);

/** {"relevant": n, "yes": n} or {"percent": n}; one object shape so that a bad field is named exactly. */
export const keyQuestionFigureSchema = z
  .strictObject({ relevant: count.optional(), yes: count.optional(), percent: z.int().min(0).max(100).optional() })
  .check((ctx) => {
    const { relevant, yes, percent } = ctx.value;
    const counts = relevant !== undefined || yes !== undefined;
    if (counts === (percent !== undefined) || (counts && (relevant === undefined || yes === undefined)))
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: 'must be {"relevant": n, "yes": n} or {"percent": n}',
      });
  })
  .transform((figure): KeyQuestionFigure =>
    figure.percent !== undefined ? { percent: figure.percent } : { relevant: figure.relevant!, yes: figure.yes! },
  );

/** A prompt's published figures (Merton prints every prompt's relevant cases and number 'Yes'). */
export const promptFigureSchema = z
  .strictObject({ relevant: count, yes: count })
  .describe("A prompt's relevant cases and number 'Yes'");

export const answerSchema = z.enum(['yes', 'no', 'n/a']);

export const caseSchema = z.strictObject({
  ref: z.string().trim().min(1, 'must not be empty').describe('A pseudonymous case reference, never a name'),
  domain: z.string().describe("The framework's case domain: court, outOfCourt or resettlement"),
  disposal: z.string().optional().describe("One of the framework's disposal type ids, e.g. youthConditionalCaution"),
  factors: z
    .record(z.string(), z.boolean())
    .optional()
    .describe(
      'Known case factors (childSafety, otherPeopleSafety, reviewRequired; in 2018 also reviewDesistance, reviewChildSafety, reviewOtherPeopleSafety, read from reviewRequired when absent); false leaves the case out of the questions that need them',
    ),
  answers: z.record(z.string(), answerSchema).describe('Keyed by key-question or prompt id'),
});

export const findingsFileSchema = z.strictObject({
  $schema: z.string().optional(),
  framework: z.string().describe('A framework id, e.g. hmip-youth-2021'),
  service: z.string().trim().min(1).optional(),
  fieldwork: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])(-\d{2})?$/, 'must be a date (YYYY-MM-DD) or a month (YYYY-MM)')
    .optional(),
  keyQuestions: z
    .record(z.string(), z.array(keyQuestionFigureSchema))
    .optional()
    .describe("Per case-based standard id, its key questions' figures in key-question order"),
  prompts: z
    .record(z.string(), z.array(promptFigureSchema))
    .optional()
    .describe(
      "Per key-question id, its prompts' figures in prompt order; the standard's key questions are given as counts",
    ),
  cases: z.array(caseSchema).optional(),
  judgements: z.record(z.string(), z.string()).optional().describe('Judged standard id to rating word'),
  discretion: z
    .record(z.string(), z.strictObject({ rating: z.string(), rationale: z.string() }))
    .optional()
    .describe('Professional discretion recorded by the ratings panel, per case-based standard'),
});

export type FindingsFile = z.infer<typeof findingsFileSchema>;
