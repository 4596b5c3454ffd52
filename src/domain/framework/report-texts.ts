import { z } from 'zod';

const text = z.string().trim().min(1);

/**
 * The words of the published report that belong to the framework version, not to one inspection: titles,
 * standing paragraphs, sentence templates ({name} placeholders filled from the inspection's facts), footnotes.
 */
export const reportTextsSchema = z.strictObject({
  publisher: text,
  /** The title's lead-in by inspection kind, e.g. "A joint inspection of youth justice services in". */
  titles: z.record(z.string(), text),
  acknowledgements: z.strictObject({
    ledBy: text,
    /** By inspection kind: who joined the inspectorate (joint inspections). */
    joinedBy: z.record(z.string(), text),
    thanks: text,
  }),
  /** Standing paragraphs after the acknowledgements ("The role of HM Inspectorate of Probation"). */
  roleOfInspectorate: z.array(text),
  /** The ratings box's fieldwork line: {month} is the month the main fieldwork week started. */
  ratingsBoxFieldwork: text,
  recommendationsIntroduction: text,
  /** The heading of a group of recommendations whose body is not named: {actor} is the default name. */
  recommendationHeading: text,
  /** Default names of who must act, by actor; {service} is the service's name. */
  actorNames: z.record(z.string(), text),
  backgroundIntroduction: z.strictObject({
    oneWeek: text,
    twoWeeks: text,
    caseWindows: text,
    interviews: text,
  }),
  /** By domain id: the domain's heading as the reports print it. */
  domainHeadings: z.record(z.string(), text),
  /** By domain id: the paragraph that opens the domain. */
  domainIntroductions: z.record(z.string(), text),
  /** By case domain: how the introductions name the disposals, in the reports' order. */
  disposalGroups: z.record(
    z.string(),
    z.array(z.strictObject({ disposals: z.array(text).min(1), one: text, many: text })),
  ),
  /** By standard id: the paragraph that opens a judged standard's findings. */
  standardIntroductions: z.record(z.string(), text),
  keyQuestionTableLead: text,
  /**
   * A prompt table's heading, its sub-sample: by the key question's id (where a report words one its own way),
   * its applicability id, or "id.aspect" where one applicability makes several sub-samples (reviewing).
   * {relevant} is the key question's relevant cases.
   */
  promptTableHeadings: z.record(z.string(), text),
  keyQuestionFootnote: text,
  /**
   * Whether a key question that applies only to some cases carries its applicability's label as a footnote
   * (Merton, 2018: "This question is only relevant in cases where …"); one note on the table when every key
   * question of the standard shares it (2.4's reviewing). The 2021 reports print none.
   */
  applicabilityFootnotes: z.boolean().optional(),
  /** Sections printed after a standard (involvement and diversity inside domain one, in 2021). */
  sectionsAfterStandard: z.record(z.string(), z.array(z.enum(['involvement', 'diversity']))),
  involvementHeading: text,
  diversityHeading: text,
  /** Annexe 1's sections: {placeholders} from the inspection's facts and the framework's sampling rule. */
  methodologyAnnexe: z.array(z.strictObject({ heading: text, paragraphs: z.array(text).min(1) })),
  furtherInformation: z.strictObject({ lead: text, items: z.array(text).min(1) }),
});

export type ReportTexts = z.infer<typeof reportTextsSchema>;
