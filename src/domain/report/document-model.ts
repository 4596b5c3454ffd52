import type { Framework } from '../framework/model.js';
import type { ReportTexts } from '../framework/report-texts.js';
import type { InspectionRating } from '../rating/types.js';
import { ratingsBoxMonth } from './ratings-box.js';
import { fill, generatedSentences, type DocumentFacts } from './document.js';

export type PlacedSection = 'involvement' | 'diversity';

/** What the report prints around its figures, in the seeds' words; the templates only lay it out. */
export interface ReportDocument {
  titleLead: string;
  place: string;
  publisher: string;
  acknowledgements: string[];
  roleOfInspectorate: string[];
  signatory: { name: string; role: string };
  ratingsBoxFieldwork: string | null;
  recommendationsIntroduction: string;
  background: string[];
  domainHeadings: Record<string, string>;
  domainIntroductions: Record<string, string>;
  standardIntroductions: Record<string, string>;
  /** By case-based standard: "Our rating" and " for assessment is based on the following key questions:". */
  keyQuestionLeads: Record<string, { before: string; after: string }>;
  /** Footnote numbers in reading order, and their texts. */
  footnotes: {
    byDomain: Record<string, number>;
    keyQuestionTable: Record<string, number>;
    /** A key question's applicability note, by key question id; on the table when all share one (Merton 2.4). */
    applicability: Record<string, { table: number | null; byKeyQuestion: Record<string, number> }>;
    /** The discretion footnote sits on the cell of the key question that set the rating (Hackney 3.3's 78%). */
    discretion: Record<string, { number: number; keyQuestionId: string | null }>;
    texts: Record<string, string>;
  };
  /** Sections printed after a standard; those not placed follow the last domain. */
  sectionsAfterStandard: Record<string, PlacedSection[]>;
  unplacedSections: PlacedSection[];
  involvementHeading: string;
  diversityHeading: string;
  furtherInformation: { lead: string; items: string[] };
  /** Annexe 1's sections on how the evidence was gathered and the cases chosen. */
  methodologyAnnexe: { heading: string; paragraphs: string[] }[];
}

type InspectionDates = 'fieldworkStart' | 'secondWeekStart' | 'caseWindowFrom' | 'caseWindowTo';
export interface DocumentInputs extends Omit<DocumentFacts, InspectionDates> {
  framework: Framework;
  rating: InspectionRating;
  signatory: { name: string; role: string };
  inspection: Pick<DocumentFacts, InspectionDates>;
}

const sentenceCase = (title: string) => title.charAt(0).toLowerCase() + title.slice(1);

/** Footnotes numbered as the seeds number them: the ratings box's, then each standard's key-question note and discretion note. */
function footnotesOf(framework: Framework, rating: InspectionRating, texts: ReportTexts) {
  const notes: ReportDocument['footnotes'] = {
    byDomain: {},
    keyQuestionTable: {},
    applicability: {},
    discretion: {},
    texts: {},
  };
  let n = 0;
  const add = (text: string) => {
    n += 1;
    notes.texts[String(n)] = text;
    return n;
  };
  for (const domain of framework.domains) if (domain.footnote) notes.byDomain[domain.id] = add(domain.footnote);
  for (const standard of rating.standards) {
    if (standard.assessment !== 'caseBased') continue;
    notes.keyQuestionTable[standard.id] = add(texts.keyQuestionFootnote);
    if (texts.applicabilityFootnotes)
      notes.applicability[standard.id] = applicabilityNotes(framework, standard.id, add);
    if (standard.discretion?.applied)
      notes.discretion[standard.id] = {
        number: add(standard.discretion.applied.note),
        keyQuestionId: standard.limitingKeyQuestion,
      };
  }
  return notes;
}

/** Applicabilities that exclude cases by their facts (not "all cases", not the inspector's "where applicable"). */
const footnoted = (kind: string) => kind !== 'always' && kind !== 'inspectorDecides';

function applicabilityNotes(framework: Framework, standardId: string, add: (text: string) => number) {
  const keyQuestions = framework.standardById.get(standardId)?.keyQuestions ?? [];
  const labels = keyQuestions.map((kq) =>
    kq.appliesTo && footnoted(kq.appliesTo.when.kind) ? kq.appliesTo.label : null,
  );
  const shared = labels[0] ?? null;
  if (shared !== null && labels.every((l) => l === shared)) return { table: add(shared), byKeyQuestion: {} };
  const byKeyQuestion: Record<string, number> = {};
  keyQuestions.forEach((kq, i) => {
    const label = labels[i];
    if (label) byKeyQuestion[kq.id] = add(label);
  });
  return { table: null, byKeyQuestion };
}

/** The document's words for an inspection. A framework without report texts cannot be printed as HMIP prints it. */
export function documentOf(inputs: DocumentInputs): ReportDocument {
  const texts = inputs.framework.file.report;
  if (!texts) throw new Error(`framework ${inputs.framework.id} has no report texts`);
  const sentences = generatedSentences(texts, { ...inputs, ...inputs.inspection }, inputs.framework.file.sampling);
  const boxMonth = ratingsBoxMonth(inputs.inspection);
  const casesIn = (caseDomain: string | undefined) =>
    caseDomain === undefined || inputs.cases.some((c) => c.domain === caseDomain);
  const [before, after] = texts.keyQuestionTableLead.split('{note}') as [string, string | undefined];
  const placed = new Set(Object.values(texts.sectionsAfterStandard).flat());
  return {
    titleLead: texts.titles[inputs.kind] ?? texts.titles.inspection ?? Object.values(texts.titles)[0]!,
    place: inputs.place,
    publisher: texts.publisher,
    acknowledgements: sentences.acknowledgements,
    roleOfInspectorate: [...texts.roleOfInspectorate],
    signatory: { ...inputs.signatory },
    ratingsBoxFieldwork: boxMonth ? fill(texts.ratingsBoxFieldwork, { month: boxMonth }) : null,
    recommendationsIntroduction: sentences.recommendationsIntroduction,
    background: sentences.background,
    domainHeadings: { ...texts.domainHeadings },
    // A domain's introduction counts its cases; with none inspected yet there is nothing to say.
    domainIntroductions: Object.fromEntries(
      Object.entries(sentences.domainIntroductions).filter(([id]) =>
        casesIn(inputs.framework.domains.find((d) => d.id === id)?.caseDomain),
      ),
    ),
    standardIntroductions: sentences.standardIntroductions,
    keyQuestionLeads: Object.fromEntries(
      inputs.framework.standards
        .filter((s) => s.assessment === 'caseBased')
        .map((s) => [
          s.id,
          {
            before: fill(before, { standard: sentenceCase(s.title) }),
            after: fill(after ?? '', { standard: sentenceCase(s.title) }),
          },
        ]),
    ),
    footnotes: footnotesOf(inputs.framework, inputs.rating, texts),
    sectionsAfterStandard: { ...texts.sectionsAfterStandard },
    unplacedSections: (['involvement', 'diversity'] as const).filter((s) => !placed.has(s)),
    involvementHeading: texts.involvementHeading,
    diversityHeading: texts.diversityHeading,
    furtherInformation: { lead: texts.furtherInformation.lead, items: [...texts.furtherInformation.items] },
    methodologyAnnexe: sentences.methodologyAnnexe,
  };
}
