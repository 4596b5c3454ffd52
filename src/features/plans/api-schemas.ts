import { z } from 'zod';
import { actionStatuses } from './tables.js';
import { actionSchema, areaSchema, progressUpdateSchema, signOffSchema } from './service/validation.js';

/** The improvement plan's API bodies (issue 7): the services' own schemas, strict, so misspelt fields are refused. */
export const planRequestBodies = {
  NewPlan: z.strictObject({
    organisationId: z.uuid(),
    inspectionId: z.uuid().nullish(),
    title: z.string(),
    startFrom: z.enum(['recommendations', 'blank']),
  }),
  SavePlanArea: areaSchema.strict(),
  SavePlanAction: actionSchema.strict(),
  AddProgressUpdate: progressUpdateSchema.strict(),
  PlanSignOff: signOffSchema.extend({ kind: z.enum(['leadInspectorAgreed', 'chairSignedOff']) }).strict(),
} satisfies Record<string, z.ZodType>;

const isoDate = z.string().describe('A date, YYYY-MM-DD');
const status = z.enum(actionStatuses);
const rag = z.enum(['red', 'amber', 'green']);

const planAction = z.object({
  id: z.uuid(),
  text: z.string(),
  owners: z.array(z.string()),
  commencementDate: isoDate.nullable(),
  targetDate: isoDate.nullable(),
  completionDate: isoDate.nullable(),
  status,
  statusText: z.string(),
  targets: z.array(z.string()),
  rag,
  ragReason: z.string(),
});

export const planResponseBodies = {
  PlanSummary: z.object({
    id: z.uuid(),
    title: z.string(),
    organisationId: z.uuid(),
    inspectionId: z.uuid().nullable(),
    version: z.int(),
  }),
  PlanList: z.object({
    plans: z.array(
      z.object({
        id: z.uuid(),
        title: z.string(),
        organisationName: z.string(),
        agreedOn: isoDate.nullable(),
        signedOffOn: isoDate.nullable(),
      }),
    ),
  }),
  PlanProgress: z.object({
    id: z.uuid(),
    title: z.string(),
    version: z.int().describe("Send it back as expectedVersion when changing the plan's areas and actions"),
    asOf: isoDate,
    counts: z.object({ red: z.int(), amber: z.int(), green: z.int(), completed: z.int(), total: z.int() }),
    areas: z.array(
      z.object({
        id: z.uuid(),
        number: z.int(),
        domain: z.string(),
        standardId: z.string().nullable(),
        text: z.string(),
        source: z.string(),
        actions: z.array(planAction),
      }),
    ),
  }),
  PlanArea: z.object({ id: z.uuid(), number: z.int(), domain: z.string(), text: z.string() }),
  PlanAction: z.object({ id: z.uuid(), text: z.string(), status, owners: z.array(z.string()) }),
  ProgressUpdate: z.object({
    id: z.uuid(),
    actionId: z.uuid(),
    date: isoDate,
    note: z.string(),
    statusTo: status.nullable(),
  }),
  PlanSignOffRecord: z.object({
    id: z.uuid(),
    kind: z.string(),
    date: isoDate,
    planVersion: z.int(),
    byName: z.string(),
  }),
} satisfies Record<string, z.ZodType>;
