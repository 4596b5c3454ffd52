import type { Framework } from '../framework/model.js';
import type { InspectionRating, KeyQuestionResult, StandardResult } from '../rating/types.js';
import { methodologyOf, type Methodology } from './methodology.js';
import { fieldworkMonth } from './ratings-box.js';
import { fill } from './document.js';
import { documentOf, type ReportDocument } from './document-model.js';
import { factsOf, type ReportCase, type SampleFacts } from './sample-facts.js';
import { promptTablesOf, type PromptTable } from './prompt-tables.js';

export { subSampleHeading, type PromptTable } from './prompt-tables.js';

/** Who must act on a recommendation, in the order the reports group them. */
export const recommendationActorLabels = {
  service: 'The youth justice service',
  board: 'The management board (or its chair)',
  police: 'The police',
  probation: 'The Probation Service',
  other: 'Another body',
} as const;
export type RecommendationActor = keyof typeof recommendationActorLabels;

export interface SurveyResults {
  childrenConsented: number | null;
  childrenReplied: number | null;
  /** The children's average score out of 10, as the inspectors worked it out. */
  childrenAverageScore: number | null;
  childrenSummary: string;
  staffSurveyed: number | null;
  staffReplied: number | null;
  staffSummary: string;
}

export interface DemographicRow {
  group: string;
  localPercent: number;
  nationalPercent: number | null;
}

export interface ContextFacts {
  /** Meetings held during fieldwork, as the inspectors count them; null: the meeting evidence notes are counted. */
  meetings: number | null;
  population: number | null;
  youthPopulation: number | null;
  /** Demographics of children cautioned or sentenced, against the national average. */
  demographics: DemographicRow[];
  caseload: { type: string; count: number }[];
}

export interface ReportProse {
  foreword: string;
  background: string;
  localContext: string;
  involvement: string;
  diversity: string;
}

export interface ReportInputs {
  framework: Framework;
  rating: InspectionRating;
  service: string;
  /** The place the title names ("Hackney"): the service's local authority. */
  place: string;
  leadInspector: string | null;
  signatory: { name: string; role: string };
  inspection: {
    title: string;
    kind: string;
    isDemo: boolean;
    fieldworkStart: string | null;
    fieldworkEnd: string | null;
    secondWeekStart: string | null;
    caseWindowFrom: string | null;
    caseWindowTo: string | null;
  };
  prose: ReportProse;
  surveys: SurveyResults;
  contextFacts: ContextFacts;
  options: { keyQuestionFormat: 'percentages' | 'counts'; showPromptTables: boolean };
  standardTexts: Readonly<Record<string, { narrative: string; strengths: string; areasForImprovement: string }>>;
  recommendations: readonly {
    id: string;
    number: number;
    actor: RecommendationActor;
    actorName: string;
    text: string;
    standardIds: readonly string[];
  }[];
  cases: readonly ReportCase[];
  meetings: number;
}

/** A key question's row in the report's table: the engine's figures, without the working. */
export type KeyQuestionRow = Pick<
  KeyQuestionResult,
  'id' | 'text' | 'relevant' | 'yes' | 'percent' | 'band' | 'rating' | 'limiting'
>;

export interface ReportStandard {
  id: string;
  title: string;
  statement: string;
  assessment: 'caseBased' | 'judged';
  inOverallScore: boolean;
  rating: string | null;
  narrative: string;
  strengths: string;
  areasForImprovement: string;
  keyQuestions: KeyQuestionRow[];
  limitingKeyQuestion: string | null;
  promptTables: PromptTable[];
  discretion: {
    eligible: boolean | null;
    reasons: string[];
    applied: { from: string; to: string; rationale: string; note: string } | null;
  } | null;
  linkedRecommendations: number[];
}

/** Everything a report prints, figures and text, as plain JSON: publishing freezes exactly this. */
export interface ReportModel {
  title: string;
  service: string;
  isDemo: boolean;
  framework: { id: string; title: string };
  fieldworkMonth: string | null;
  ratingsBox: {
    score: number | null;
    maxScore: number;
    overall: string | null;
    domains: {
      id: string;
      title: string;
      footnote: string | null;
      standards: { id: string; title: string; rating: string | null; discretionNote: string | null }[];
    }[];
  };
  prose: ReportProse;
  recommendationGroups: {
    actor: RecommendationActor;
    heading: string;
    items: { id: string; number: number; text: string; standardIds: string[] }[];
  }[];
  keyQuestionFormat: 'percentages' | 'counts';
  domains: { id: string; title: string; footnote: string | null; standards: ReportStandard[] }[];
  facts: SampleFacts;
  surveys: SurveyResults;
  contextFacts: ContextFacts;
  methodology: Methodology;
  document: ReportDocument;
}

/**
 * Grouped as the seeds group them: runs of consecutive numbers with the same body, headed by its name as the
 * report writes it ("The Havering Youth Justice Service Management Board chair"), so the order is the numbers'.
 */
function recommendationGroupsOf(inputs: ReportInputs): ReportModel['recommendationGroups'] {
  const texts = inputs.framework.file.report;
  const headingOf = (actor: RecommendationActor, actorName: string) => {
    const name =
      actorName.trim() ||
      fill(texts?.actorNames[actor] ?? recommendationActorLabels[actor], { service: inputs.service });
    return texts ? fill(texts.recommendationHeading, { actor: name }) : `${name} should:`;
  };
  const groups: ReportModel['recommendationGroups'] = [];
  for (const r of [...inputs.recommendations].sort((a, b) => a.number - b.number)) {
    const heading = headingOf(r.actor, r.actorName);
    const last = groups.at(-1);
    const item = { id: r.id, number: r.number, text: r.text, standardIds: [...r.standardIds] };
    if (last && last.heading === heading) last.items.push(item);
    else groups.push({ actor: r.actor, heading, items: [item] });
  }
  return groups;
}

function standardOf(inputs: ReportInputs, result: StandardResult): ReportStandard {
  const standard = inputs.framework.standardById.get(result.id)!;
  const texts = inputs.standardTexts[result.id];
  const discretion = result.discretion;
  return {
    id: result.id,
    title: result.title,
    statement: standard.statement,
    assessment: result.assessment,
    inOverallScore: result.inOverallScore,
    rating: result.rating,
    narrative: texts?.narrative ?? '',
    strengths: texts?.strengths ?? '',
    areasForImprovement: texts?.areasForImprovement ?? '',
    keyQuestions:
      result.assessment === 'caseBased'
        ? result.keyQuestions.map((kq) => ({
            id: kq.id,
            text: kq.text,
            relevant: kq.relevant,
            yes: kq.yes,
            percent: kq.percent,
            band: kq.band,
            rating: kq.rating,
            limiting: kq.limiting,
          }))
        : [],
    limitingKeyQuestion: result.limitingKeyQuestion,
    promptTables: inputs.options.showPromptTables ? promptTablesOf(inputs.framework, result) : [],
    discretion: discretion
      ? {
          eligible: discretion.eligible,
          reasons: discretion.reasons.filter((r) => r.status === 'applies').map((r) => r.detail),
          applied: discretion.applied ? { ...discretion.applied } : null,
        }
      : null,
    linkedRecommendations: inputs.recommendations
      .filter((r) => r.standardIds.includes(result.id))
      .map((r) => r.number)
      .sort((a, b) => a - b),
  };
}

/** The report from the inspection's data and its prose: pure, so the same inputs always give the same report. */
export function buildReportModel(inputs: ReportInputs): ReportModel {
  const { framework, rating } = inputs;
  const resultsOf = (domainId: string) => rating.standards.filter((s) => s.domain === domainId);
  return {
    title: inputs.inspection.title,
    service: inputs.service,
    isDemo: inputs.inspection.isDemo,
    framework: { id: framework.id, title: framework.title },
    fieldworkMonth: inputs.inspection.fieldworkStart ? fieldworkMonth(inputs.inspection.fieldworkStart) : null,
    ratingsBox: {
      score: rating.score,
      maxScore: rating.maxScore,
      overall: rating.overall,
      domains: framework.domains.map((domain) => ({
        id: domain.id,
        title: domain.title,
        footnote: domain.footnote ?? null,
        standards: resultsOf(domain.id).map((s) => ({
          id: s.id,
          title: s.title,
          rating: s.rating,
          discretionNote: s.discretion?.applied?.note ?? null,
        })),
      })),
    },
    prose: { ...inputs.prose },
    recommendationGroups: recommendationGroupsOf(inputs),
    keyQuestionFormat: inputs.options.keyQuestionFormat,
    domains: framework.domains.map((domain) => ({
      id: domain.id,
      title: domain.title,
      footnote: domain.footnote ?? null,
      standards: resultsOf(domain.id).map((s) => standardOf(inputs, s)),
    })),
    facts: factsOf(framework, inputs.inspection, inputs.cases, inputs.contextFacts.meetings ?? inputs.meetings),
    surveys: { ...inputs.surveys },
    contextFacts: {
      ...inputs.contextFacts,
      demographics: [...inputs.contextFacts.demographics],
      caseload: [...inputs.contextFacts.caseload],
    },
    methodology: methodologyOf(framework),
    document: documentOf({
      framework,
      rating,
      service: inputs.service,
      place: inputs.place,
      kind: inputs.inspection.kind,
      leadInspector: inputs.leadInspector,
      signatory: inputs.signatory,
      inspection: inputs.inspection,
      meetings: inputs.contextFacts.meetings ?? inputs.meetings,
      cases: inputs.cases,
      recommendationCount: inputs.recommendations.length,
    }),
  };
}
