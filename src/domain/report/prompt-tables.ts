import type { Framework } from '../framework/model.js';
import type { StandardResult } from '../rating/types.js';
import { fill } from './document.js';

export interface PromptTable {
  keyQuestionId: string;
  keyQuestionText: string;
  /** The sub-sample the prompts were asked of: "Of the 8 cases where there were changes in factors related to desistance:". */
  heading: string | null;
  prompts: { id: string; text: string; relevant: number; yes: number; percent: number | null }[];
}

/**
 * The heading the framework gives a key question's sub-sample, the most specific first: the key question's
 * own (Merton words 3.3's differently from 2.3's), its applicability and aspect ("reviewRequired.desistance"),
 * then its applicability.
 */
export function subSampleHeading(framework: Framework, keyQuestionId: string, relevant: number | null): string | null {
  const found = framework.keyQuestionById.get(keyQuestionId)?.keyQuestion;
  const headings = framework.file.report?.promptTableHeadings;
  if (!found?.appliesTo || !headings || relevant === null) return null;
  const template =
    headings[keyQuestionId] ?? headings[`${found.appliesTo.id}.${found.aspect ?? ''}`] ?? headings[found.appliesTo.id];
  return template ? fill(template, { relevant }) : null;
}

/** A standard's prompt tables, one per key question with prompt figures, headed by its sub-sample. */
export function promptTablesOf(framework: Framework, standard: StandardResult): PromptTable[] {
  return standard.keyQuestions
    .filter((kq) => kq.prompts && kq.prompts.length > 0)
    .map((kq) => ({
      keyQuestionId: kq.id,
      keyQuestionText: kq.text,
      heading: subSampleHeading(framework, kq.id, kq.relevant),
      prompts: kq.prompts!.map((p) => ({
        id: p.id,
        text: p.text,
        relevant: p.relevant,
        yes: p.yes,
        percent: p.percent,
      })),
    }));
}
