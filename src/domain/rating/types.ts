import type { Rating } from '../framework/model.js';

/** One case's answer to a key question or prompt. */
export type Answer = 'yes' | 'no' | 'n/a';

/** A published key-question figure: counts (Merton) or a whole percentage only (later reports). */
export type KeyQuestionFigure = { relevant: number; yes: number } | { percent: number };

/** A published prompt figure: relevant cases and number 'Yes' (Merton's prompt tables). */
export interface PromptFigure {
  relevant: number;
  yes: number;
}

export interface AssessedCase {
  /** A pseudonymous reference, never a child's name. */
  ref: string;
  /** The framework's case domain: 'court', 'outOfCourt', 'resettlement'. */
  domain: string;
  disposal?: string;
  /** Known case factors (e.g. childSafety: false). An unknown factor leaves relevance to the inspector's answer. */
  factors?: Readonly<Record<string, boolean>>;
  /** Its classifications ('rosh', 'swb': 'low' …), which the framework may read a factor from when none is recorded. */
  classifications?: Readonly<Record<string, string>>;
  /** Keyed by key-question or prompt id. A question with no entry is not answered yet. */
  answers: Readonly<Record<string, Answer>>;
}

export interface DiscretionDecision {
  rating: Rating;
  rationale: string;
}

/** Everything the engine rates: per case-based standard either figures or case answers, never both. */
export interface Findings {
  service?: string;
  keyQuestionFigures: Readonly<Record<string, readonly KeyQuestionFigure[]>>;
  /** Published prompt figures per key-question id, in prompt order; only beside key-question figures. */
  promptFigures?: Readonly<Record<string, readonly PromptFigure[]>>;
  cases: readonly AssessedCase[];
  judgements: Readonly<Record<string, Rating>>;
  discretion: Readonly<Record<string, DiscretionDecision>>;
}

export interface PromptResult {
  id: string;
  text: string;
  relevant: number;
  yes: number;
  percent: number | null;
}

export interface KeyQuestionResult {
  id: string;
  text: string;
  /** Null when only a percentage was given. */
  relevant: number | null;
  yes: number | null;
  /** The whole percentage the report prints; null when no case is relevant. */
  percent: number | null;
  /** The band's label ('Reasonable majority') and the rating it gives. */
  band: string | null;
  rating: Rating | null;
  /** Bold in the published table: this key question sets the standard's rating. */
  limiting: boolean;
  /** Cases of the standard's domain with no answer yet (case answers only). */
  unanswered: number;
  /** Prompt figures, from case answers or from published prompt figures. */
  prompts?: PromptResult[];
}

export type DiscretionReasonCode = 'nearBoundary' | 'oneCaseChange' | 'smallSample';

export interface DiscretionReason {
  code: DiscretionReasonCode;
  status: 'applies' | 'doesNotApply' | 'unknown';
  detail: string;
}

export interface DiscretionResult {
  /** True when a reason applies; null when none applies but one cannot be judged from percentages alone. */
  eligible: boolean | null;
  reasons: DiscretionReason[];
  applied: { from: Rating; to: Rating; rationale: string; note: string } | null;
}

export type StandardSource = 'cases' | 'counts' | 'percentages' | 'judgement';

export interface StandardResult {
  id: string;
  title: string;
  domain: string;
  assessment: 'caseBased' | 'judged';
  inOverallScore: boolean;
  source: StandardSource | null;
  /** The rating the rules give, before any discretion. Null when incomplete or judged. */
  computedRating: Rating | null;
  /** Computed from the answers so far, while cases are still unanswered. */
  provisionalRating: Rating | null;
  /** The final rating: after discretion for case-based standards, the judgement for judged ones. */
  rating: Rating | null;
  score: number | null;
  limitingKeyQuestion: string | null;
  keyQuestions: KeyQuestionResult[];
  discretion: DiscretionResult | null;
  /** Why there is no rating yet, if there is none. */
  missing: string | null;
}

export interface MissingItem {
  standard: string;
  title: string;
  what: string;
  /** False for separately rated standards (resettlement), which never hold back the overall rating. */
  blocksOverall: boolean;
}

export interface InspectionRating {
  framework: string;
  service?: string;
  standards: StandardResult[];
  /** Null until every standard in the overall score has a rating. */
  score: number | null;
  maxScore: number;
  overall: Rating | null;
  separate: { id: string; title: string; rating: Rating | null; footnote?: string }[];
  missing: MissingItem[];
}
