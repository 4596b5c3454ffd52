import { z } from 'zod';

/** src/rating/types.ts InspectionRating as a schema, for the OpenAPI document: what `rate --format json` prints. */
const rating = z.string().describe("A rating word of the framework's scale, e.g. 'Good'");

const promptResult = z.object({
  id: z.string(),
  text: z.string(),
  relevant: z.int(),
  yes: z.int(),
  percent: z.int().nullable(),
});

const keyQuestionResult = z.object({
  id: z.string(),
  text: z.string(),
  relevant: z.int().nullable(),
  yes: z.int().nullable(),
  percent: z.int().nullable().describe('The whole percentage the report prints; null when no case is relevant'),
  band: z.string().nullable(),
  rating: rating.nullable(),
  limiting: z.boolean().describe("This key question sets the standard's rating"),
  unanswered: z.int(),
  prompts: z.array(promptResult).optional(),
});

const discretionResult = z.object({
  eligible: z.boolean().nullable(),
  reasons: z.array(
    z.object({
      code: z.enum(['nearBoundary', 'oneCaseChange', 'smallSample']),
      status: z.enum(['applies', 'doesNotApply', 'unknown']),
      detail: z.string(),
    }),
  ),
  applied: z.object({ from: rating, to: rating, rationale: z.string(), note: z.string() }).nullable(),
});

const standardResult = z.object({
  id: z.string(),
  title: z.string(),
  domain: z.string(),
  assessment: z.enum(['caseBased', 'judged']),
  inOverallScore: z.boolean(),
  source: z.enum(['cases', 'counts', 'percentages', 'judgement']).nullable(),
  computedRating: rating.nullable(),
  provisionalRating: rating.nullable(),
  rating: rating.nullable(),
  score: z.int().nullable(),
  limitingKeyQuestion: z.string().nullable(),
  keyQuestions: z.array(keyQuestionResult),
  discretion: discretionResult.nullable(),
  missing: z.string().nullable(),
});

export const inspectionRatingSchema = z.object({
  framework: z.string(),
  service: z.string(),
  standards: z.array(standardResult),
  score: z.int().nullable().describe('Null until every standard in the overall score has a rating'),
  maxScore: z.int(),
  overall: rating.nullable(),
  separate: z.array(
    z.object({ id: z.string(), title: z.string(), rating: rating.nullable(), footnote: z.string().optional() }),
  ),
  missing: z.array(z.object({ standard: z.string(), title: z.string(), what: z.string(), blocksOverall: z.boolean() })),
});

/** The ratings panel's meetings, spread into schemas.ts's tables. */
export const panelMeetingRequestBodies = {
  RecordPanelMeeting: z.strictObject({
    heldOn: z.string().describe('The date of the meeting, 2023-03-17'),
    members: z.array(z.string()).describe('The user ids of the team members present'),
    standardsConsidered: z.array(z.string()).describe('The eligible standards the panel considered'),
    notes: z.string().optional(),
  }),
} satisfies Record<string, z.ZodType>;

const panelMeeting = z.object({
  id: z.uuid(),
  inspectionId: z.uuid(),
  heldOn: z.string(),
  members: z.array(z.uuid()),
  standardsConsidered: z.array(z.string()),
  notes: z.string(),
  recordedBy: z.uuid().nullable(),
  recordedAt: z.iso.datetime(),
});

export const panelMeetingResponseBodies = {
  PanelMeeting: panelMeeting,
  PanelMeetings: z.object({ meetings: z.array(panelMeeting.extend({ memberNames: z.array(z.string()) })) }),
} satisfies Record<string, z.ZodType>;
