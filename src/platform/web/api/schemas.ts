import { z } from 'zod';
import { inspectionKinds, inspectionStatuses } from '../../db/core-tables.js';
import { frameworkIds } from '../../framework-registry.js';
import { saveAnswersSchema } from '../../../features/assessment/service.js';
import { caseInputSchema } from '../../../features/cases/attributes.js';
import { ValidationError } from '../../errors.js';
import { newInspectionSchema } from '../../../features/inspections/service.js';
import { newOrganisationSchema } from '../../../features/admin/organisations.js';
import { judgementSchema } from '../../../features/judgements/service.js';
import { planningRequestBodies, planningResponseBodies } from '../../../features/planning/api-schemas.js';
import { planRequestBodies, planResponseBodies } from '../../../features/plans/api-schemas.js';
import { reportRequestBodies, reportResponseBodies } from '../../../features/report/api-schemas.js';
import { moderationRequestBodies, moderationResponseBodies } from '../../../features/moderation/api-schemas.js';
import { teamRequestBodies, teamResponseBodies } from '../../../features/team/api-schemas.js';
import { panelMeetingRequestBodies, panelMeetingResponseBodies } from '../../../features/ratings/api-schemas.js';
import { qaResponseBodies } from '../../../features/qa/api-schemas.js';

/**
 * Request bodies at the edge: the services' own schemas, strict, so that a misspelt field is refused by
 * name rather than ignored. The services check the rules that need the database or the framework.
 */
export const requestBodies = {
  NewOrganisation: newOrganisationSchema.strict(),
  // The framework as an enum, so that the OpenAPI document lists the versions; the date rules stay in the service.
  NewInspection: z.strictObject({
    ...newInspectionSchema.shape,
    framework: z.enum(frameworkIds(), { error: `Select a framework version: ${frameworkIds().join(', ')}` }),
  }),
  NewCase: caseInputSchema.strict(),
  SaveAnswers: saveAnswersSchema.strict(),
  SaveJudgement: judgementSchema.strict(),
  RecordDiscretion: z.strictObject({
    outcome: z
      .enum(['moved', 'stands', 'withdrawn'], 'Choose moved, stands or withdrawn')
      .optional()
      .describe(
        'moved: the rating moves one band to `rating`; stands: the computed rating stands. Without it, a rating moves and null withdraws',
      ),
    rating: z.string().min(1, 'Select a rating, or null to withdraw the decision').nullable().optional(),
    rationale: z.string().max(2_000, 'Rationale must be 2,000 characters or fewer').default(''),
  }),
  ...planningRequestBodies,
  ...planRequestBodies,
  ...reportRequestBodies,
  ...moderationRequestBodies,
  ...teamRequestBodies,
  ...panelMeetingRequestBodies,
} satisfies Record<string, z.ZodType>;

const required = 'is required';

/** The body, parsed; otherwise a ValidationError whose fields name each problem (dotted paths). */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body))
    throw new ValidationError({ body: 'Send a JSON object, with Content-Type: application/json' });
  // A missing field is named as such, unless the schema has its own message for it.
  const parsed = schema.safeParse(body, { error: (issue) => (issue.input === undefined ? required : undefined) });
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  const known = schema instanceof z.ZodObject ? ` (the fields are ${Object.keys(schema.shape).join(', ')})` : '';
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String);
    const field = path.join('.') || 'body';
    if (issue.code === 'unrecognized_keys')
      for (const key of issue.keys)
        fields[[...path, key].join('.')] ??= `Unknown field "${key}"${path.length ? '' : known}`;
    else fields[field] ??= issue.message === required ? `${field} is required` : issue.message;
  }
  throw new ValidationError(fields);
}

const uuid = z.uuid();
const dateTime = z.iso.datetime();
const isoDate = z.iso.date().nullable();

const progress = z
  .object({ answered: z.int(), expected: z.int() })
  .describe('Key questions answered, of those expected of the cases');

const inspection = z.object({
  id: uuid,
  organisationId: uuid,
  frameworkId: z.string(),
  kind: z.enum(inspectionKinds),
  title: z.string(),
  fieldworkStart: isoDate,
  fieldworkEnd: isoDate,
  caseWindowFrom: isoDate,
  caseWindowTo: isoDate,
  status: z.enum(inspectionStatuses),
  isDemo: z.boolean(),
  createdBy: uuid.nullable(),
  createdAt: dateTime,
});

const caseRow = z.object({
  id: uuid,
  inspectionId: uuid,
  ref: z.string(),
  domain: z.string(),
  disposal: z.string().nullable(),
  allocatedTo: uuid.nullable(),
  caseManagerInterviewed: z.boolean(),
  version: z.int().describe('Send it back as expectedVersion when saving answers'),
});

/** What the API returns, for the OpenAPI document. */
export const responseBodies = {
  Error: z.object({
    error: z.object({
      status: z.int(),
      message: z.string(),
      fields: z
        .record(z.string(), z.string())
        .optional()
        .describe('The field at fault (a dotted path into the body, e.g. "answers.2.1.1") and what is wrong'),
      current: z.unknown().optional().describe('On 409: what is stored now'),
      requestId: z.string().optional(),
    }),
  }),
  FrameworkList: z.object({
    frameworks: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        publisher: z.string(),
        standardCount: z.int(),
        caseBasedStandardCount: z.int(),
      }),
    ),
  }),
  Organisation: z.object({
    id: uuid,
    name: z.string(),
    kind: z.enum(['youthJusticeService', 'inspectorate']),
    localAuthorities: z.array(z.string()),
    createdAt: dateTime,
  }),
  Inspection: inspection,
  InspectionList: z.object({
    inspections: z.array(
      inspection
        .pick({
          id: true,
          title: true,
          kind: true,
          status: true,
          frameworkId: true,
          fieldworkStart: true,
          isDemo: true,
        })
        .extend({ organisationName: z.string() }),
    ),
  }),
  InspectionDetail: inspection.extend({ organisationName: z.string(), caseCount: z.int(), progress }),
  Case: caseRow,
  CaseList: z.object({
    cases: z.array(caseRow.extend({ allocatedName: z.string().nullable(), progress })),
  }),
  CaseAnswers: z.object({
    version: z.int(),
    answers: z.record(
      z.string().describe('Key question or prompt id'),
      z.object({
        answer: z.enum(['yes', 'no', 'n/a']),
        evidence: z.string(),
        answeredBy: z.string().nullable(),
        answeredAt: dateTime,
      }),
    ),
  }),
  Version: z.object({ version: z.int() }),
  Judgement: z.object({
    inspectionId: uuid,
    standardId: z.string(),
    rating: z.string().nullable(),
    strengths: z.string(),
    areasForImprovement: z.string(),
    version: z.int(),
    updatedBy: uuid.nullable(),
    updatedAt: dateTime,
  }),
  DiscretionDecision: z.object({
    id: uuid,
    inspectionId: uuid,
    standardId: z.string(),
    outcome: z
      .enum(['moved', 'stands', 'withdrawn'])
      .nullable()
      .describe('null on decisions recorded before outcomes were'),
    rating: z.string().nullable().describe('The rating moved to, or the computed rating that stands; null: withdrawn'),
    rationale: z.string(),
    decidedBy: uuid.nullable(),
    decidedAt: dateTime,
  }),
  ...planningResponseBodies,
  ...planResponseBodies,
  ...reportResponseBodies,
  ...moderationResponseBodies,
  ...teamResponseBodies,
  ...panelMeetingResponseBodies,
  ...qaResponseBodies,
} satisfies Record<string, z.ZodType>;
