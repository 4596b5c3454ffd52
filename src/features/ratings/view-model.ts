import type { Framework, Rating } from '../../domain/framework/model.js';
import type { DiscretionReason, InspectionRating, StandardResult } from '../../domain/rating/types.js';
import type { CaseAnswer } from './service.js';

const numberWords = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const inWords = (n: number) => numberWords[n] ?? String(n);

export const inspectionPath = (inspectionId: string) => `/inspections/${inspectionId}`;
export const ratingsPath = (inspectionId: string) => `${inspectionPath(inspectionId)}/ratings`;
export const workingsPath = (inspectionId: string, standardId: string) => `${ratingsPath(inspectionId)}/${standardId}`;
export const judgementPath = (inspectionId: string, standardId: string) =>
  `${inspectionPath(inspectionId)}/standards/${standardId}/judgement`;

/** A GOV.UK tag colour per rating, best first, as the framework orders its scale. */
const tagColours = ['govuk-tag--green', 'govuk-tag--turquoise', 'govuk-tag--orange', 'govuk-tag--red'];

export function ratingTagClasses(framework: Framework): Record<Rating, string> {
  return Object.fromEntries(framework.ratingScale.map((r, i) => [r.rating, tagColours[i] ?? 'govuk-tag--grey']));
}

/** A discretion reason in the panel's words: what it is, and whether it applies. */
export function reasonText(framework: Framework, reason: DiscretionReason) {
  const { boundaryMarginPoints, smallSampleMaxCases } = framework.discretion;
  const what = {
    nearBoundary: `Within ${inWords(boundaryMarginPoints)} points of a band boundary`,
    oneCaseChange: 'One case answered differently would change the rating',
    smallSample: `A small number of relevant cases (${inWords(smallSampleMaxCases)} or fewer)`,
  }[reason.code];
  const status = {
    applies: 'Applies',
    doesNotApply: 'Does not apply',
    unknown: 'Cannot be judged from percentages alone',
  }[reason.status];
  return { what, status, detail: reason.detail, applies: reason.status === 'applies' };
}

/** The ratings one band either side of the computed rating: the only ones discretion may give. */
export function neighbouringRatings(framework: Framework, computed: Rating | null): Rating[] {
  const rank = framework.ratingScale.findIndex((r) => r.rating === computed);
  if (rank < 0) return [];
  return [framework.ratingScale[rank - 1], framework.ratingScale[rank + 1]].flatMap((r) => (r ? [r.rating] : []));
}

/** The note's words before the rationale: the hint that the rationale completes the sentence. */
export function rationaleLead(framework: Framework): string {
  return `${framework.discretion.noteTemplate.split('{rationale}')[0]!.trim()} ...`;
}

/**
 * The ratings box as the reports print it: domains with their standards, footnote numbers in reading order
 * (a domain's own footnote, then the discretion notes of its standards).
 */
export function ratingsBox(framework: Framework, rating: InspectionRating, inspectionId: string) {
  const footnotes: string[] = [];
  const add = (text: string) => footnotes.push(text);
  const domains = framework.domains.map((domain) => {
    const footnote = domain.footnote ? add(domain.footnote) : null;
    const standards = rating.standards
      .filter((s) => s.domain === domain.id)
      .map((s) => ({
        ...s,
        href: s.assessment === 'judged' ? judgementPath(inspectionId, s.id) : workingsPath(inspectionId, s.id),
        footnote: s.discretion?.applied ? add(s.discretion.applied.note) : null,
      }));
    return { id: domain.id, title: domain.title, footnote, standards };
  });
  return { domains, footnotes };
}

/** The standards the ratings panel has to consider: those eligible, and any with a decision on them. */
export function panelStandards(rating: InspectionRating, setAside: readonly { standardId: string }[]) {
  return rating.standards.filter(
    (s: StandardResult) =>
      s.discretion?.eligible === true || s.discretion?.applied || setAside.some((d) => d.standardId === s.id),
  );
}

const answerWords: Record<string, string> = { yes: 'Yes', no: 'No', 'n/a': 'Not applicable' };

/** A case's answer in plain words: the framework's rules first, then what the inspector answered. */
export function answerText(doesNotApply: string | null, answer: CaseAnswer | null): string {
  if (doesNotApply) return `Does not apply: ${doesNotApply}`;
  return answer ? (answerWords[answer.answer] ?? answer.answer) : 'Not answered';
}
