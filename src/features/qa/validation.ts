import { z } from 'zod';
import { isoDateField as isoDate } from '../../domain/dates.js';
import { caseSelections, programmeFrequencies } from './tables.js';

export const programmeSchema = z
  .object({
    title: z
      .string({ error: 'Enter a title' })
      .trim()
      .min(1, 'Enter a title')
      .max(200, 'Title must be 200 characters or fewer'),
    framework: z.string({ error: 'Select a framework version' }).min(1, 'Select a framework version'),
    frequency: z.enum(programmeFrequencies, { error: 'Select how often the service audits' }),
    /** Empty: the whole framework. */
    standards: z.array(z.string()).default([]),
    selection: z.enum(caseSelections, { error: 'Select how cases are chosen' }),
    perCaseManager: z.coerce
      .number()
      .int('Cases per case manager must be a whole number')
      .min(1, 'Audit at least 1 case per case manager')
      .max(50, 'Audit 50 cases per case manager or fewer')
      .optional(),
    confidence: z.coerce
      .number()
      .refine((c) => [0.8, 0.9, 0.95].includes(c), 'Select a confidence level')
      .optional(),
    margin: z.coerce
      .number()
      .min(0.01, 'The margin of error must be between 1 and 30 points')
      .max(0.3, 'The margin of error must be between 1 and 30 points')
      .optional(),
    auditors: z.array(z.uuid('Select who audits')).min(1, 'Select at least one auditor'),
  })
  .refine((v) => v.selection !== 'perCaseManager' || v.perCaseManager !== undefined, {
    path: ['perCaseManager'],
    message: 'Enter how many cases each case manager has audited',
  })
  .refine((v) => v.selection !== 'sample' || (v.confidence !== undefined && v.margin !== undefined), {
    path: ['confidence'],
    message: 'Select a confidence level and a margin of error for the sample',
  });
export type ProgrammeInput = z.input<typeof programmeSchema>;

export const roundSchema = z.object({
  periodStart: isoDate('The start of the period'),
  population: z
    .string({ error: 'Paste the cases open in the period (CSV)' })
    .trim()
    .min(1, 'Paste the cases open in the period (CSV)'),
  refs: z.string().default(''),
});
export type RoundInput = z.input<typeof roundSchema>;

export const feedbackSchema = z
  .object({
    status: z.enum(['acknowledged', 'responded'], { error: 'Select acknowledge or respond' }),
    response: z.string().trim().max(5000, 'The response must be 5,000 characters or fewer').default(''),
  })
  .refine((v) => v.status !== 'responded' || v.response.length > 0, {
    path: ['response'],
    message: 'Enter your response',
  });
export type FeedbackInput = z.input<typeof feedbackSchema>;

const monthsOf = { monthly: 1, quarterly: 3, halfYearly: 6, yearly: 12 } as const;

/** The last day of the period that starts on periodStart. */
export function periodEndOf(periodStart: string, frequency: keyof typeof monthsOf): string {
  const [y, m, d] = periodStart.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y, m - 1 + monthsOf[frequency], d - 1));
  return end.toISOString().slice(0, 10);
}
