import type { Framework } from '../framework/model.js';
import type { PopulationRules } from './mapped-population.js';

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

/** A framework's words for the population's domains and disposals (ids, labels, common abbreviations). */
export function frameworkPopulationRules(framework: Framework): Required<Omit<PopulationRules, 'window'>> {
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
