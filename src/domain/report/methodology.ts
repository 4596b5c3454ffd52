import type { Framework } from '../framework/model.js';

/** The methodology annexe, written from the framework's own rules, so that it changes when the framework does. */
export interface Methodology {
  frameworkTitle: string;
  rounding: string;
  keyQuestionBands: { from: number; to: number; label: string; rating: string }[];
  scores: { rating: string; score: number }[];
  overallBands: { from: number; to: number; rating: string }[];
  maxScore: number;
  standardsInScore: number;
  separatelyRated: { id: string; title: string }[];
  discretion: { boundaryMarginPoints: number; smallSampleMaxCases: number; considerOneCaseChange: boolean };
  paragraphs: string[];
}

const roundingWords = {
  halfUp: 'rounded to the nearest whole per cent (a half rounds up)',
  down: 'rounded down to a whole per cent',
} as const;

export function methodologyOf(framework: Framework): Methodology {
  const bands = framework.keyQuestionBands.bands;
  const keyQuestionBands = bands
    .map((band, i) => ({
      from: band.minPercent,
      to: i === 0 ? 100 : bands[i - 1]!.minPercent - 1,
      label: band.label,
      rating: band.rating,
    }))
    .reverse();
  const overall = framework.overallBands;
  const overallBands = overall
    .map((band, i) => ({
      from: band.minScore,
      to: i === 0 ? framework.maxScore : overall[i - 1]!.minScore - 1,
      rating: band.rating,
    }))
    .reverse();
  const inScore = framework.standards.filter((s) => s.inOverallScore);
  const separatelyRated = framework.standards
    .filter((s) => !s.inOverallScore)
    .map((s) => ({ id: s.id, title: s.title }));
  const d = framework.discretion;
  const caseBasedIds = framework.standards.filter((s) => s.assessment === 'caseBased').map((s) => s.id);
  const judgedIds = framework.standards.filter((s) => s.assessment === 'judged').map((s) => s.id);
  const rounding = roundingWords[framework.keyQuestionBands.rounding];
  const conditions = [
    `the lowest percentage is within ${d.boundaryMarginPoints} percentage points of a band boundary`,
    ...(d.considerOneCaseChange ? ['a different judgement in one case would change the rating'] : []),
    `the rating rests on a sample or sub-sample of ${d.smallSampleMaxCases} cases or fewer`,
  ];
  return {
    frameworkTitle: framework.title,
    rounding,
    keyQuestionBands,
    scores: framework.ratingScale.map((r) => ({ rating: r.rating, score: r.score })).reverse(),
    overallBands,
    maxScore: framework.maxScore,
    standardsInScore: inScore.length,
    separatelyRated,
    discretion: {
      boundaryMarginPoints: d.boundaryMarginPoints,
      smallSampleMaxCases: d.smallSampleMaxCases,
      considerOneCaseChange: d.considerOneCaseChange,
    },
    paragraphs: [
      `This inspection used ${framework.title}. The case-based standards (${caseBasedIds.join(', ')}) are rated from the inspection of cases; the other standards (${judgedIds.join(', ')}) are rated by the inspectors' judgement on the evidence against the published ratings characteristics.`,
      `For each key question of a case-based standard, the percentage of relevant cases answered 'Yes' is worked out and ${rounding}. Only cases to which the question applies count: the number of relevant cases is the denominator. The whole percentage is placed in a band.`,
      `Each key question is an integral part of the standard, so a case-based standard takes the band of its lowest key question, shown in bold in the tables.`,
      `The ratings panel considers professional discretion when ${conditions.join('; or ')}. It weighs the sizes of the sub-samples and the other key questions; when discretion is applied, the report says so in a footnote.`,
      `Each standard scores by its rating. The overall rating is the sum of the scores of the ${inScore.length} standards in the overall score, 0 to ${framework.maxScore}, placed in a band. There is no weighting and no limiting standard.${separatelyRated.length ? ` ${separatelyRated.map((s) => `${s.id} ${s.title}`).join(', ')} ${separatelyRated.length === 1 ? 'is' : 'are'} rated separately and ${separatelyRated.length === 1 ? 'does' : 'do'} not influence the overall rating.` : ''}`,
    ],
  };
}
