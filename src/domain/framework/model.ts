import type { FrameworkFile } from './schema.js';

/** A rating word of the framework's scale, e.g. 'Good'. Words are data, not code. */
export type Rating = string;

export type Applicability = FrameworkFile['applicability'][number];

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
  keyQuestionBands: FrameworkFile['keyQuestionBands'];
  discretion: FrameworkFile['discretion'];
  overallBands: FrameworkFile['overallBands'];
  /** The highest score the standards in the overall score can reach. */
  maxScore: number;
}
