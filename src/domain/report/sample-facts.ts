import type { Framework } from '../framework/model.js';

/** What the report needs of a case: its kind, disposal and the characteristics the diversity tables count. */
export interface ReportCase {
  domain: string;
  disposal: string | null;
  sex: string | null;
  ethnicityGroup: string | null;
  disability: string | null;
  caseManagerInterviewed: boolean;
}

export interface Tally {
  label: string;
  count: number;
}

export interface SampleFacts {
  fieldworkStart: string | null;
  fieldworkEnd: string | null;
  secondWeekStart: string | null;
  caseWindowFrom: string | null;
  caseWindowTo: string | null;
  caseManagerInterviews: number;
  meetings: number;
  domains: {
    id: string;
    label: string;
    cases: number;
    disposals: Tally[];
    diversity: { sex: Tally[]; ethnicity: Tally[]; disability: Tally[] };
  }[];
}

const notRecorded = 'Not recorded';

/** 'veryHigh' or 'mixed' as a table prints it: 'Very high', 'Mixed'. */
function wordsOf(value: string): string {
  const spaced = value.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function tally(values: readonly (string | null)[], label: (value: string) => string): Tally[] {
  const counts = new Map<string, number>();
  for (const value of values) {
    const key = value ? label(value) : notRecorded;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  // Largest first, as the reports list them; 'Not recorded' last.
  return [...counts]
    .map(([l, count]) => ({ label: l, count }))
    .sort(
      (a, b) =>
        Number(a.label === notRecorded) - Number(b.label === notRecorded) ||
        b.count - a.count ||
        a.label.localeCompare(b.label),
    );
}

/** The sample and fieldwork facts of the background section, and the diversity of the inspected cases per domain. */
export function factsOf(
  framework: Framework,
  inspection: {
    fieldworkStart: string | null;
    fieldworkEnd: string | null;
    secondWeekStart: string | null;
    caseWindowFrom: string | null;
    caseWindowTo: string | null;
  },
  cases: readonly ReportCase[],
  meetings: number,
): SampleFacts {
  const disposalLabel = new Map(framework.file.disposalTypes.map((d) => [d.id, d.label]));
  return {
    fieldworkStart: inspection.fieldworkStart,
    fieldworkEnd: inspection.fieldworkEnd,
    secondWeekStart: inspection.secondWeekStart,
    caseWindowFrom: inspection.caseWindowFrom,
    caseWindowTo: inspection.caseWindowTo,
    caseManagerInterviews: cases.filter((c) => c.caseManagerInterviewed).length,
    meetings,
    domains: framework.file.caseDomains
      .map((domain) => {
        const ofDomain = cases.filter((c) => c.domain === domain.id);
        return {
          id: domain.id,
          label: domain.label,
          cases: ofDomain.length,
          disposals: tally(
            ofDomain.map((c) => c.disposal),
            (d) => disposalLabel.get(d) ?? wordsOf(d),
          ),
          diversity: {
            sex: tally(
              ofDomain.map((c) => c.sex),
              wordsOf,
            ),
            ethnicity: tally(
              ofDomain.map((c) => c.ethnicityGroup),
              wordsOf,
            ),
            disability: tally(
              ofDomain.map((c) => c.disability),
              (d) => (d === 'yes' ? 'Disability recorded' : d === 'no' ? 'No disability recorded' : wordsOf(d)),
            ),
          },
        };
      })
      .filter((d) => d.cases > 0),
  };
}
