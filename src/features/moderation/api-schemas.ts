import { z } from 'zod';
import { decisionSchema } from './comparison.js';
import { secondAnswersSchema } from './second-assessment.js';
import { selectionSchema } from './selection.js';

/** Moderation's API bodies: the services' own schemas, strict, so misspelt fields are refused by name. */
export const moderationRequestBodies = {
  SelectForModeration: z
    .strictObject({
      moderatorId: z.uuid(),
      how: z.enum(['share', 'hand']),
      percent: z.int().min(1).max(100).optional(),
      seed: z.int().min(0).optional(),
      caseIds: z.array(z.uuid()).optional(),
    })
    .superRefine((value, context) => {
      const checked = selectionSchema.safeParse(value);
      if (!checked.success) for (const issue of checked.error.issues) context.addIssue({ ...issue, code: 'custom' });
    }),
  SaveSecondAnswers: secondAnswersSchema.extend({ expectedVersion: z.int().positive() }).strict(),
  DecideDisagreement: decisionSchema.strict(),
} satisfies Record<string, z.ZodType>;

const estimate = z
  .object({ value: z.number(), standardError: z.number(), low: z.number(), high: z.number() })
  .nullable()
  .describe('With its 95% interval; null when it cannot be computed');
const agreement = z.object({
  compared: z.int(),
  agreed: z.int(),
  percentAgreement: z.number().nullable(),
  applicabilityDisagreements: z.int().describe("One assessor said 'Not applicable', the other Yes or No"),
  yesNoDisagreements: z.int(),
  yesNo: z.array(z.array(z.int())).describe('[first][second], index 0 Yes, 1 No'),
  kappa: estimate.describe("Cohen's kappa on the Yes/No pairs"),
  ac1: estimate.describe("Gwet's AC1 on the Yes/No pairs"),
});
const row = z.object({ id: z.string(), label: z.string(), agreement });

export const moderationResponseBodies = {
  ModerationSelection: z.object({ caseIds: z.array(z.uuid()), seed: z.int().nullable() }),
  ModerationAgreement: z.object({
    inspectionId: z.uuid(),
    reading: z.string(),
    overall: agreement,
    keyQuestions: agreement,
    prompts: agreement,
    byStandard: z.array(row),
    byKeyQuestion: z.array(row.extend({ standardId: z.string() })),
    byPrompt: z.array(row.extend({ keyQuestionId: z.string() })),
    byPair: z.array(z.object({ first: z.string().nullable(), second: z.string(), agreement })),
    cases: z.array(
      z.object({
        caseId: z.uuid(),
        ref: z.string(),
        moderator: z.string(),
        firstComplete: z.boolean(),
        secondComplete: z.boolean(),
      }),
    ),
  }),
  ModerationDecision: z.object({
    caseId: z.uuid(),
    questionId: z.string(),
    firstAnswer: z.string(),
    secondAnswer: z.string(),
    decidedAnswer: z.string(),
    reason: z.string(),
  }),
} satisfies Record<string, z.ZodType>;
