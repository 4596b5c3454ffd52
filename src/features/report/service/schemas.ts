import { z } from 'zod';
import { keyQuestionTableFormats, recommendationActors, reportLanguages } from '../tables.js';
import type { ContextFacts, DemographicRow, SurveyResults } from '../../../domain/report/model.js';

/** What the report's forms and API accept; the rules that need the framework are checked in the services. */

const prose = (label: string) => z.string().max(50_000, `${label} must be 50,000 characters or fewer`).default('');

export const reportProseSchema = z.object({
  foreword: prose('Foreword'),
  background: prose('Background'),
  localContext: prose('Local context'),
  involvement: prose('Involvement of children and their parents or carers'),
  diversity: prose('Diversity'),
  signatoryName: prose('Name of who signs the foreword'),
  signatoryRole: prose('Role of who signs the foreword'),
  keyQuestionFormat: z
    .enum(keyQuestionTableFormats, { error: 'Select how the key-question tables show figures' })
    .default('percentages'),
  showPromptTables: z.boolean().default(false),
  expectedVersion: z.int().min(0).optional(),
});

/** The report's language: English, Cymraeg, or both editions. */
export const reportLanguageSchema = z.object({
  language: z.enum(reportLanguages, { error: 'Select the language of the report' }),
  expectedVersion: z.int().min(0).optional(),
});

export const standardTextSchema = z.object({
  narrative: prose('Narrative'),
  strengths: prose('Strengths'),
  areasForImprovement: prose('Areas for improvement'),
  expectedVersion: z.int().min(0).optional(),
});

/** A count typed in a form ('1,234') or sent as a number; empty is "not entered". */
const count = (label: string) =>
  z.preprocess(
    (v) => (v === '' || v === undefined ? null : typeof v === 'string' ? Number(v.trim().replaceAll(',', '')) : v),
    z
      .number({ error: `${label} must be a whole number` })
      .int(`${label} must be a whole number`)
      .min(0, `${label} must be 0 or more`)
      .nullable(),
  );

const score = z.preprocess(
  (v) => (v === '' || v === undefined ? null : typeof v === 'string' ? Number(v.trim()) : v),
  z
    .number({ error: 'Average score must be a number from 1 to 10' })
    .min(1, 'Average score must be from 1 to 10')
    .max(10, 'Average score must be from 1 to 10')
    .nullable(),
);

const lineNumber = /^(.+?)\s*[:|]\s*(.+)$/;
const percent = (text: string) => {
  const value = Number(text.trim().replace(/%$/, ''));
  return Number.isFinite(value) && value >= 0 && value <= 100 ? value : null;
};

/** "Black or mixed heritage: 45%, 18%" per line: the group, this service's % and the national average %. */
export function parseDemographics(text: string): { rows: DemographicRow[] } | { error: string } {
  const rows: DemographicRow[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    if (!raw.trim()) continue;
    const match = lineNumber.exec(raw.trim());
    const figures = match?.[2]!.split(',').map((f) => f.trim()) ?? [];
    const local = figures[0] !== undefined ? percent(figures[0]) : null;
    const national = figures[1] !== undefined ? percent(figures[1]) : null;
    if (!match || local === null || figures.length > 2 || (figures[1] !== undefined && national === null))
      return {
        error: `Line ${i + 1} of demographics: write the group, a colon, this service's % and optionally the national %, like "Black children: 45%, 18%"`,
      };
    rows.push({ group: match[1]!.trim(), localPercent: local, nationalPercent: national });
  }
  return { rows };
}

/** "Referral order: 12" per line. */
export function parseCaseload(text: string): { rows: ContextFacts['caseload'] } | { error: string } {
  const rows: ContextFacts['caseload'] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    if (!raw.trim()) continue;
    const match = lineNumber.exec(raw.trim());
    const value = match ? Number(match[2]!.trim().replaceAll(',', '')) : NaN;
    if (!match || !Number.isInteger(value) || value < 0)
      return {
        error: `Line ${i + 1} of caseload: write the type, a colon and a whole number, like "Referral order: 12"`,
      };
    rows.push({ type: match[1]!.trim(), count: value });
  }
  return { rows };
}

export const demographicsText = (rows: readonly DemographicRow[]) =>
  rows
    .map((r) => `${r.group}: ${r.localPercent}%${r.nationalPercent === null ? '' : `, ${r.nationalPercent}%`}`)
    .join('\n');
export const caseloadText = (rows: ContextFacts['caseload']) => rows.map((r) => `${r.type}: ${r.count}`).join('\n');

/** Lines typed in a form, parsed with the line's number in any error; or the rows themselves (the API). */
const lines = <T>(parse: (text: string) => { rows: T[] } | { error: string }, item: z.ZodType<T>) =>
  z
    .preprocess(
      (value, ctx) => {
        if (typeof value !== 'string') return value;
        const parsed = parse(value);
        if ('error' in parsed) {
          ctx.addIssue({ code: 'custom', message: parsed.error, input: value });
          return z.NEVER;
        }
        return parsed.rows;
      },
      z.array(item).max(100, 'Enter 100 lines or fewer'),
    )
    .default([]);

export const surveysAndContextSchema = z.object({
  childrenConsented: count('Children who consented').default(null),
  childrenReplied: count('Children who replied').default(null),
  childrenAverageScore: score.default(null),
  childrenSummary: prose("Children's survey summary"),
  staffSurveyed: count('Staff surveyed').default(null),
  staffReplied: count('Staff who replied').default(null),
  staffSummary: prose('Staff survey summary'),
  meetings: count('Meetings').default(null),
  population: count('Population').default(null),
  youthPopulation: count('Population aged 10 to 17').default(null),
  demographics: lines(
    parseDemographics,
    z.object({
      group: z.string().min(1).max(200),
      localPercent: z.number().min(0).max(100),
      nationalPercent: z.number().min(0).max(100).nullable(),
    }),
  ),
  caseload: lines(parseCaseload, z.object({ type: z.string().min(1).max(200), count: z.int().min(0) })),
  expectedVersion: z.int().min(0).optional(),
});
export type SurveysAndContextInput = z.input<typeof surveysAndContextSchema>;

export const emptySurveys: SurveyResults = {
  childrenConsented: null,
  childrenReplied: null,
  childrenAverageScore: null,
  childrenSummary: '',
  staffSurveyed: null,
  staffReplied: null,
  staffSummary: '',
};
export const emptyContextFacts: ContextFacts = {
  meetings: null,
  population: null,
  youthPopulation: null,
  demographics: [],
  caseload: [],
};

export const recommendationSchema = z
  .object({
    number: z.preprocess(
      (v) => (v === '' || v === undefined ? undefined : typeof v === 'string' ? Number(v) : v),
      z
        .number({ error: 'Number must be a whole number from 1' })
        .int('Number must be a whole number from 1')
        .min(1, 'Number must be a whole number from 1')
        .max(999, 'Number must be 999 or less')
        .optional(),
    ),
    actor: z.enum(recommendationActors, { error: 'Select who must act' }),
    actorName: z.string().trim().max(200, 'Name must be 200 characters or fewer').default(''),
    text: z
      .string()
      .trim()
      .min(1, 'Enter the recommendation')
      .max(5_000, 'Recommendation must be 5,000 characters or fewer'),
    standardIds: z.array(z.string()).max(30).default([]),
    expectedVersion: z.int().min(0).optional(),
  })
  .refine((r) => r.actor !== 'other' || r.actorName !== '', {
    message: 'Enter the name of the body that must act',
    path: ['actorName'],
  });
export type RecommendationInput = z.input<typeof recommendationSchema>;
