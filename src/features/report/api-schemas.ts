import { z } from 'zod';
import { recommendationActors } from './tables.js';
import { reportProseSchema, standardTextSchema } from './service/schemas.js';

/** The report's request and response bodies (issue 6), spread into schemas.ts's tables. */

const count = (what: string) => z.int().min(0).nullable().optional().describe(what);

export const reportRequestBodies = {
  SaveReportProse: reportProseSchema.strict(),
  SaveReportStandardText: standardTextSchema.strict(),
  SaveReportSurveys: z.strictObject({
    childrenConsented: count("Children who consented to the inspection's text survey"),
    childrenReplied: count('Children who replied'),
    childrenAverageScore: z.number().min(1).max(10).nullable().optional(),
    childrenSummary: z.string().optional(),
    staffSurveyed: count('Staff sent the staff survey'),
    staffReplied: count('Staff who replied'),
    staffSummary: z.string().optional(),
    meetings: count('Meetings held during fieldwork; left out, the meeting evidence notes are counted'),
    population: count('Population of the area'),
    youthPopulation: count('Population aged 10 to 17'),
    demographics: z
      .array(z.strictObject({ group: z.string(), localPercent: z.number(), nationalPercent: z.number().nullable() }))
      .optional()
      .describe('Children cautioned or sentenced, against the national average'),
    caseload: z.array(z.strictObject({ type: z.string(), count: z.int() })).optional(),
    expectedVersion: z.int().min(0).optional(),
  }),
  NewRecommendation: z.strictObject({
    number: z.int().min(1).optional().describe('Left out: after the last one'),
    actor: z.enum(recommendationActors, { error: `Select who must act: ${recommendationActors.join(', ')}` }),
    actorName: z.string().optional().describe("Required when actor is 'other'"),
    text: z.string(),
    standardIds: z.array(z.string()).optional(),
    expectedVersion: z.int().min(0).optional(),
  }),
  PublishReport: z.strictObject({
    expectedVersion: z.int().min(1).optional().describe('The version number the draft would become'),
  }),
} satisfies Record<string, z.ZodType>;

const dateTime = z.iso.datetime();
const recommendation = z.object({
  id: z.uuid(),
  inspectionId: z.uuid(),
  number: z.int(),
  actor: z.enum(recommendationActors),
  actorName: z.string(),
  text: z.string(),
  standardIds: z.array(z.string()),
  version: z.int(),
  removedAt: dateTime.nullable(),
});

export const reportResponseBodies = {
  Report: z.object({
    state: z.object({
      status: z.enum(['draft', 'published']),
      versionNumber: z.int(),
      publishedAt: z.string().nullable(),
    }),
    latestVersion: z.int().nullable(),
    changedSincePublished: z.boolean(),
    notPublishable: z.string().nullable(),
    report: z.record(z.string(), z.unknown()).describe('Every figure and text of the report, as publishing freezes it'),
  }),
  ReportVersionList: z.object({
    versions: z.array(
      z.object({ id: z.uuid(), versionNumber: z.int(), publishedAt: dateTime, publishedBy: z.string().nullable() }),
    ),
  }),
  ReportVersion: z.object({ id: z.uuid(), versionNumber: z.int(), publishedAt: dateTime }),
  ReportContent: z.object({ inspectionId: z.uuid(), version: z.int() }).passthrough(),
  ReportStandardText: z.object({
    inspectionId: z.uuid(),
    standardId: z.string(),
    narrative: z.string(),
    strengths: z.string(),
    areasForImprovement: z.string(),
    version: z.int(),
  }),
  Recommendation: recommendation,
  RecommendationList: z.object({ recommendations: z.array(recommendation) }),
} satisfies Record<string, z.ZodType>;
