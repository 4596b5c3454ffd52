import { z } from 'zod';
import { actionStatuses } from '../tables.js';
import { splitOwners } from '../../../domain/plans/table-import.js';
import { isoDateField } from '../../../domain/dates.js';

/** The plan's forms, checked before anything is written; messages in GOV.UK's words, by field. */

const optionalDate = (label: string) =>
  z.preprocess((v) => (v === '' || v === undefined ? null : v), isoDateField(label).nullable());

/** "2.2" (a standard) or "2.2.1" (a key question). */
const targetId = z
  .string()
  .regex(/^\d+\.\d+(\.\d+)?$/, 'Enter standards or key questions as numbers, like 2.2 or 3.1.2');

export const newPlanSchema = z.object({
  organisationId: z.uuid('Select the service'),
  inspectionId: z.preprocess((v) => (v === '' ? null : v), z.uuid('Select an inspection').nullish()),
  title: z.string().trim().min(1, 'Enter a title for the plan').max(200, 'Title must be 200 characters or fewer'),
  startFrom: z.enum(['recommendations', 'blank'], { error: 'Choose how to start the plan' }),
});

export const areaSchema = z.object({
  number: z.coerce
    .number({ error: 'Enter the number of the area, like 3' })
    .int('Enter the number of the area as a whole number, like 3')
    .min(1, 'The number of the area must be 1 or more')
    .max(999, 'The number of the area must be 999 or less'),
  domain: z
    .string()
    .trim()
    .min(1, 'Enter the domain or heading, like D1 Governance and Leadership')
    .max(200, 'Domain must be 200 characters or fewer'),
  standardId: z.preprocess(
    (v) => (v === '' ? null : v),
    z
      .string()
      .regex(/^\d+\.\d+$/, 'Enter the standard as its number, like 1.1')
      .nullish(),
  ),
  text: z
    .string()
    .trim()
    .min(1, 'Enter the area for improvement')
    .max(4_000, 'Area for improvement must be 4,000 characters or fewer'),
  source: z.string().trim().max(200, 'Source must be 200 characters or fewer').default(''),
  recommendationIds: z.array(z.uuid('Select recommendations from the list')).default([]),
  /** The plan's version when the form was opened: a plan changed since gets 409. */
  expectedVersion: z.int().min(1).optional(),
});
export type AreaInput = z.input<typeof areaSchema>;

export const actionSchema = z
  .object({
    text: z.string().trim().min(1, 'Enter the action').max(4_000, 'Action must be 4,000 characters or fewer'),
    owners: z
      .array(z.string().trim().min(1).max(200, 'Each owner must be 200 characters or fewer'))
      .min(1, 'Enter at least one owner: a person or a role'),
    commencementDate: optionalDate('Commencement date'),
    targetDate: optionalDate('Target date'),
    status: z.enum(actionStatuses, { error: 'Select the status' }),
    completionDate: optionalDate('Completion date'),
    statusText: z.string().max(500, 'Status text must be 500 characters or fewer').default(''),
    targets: z.array(targetId).default([]),
    /** The plan's version when the form was opened: a plan changed since gets 409. */
    expectedVersion: z.int().min(1).optional(),
  })
  .refine((a) => !a.commencementDate || !a.targetDate || a.targetDate >= a.commencementDate, {
    path: ['targetDate'],
    message: 'Target date must be the same as or after the commencement date',
  })
  .refine((a) => a.status === 'completed' || !a.completionDate, {
    path: ['completionDate'],
    message: 'Remove the completion date, or select Completed as the status',
  });
export type ActionInput = z.input<typeof actionSchema>;

export const progressUpdateSchema = z
  .object({
    date: isoDateField('Date of the update'),
    note: z.string().trim().max(5_000, 'Note must be 5,000 characters or fewer').default(''),
    evidenceLink: z
      .string()
      .trim()
      .max(2_000, 'Evidence link must be 2,000 characters or fewer')
      .refine(
        (v) => v === '' || /^https?:\/\/\S+$/i.test(v),
        'Enter the evidence link as a web address starting https://',
      )
      .default(''),
    status: z.preprocess(
      (v) => (v === '' ? null : v),
      z.enum(actionStatuses, { error: 'Select the status' }).nullish(),
    ),
  })
  .refine((u) => u.note !== '' || u.status, { path: ['note'], message: 'Enter a note, or choose a new status' });
export type ProgressUpdateInput = z.input<typeof progressUpdateSchema>;

export const signOffSchema = z.object({
  date: isoDateField('Date'),
  note: z.string().trim().max(2_000, 'Note must be 2,000 characters or fewer').default(''),
});

/** Owners as typed: "SG, LG & HE", "LB / AL", "HE and LG" are three, two and two owners. */
export function ownersFrom(text: string): string[] {
  return splitOwners(text);
}
