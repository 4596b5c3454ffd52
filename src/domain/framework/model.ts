import type { caseClassifications, FrameworkFile, FrameworkLanguage } from './schema.js';

/** A rating word of the framework's scale, e.g. 'Good'. Words are data, not code. */
export type Rating = string;

/** One step of reading a case factor: the factor as recorded, or a classification that rules it out. */
export type FactorStep =
  { factor: string } | { classification: (typeof caseClassifications)[number]; ruledOutBy: readonly string[] };

/**
 * An applicability rule; a case-factor rule carries the steps that read its factor, the factor's own record
 * first, then its `whenNotRecorded` sources in turn (resolved when the framework is loaded).
 */
export type Applicability = FrameworkFile['applicability'][number] & { factorSteps?: readonly FactorStep[] };

export interface Prompt {
  id: string;
  text: string;
  appliesTo: Applicability;
  textFrom?: string;
}

export interface KeyQuestion {
  id: string;
  text: string;
  aspect?: string;
  /** Only case-based standards' key questions have applicability. */
  appliesTo?: Applicability;
  textFrom?: string;
  prompts: Prompt[];
}

export interface Standard {
  id: string;
  title: string;
  statement: string;
  assessment: 'caseBased' | 'judged';
  inOverallScore: boolean;
  domainId: string;
  /** The kind of case it is assessed on (case-based standards), e.g. 'court'. */
  caseDomain?: string;
  keyQuestions: KeyQuestion[];
}

export interface Domain {
  id: string;
  title: string;
  caseDomain?: string;
  footnote?: string;
  standards: Standard[];
}

/** A framework file after validation, with the look-ups the rating engine needs. */
export interface Framework {
  id: string;
  title: string;
  publisher: string;
  /** The languages its words are held in: "en" always, and each complete translation the file claims. */
  languages: readonly FrameworkLanguage[];
  /** By language: each English text of the file and its translation (docs/frameworks.md). */
  translations: Partial<Record<FrameworkLanguage, Readonly<Record<string, string>>>>;
  file: FrameworkFile;
  domains: Domain[];
  /** Every standard in framework order. */
  standards: Standard[];
  standardById: ReadonlyMap<string, Standard>;
  keyQuestionById: ReadonlyMap<string, { standard: Standard; keyQuestion: KeyQuestion }>;
  promptById: ReadonlyMap<string, { standard: Standard; keyQuestion: KeyQuestion; prompt: Prompt }>;
  /** Rating words, best first, with their scores. */
  ratingScale: readonly { rating: Rating; score: number }[];
  scoreOf: ReadonlyMap<Rating, number>;
  /** Per case factor, the steps that read it (see Applicability). */
  factorSteps: ReadonlyMap<string, readonly FactorStep[]>;
  keyQuestionBands: FrameworkFile['keyQuestionBands'];
  discretion: FrameworkFile['discretion'];
  overallBands: FrameworkFile['overallBands'];
  /** The highest score the standards in the overall score can reach. */
  maxScore: number;
}
