import { longDate } from '../dates.js';
import type { ReportTexts } from '../framework/report-texts.js';
import type { SamplingRule } from '../framework/sampling-rule.js';
import type { ReportCase } from './sample-facts.js';

const words = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** A count as the reports write it: words from one to nine, figures from 10 ("five youth cautions", "17 cases"). */
export const countInWords = (n: number): string => words[n] ?? n.toLocaleString('en-GB');

/**
 * Fills {name} placeholders; {Name} is the same value starting a sentence ("Nine of the cases"). An unknown
 * name is left as written, so a typo in the data shows in the report.
 */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (name in values) return String(values[name]);
    const lower = name.charAt(0).toLowerCase() + name.slice(1);
    if (lower === name || !(lower in values)) return whole;
    const value = String(values[lower]);
    return value.charAt(0).toUpperCase() + value.slice(1);
  });
}

/** "a, b and c", as the reports list disposals. */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** "2023-02-06" as the background paragraph prints it: "06 February 2023". */
export const reportDate = (isoDate: string): string => longDate(isoDate, { twoDigitDay: true });

/** The disposals of a case domain in the reports' words: "five youth conditional cautions, seven youth cautions and six community resolutions". */
export function disposalMix(texts: ReportTexts, caseDomain: string, cases: readonly ReportCase[]): string {
  const ofDomain = cases.filter((c) => c.domain === caseDomain);
  return listInWords(
    (texts.disposalGroups[caseDomain] ?? []).flatMap((group) => {
      const n = ofDomain.filter((c) => c.disposal !== null && group.disposals.includes(c.disposal)).length;
      return n === 0 ? [] : [`${countInWords(n)} ${n === 1 ? group.one : group.many}`];
    }),
  );
}

export interface DocumentFacts {
  service: string;
  place: string;
  kind: string;
  leadInspector: string | null;
  fieldworkStart: string | null;
  secondWeekStart: string | null;
  caseWindowFrom: string | null;
  caseWindowTo: string | null;
  meetings: number;
  cases: readonly ReportCase[];
  recommendationCount: number;
}

/** The generated sentences of the report: every figure in them from the inspection, every word from the framework. */
export function generatedSentences(texts: ReportTexts, facts: DocumentFacts, sampling?: SamplingRule) {
  const inDomain = (domain: string) => facts.cases.filter((c) => c.domain === domain);
  const interviewed = (domain?: string) =>
    facts.cases.filter((c) => c.caseManagerInterviewed && (domain === undefined || c.domain === domain)).length;
  const values: Record<string, string | number> = {
    service: facts.service,
    place: facts.place,
    leadInspector: facts.leadInspector ?? '',
    meetings: countInWords(facts.meetings),
    count: countInWords(facts.recommendationCount),
    caseManagerInterviews: countInWords(interviewed()),
    courtSentences: disposalMix(texts, 'court', facts.cases),
    outOfCourtCases: countInWords(inDomain('outOfCourt').length),
    outOfCourtMix: disposalMix(texts, 'outOfCourt', facts.cases),
    outOfCourtInterviews: countInWords(interviewed('outOfCourt')),
    resettlementCases: countInWords(inDomain('resettlement').length),
    courtCases: countInWords(inDomain('court').length),
    ...(sampling && {
      confidencePercent: sampling.confidencePercent,
      marginOfErrorPoints: countInWords(sampling.marginOfErrorPoints),
      courtPercent: sampling.split.courtPercent,
      outOfCourtPercent: sampling.split.outOfCourtPercent,
      stratifiedBy: listInWords(sampling.stratifiedBy),
      ...Object.fromEntries(
        Object.entries(sampling.caseWindows).flatMap(([domain, w]) => [
          [`${domain}FromMonths`, countInWords(w.fromMonths)],
          [`${domain}ToMonths`, countInWords(w.toMonths)],
        ]),
      ),
    }),
  };
  const b = texts.backgroundIntroduction;
  const background: string[] = [];
  if (facts.fieldworkStart)
    background.push(
      facts.secondWeekStart
        ? fill(b.twoWeeks, {
            ...values,
            firstWeek: reportDate(facts.fieldworkStart),
            secondWeek: reportDate(facts.secondWeekStart),
          })
        : fill(b.oneWeek, { ...values, firstWeek: reportDate(facts.fieldworkStart) }),
    );
  if (facts.caseWindowFrom && facts.caseWindowTo)
    background.push(
      fill(b.caseWindows, { from: reportDate(facts.caseWindowFrom), to: reportDate(facts.caseWindowTo) }),
    );
  background.push(fill(b.interviews, values));
  const joinedBy = texts.acknowledgements.joinedBy[facts.kind];
  return {
    acknowledgements: [
      ...(facts.leadInspector ? [fill(texts.acknowledgements.ledBy, values)] : []),
      ...(joinedBy ? [joinedBy] : []),
      texts.acknowledgements.thanks,
    ],
    recommendationsIntroduction: fill(texts.recommendationsIntroduction, values),
    background,
    domainIntroductions: Object.fromEntries(
      Object.entries(texts.domainIntroductions).map(([id, t]) => [id, fill(t, values)]),
    ),
    standardIntroductions: Object.fromEntries(
      Object.entries(texts.standardIntroductions).map(([id, t]) => [id, fill(t, values)]),
    ),
    methodologyAnnexe: texts.methodologyAnnexe.map((section) => ({
      heading: section.heading,
      paragraphs: section.paragraphs.map((p) => fill(p, values)),
    })),
  };
}
