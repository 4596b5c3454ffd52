import type { inspections } from '../../../platform/db/core-tables.js';
import type { Framework } from '../../../domain/framework/model.js';
import type { PopulationRules } from '../../../domain/sampling/mapped-population.js';
import { timelineOf } from '../../timeline/index.js';

type Inspection = typeof inspections.$inferSelect;

const squash = (word: string) => word.toLowerCase().replace(/[^a-z0-9]+/g, '');

/** Abbreviations case management systems use for disposals, to the framework's ids. */
const disposalAbbreviations: Record<string, string> = {
  ro: 'referralOrder',
  yro: 'youthRehabilitationOrder',
  dto: 'custodialSentence',
  cr: 'communityResolution',
  yc: 'youthCaution',
  ycc: 'youthConditionalCaution',
  o22: 'outcome22',
};

/** The case window the population is checked against: stored or proposed on the timeline, if known. */
export function caseWindowOf(inspection: Inspection): { from: string; to: string } | null {
  const { caseWindowFrom, caseWindowTo } = timelineOf(inspection).dates;
  return caseWindowFrom.date && caseWindowTo.date ? { from: caseWindowFrom.date, to: caseWindowTo.date } : null;
}

/** The inspection's rules for its population: its window, its framework's domains and disposals. */
export function populationRules(inspection: Inspection, framework: Framework): PopulationRules {
  const { caseDomains, disposalTypes } = framework.file;
  const domains = new Map<string, string>();
  for (const d of caseDomains) for (const word of [d.id, d.label]) domains.set(squash(word), d.id);
  const disposals = new Map<string, (typeof disposalTypes)[number]>();
  for (const d of disposalTypes) for (const word of [d.id, d.label]) disposals.set(squash(word), d);
  for (const [abbreviation, id] of Object.entries(disposalAbbreviations)) {
    const disposal = disposalTypes.find((d) => d.id === id);
    if (disposal) disposals.set(abbreviation, disposal);
  }
  const domainLabel = (id: string) => caseDomains.find((d) => d.id === id)?.label.toLowerCase() ?? id;
  return {
    window: caseWindowOf(inspection),
    domainOf: (cell) => {
      const id = domains.get(squash(cell));
      return id ? { id } : { problem: `"${cell}" is not one of ${caseDomains.map((d) => d.id).join(', ')}` };
    },
    disposalOf: (domain, cell) => {
      const disposal = disposals.get(squash(cell));
      if (!disposal)
        return {
          problem: `"${cell}" is not a disposal type of ${domainLabel(domain)}: ${disposalTypes
            .filter((d) => d.caseDomain === domain)
            .map((d) => d.label)
            .join(', ')}`,
        };
      if (disposal.caseDomain !== domain)
        return { problem: `${disposal.label} is not a disposal of ${domainLabel(domain)}` };
      return { id: disposal.id };
    },
  };
}
