import type { Framework, Standard } from '../framework/model.js';
import { bandOf, overallRatingOf } from './bands.js';
import { assessDiscretion } from './discretion.js';
import { keyQuestionsFromCases, keyQuestionsFromFigures, markLimiting } from './key-questions.js';
import type { AssessedCase, Findings, InspectionRating, MissingItem, StandardResult } from './types.js';

/**
 * Rates an inspection: every standard in framework order, the score and the overall rating.
 * Pure: the same findings always give the same result. Findings are validated before they get here
 * (see src/findings); a discretion decision the rules refuse throws a DiscretionError.
 */
export function rateInspection(framework: Framework, findings: Findings): InspectionRating {
  const casesByDomain = new Map<string, AssessedCase[]>();
  for (const assessedCase of findings.cases) {
    const list = casesByDomain.get(assessedCase.domain) ?? [];
    list.push(assessedCase);
    casesByDomain.set(assessedCase.domain, list);
  }

  const standards = framework.standards.map((standard) =>
    standard.assessment === 'judged'
      ? rateJudged(framework, standard, findings)
      : rateCaseBased(framework, standard, findings, casesByDomain.get(standard.caseDomain!) ?? []),
  );

  const missing: MissingItem[] = standards
    .filter((s) => s.missing !== null)
    .map((s) => ({ standard: s.id, title: s.title, what: s.missing!, blocksOverall: s.inOverallScore }));
  const scored = standards.filter((s) => s.inOverallScore);
  const complete = scored.every((s) => s.score !== null);
  const score = complete ? scored.reduce((sum, s) => sum + s.score!, 0) : null;

  return {
    framework: framework.id,
    ...(findings.service !== undefined && { service: findings.service }),
    standards,
    score,
    maxScore: framework.maxScore,
    overall: score === null ? null : overallRatingOf(framework, score),
    separate: standards
      .filter((s) => !s.inOverallScore)
      .map((s) => {
        const footnote = framework.domains.find((d) => d.id === s.domain)?.footnote;
        return { id: s.id, title: s.title, rating: s.rating, ...(footnote !== undefined && { footnote }) };
      }),
    missing,
  };
}

function emptyResult(standard: Standard): StandardResult {
  return {
    id: standard.id,
    title: standard.title,
    domain: standard.domainId,
    assessment: standard.assessment,
    inOverallScore: standard.inOverallScore,
    source: null,
    computedRating: null,
    provisionalRating: null,
    rating: null,
    score: null,
    limitingKeyQuestion: null,
    keyQuestions: [],
    discretion: null,
    missing: null,
  };
}

function rateJudged(framework: Framework, standard: Standard, findings: Findings): StandardResult {
  const result = emptyResult(standard);
  const rating = findings.judgements[standard.id];
  if (rating === undefined) return { ...result, missing: 'no judgement recorded' };
  return { ...result, source: 'judgement', rating, score: framework.scoreOf.get(rating)! };
}

function rateCaseBased(
  framework: Framework,
  standard: Standard,
  findings: Findings,
  domainCases: readonly AssessedCase[],
): StandardResult {
  const result = emptyResult(standard);
  const figures = findings.keyQuestionFigures[standard.id];
  if (figures !== undefined) {
    result.keyQuestions = keyQuestionsFromFigures(framework, standard, figures, findings.promptFigures);
    result.source = figures.every((f) => 'relevant' in f) ? 'counts' : 'percentages';
  } else if (domainCases.length > 0) {
    result.keyQuestions = keyQuestionsFromCases(framework, standard, domainCases);
    result.source = 'cases';
  } else {
    return { ...result, missing: 'no key-question figures and no assessed cases' };
  }

  const limiting = markLimiting(result.keyQuestions);
  if (limiting === null) return { ...result, missing: 'no relevant cases in any key question' };
  result.limitingKeyQuestion = limiting.id;
  const rating = bandOf(framework, limiting.percent!).rating;

  const unanswered = result.keyQuestions.filter((kq) => kq.unanswered > 0);
  if (unanswered.length > 0) {
    const detail = unanswered.map((kq) => `${kq.id} (${kq.unanswered})`).join(', ');
    return { ...result, provisionalRating: rating, missing: `cases not yet answered: ${detail}` };
  }

  const discretion = assessDiscretion(
    framework,
    standard.id,
    result.keyQuestions,
    limiting,
    rating,
    findings.discretion[standard.id],
  );
  const finalRating = discretion.applied?.to ?? rating;
  return {
    ...result,
    computedRating: rating,
    rating: finalRating,
    score: framework.scoreOf.get(finalRating)!,
    discretion,
  };
}
