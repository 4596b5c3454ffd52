import { z } from 'zod';
import { reportTextsSchema } from './report-texts.js';
import { samplingRuleSchema } from './sampling-rule.js';

/** The shape of a framework file (`frameworks/<id>.json`). Cross-references are checked in `load.ts`. */

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/, 'must be letters, digits, dots or hyphens');
const text = z.string().trim().min(1, 'must not be empty');

const applicabilityCondition = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('always') }),
  z.strictObject({ kind: z.literal('caseFactor'), factor: id }),
  z.strictObject({ kind: z.literal('disposalIn'), disposals: z.array(id).min(1) }),
  z.strictObject({ kind: z.literal('inspectorDecides') }),
]);

/** The case classifications a factor can be read from when it is not recorded (Merton, Annexe 1). */
export const caseClassifications = ['rosh', 'swb'] as const;

/**
 * Where a case factor not recorded on the case is read from, in turn: another factor (one of 2.4's reviewing
 * factors from the single "review required"), or a classification whose listed values rule it out ("we
 * exclude those cases where the inspector deemed the risk of serious harm to be low").
 */
const factorSource = z.union([
  z.strictObject({ factor: id }),
  z.strictObject({ classification: z.enum(caseClassifications), ruledOutBy: z.array(id).min(1) }),
]);

const prompt = z.strictObject({
  id,
  text,
  appliesTo: id,
  textFrom: id.optional(),
});

const keyQuestion = z.strictObject({
  id,
  text,
  aspect: id.optional(),
  appliesTo: id.optional(),
  textFrom: id.optional(),
  prompts: z.array(prompt).optional(),
});

const standard = z.strictObject({
  id,
  title: text,
  statement: text,
  assessment: z.enum(['caseBased', 'judged']),
  inOverallScore: z.boolean(),
  keyQuestions: z.array(keyQuestion),
});

const domain = z.strictObject({
  id,
  title: text,
  caseDomain: id.optional(),
  footnote: text.optional(),
  standards: z.array(standard).min(1),
});

/** The languages a framework's words may be held in: English, the words of the file themselves, and Welsh. */
export const frameworkLanguages = ['en', 'cy'] as const;
export type FrameworkLanguage = (typeof frameworkLanguages)[number];
const language = z.enum(frameworkLanguages);

export const frameworkFileSchema = z.strictObject({
  $schema: z.string().optional(),
  id,
  title: text,
  publisher: text,
  /**
   * The languages the file holds its words in ("en" always: the texts of the file are English). A language
   * claimed here must be complete: every text of the file has a translation (checked in `load.ts`).
   */
  languages: z.array(language).min(1).optional(),
  /** By language (not "en"): each English text of the file, as written, and its translation. */
  translations: z.partialRecord(language, z.record(z.string(), text)).optional(),
  /** By language: whether a speaker of that language has reviewed the translation. */
  review: z.partialRecord(language, z.strictObject({ reviewed: z.boolean(), note: text.optional() })).optional(),
  sources: z.array(z.strictObject({ seed: text, what: text })),
  ratingScale: z.array(z.strictObject({ rating: text, score: z.int().min(0) })).min(2),
  keyQuestionBands: z.strictObject({
    rounding: z.enum(['halfUp', 'down']),
    bands: z.array(z.strictObject({ minPercent: z.int().min(0).max(100), label: text, rating: text })).min(2),
  }),
  discretion: z.strictObject({
    boundaryMarginPoints: z.int().min(0).max(100),
    smallSampleMaxCases: z.int().min(0),
    considerOneCaseChange: z.boolean(),
    noteTemplate: text,
  }),
  overallBands: z.array(z.strictObject({ minScore: z.int().min(0), rating: text })).min(1),
  caseDomains: z.array(z.strictObject({ id, label: text })).min(1),
  disposalTypes: z.array(z.strictObject({ id, label: text, caseDomain: id })),
  caseFactors: z.array(z.strictObject({ id, label: text, whenNotRecorded: z.array(factorSource).min(1).optional() })),
  applicability: z.array(z.strictObject({ id, label: text, when: applicabilityCondition })).min(1),
  domains: z.array(domain).min(1),
  sampling: samplingRuleSchema.optional(),
  report: reportTextsSchema.optional(),
});

export type FrameworkFile = z.infer<typeof frameworkFileSchema>;
