import type { Framework } from '../framework/model.js';
import { mulberry32, shuffle } from '../sampling/random.js';
import { agreementOf, type Agreement, type Answer } from './agreement.js';

/** One question of one case, answered by both assessors. */
export interface ComparedAnswer {
  caseId: string;
  questionId: string;
  first: Answer;
  second: Answer;
  firstBy: string | null;
  secondBy: string;
}

export interface AgreementRow {
  id: string;
  label: string;
  agreement: Agreement;
}

export interface AgreementBreakdown {
  overall: Agreement;
  keyQuestionsOverall: Agreement;
  promptsOverall: Agreement;
  byStandard: AgreementRow[];
  byKeyQuestion: (AgreementRow & { standardId: string })[];
  byPrompt: (AgreementRow & { keyQuestionId: string })[];
  byPair: { firstBy: string | null; secondBy: string; agreement: Agreement }[];
}

/** Where each question sits in the framework: its standard, its key question, and whether it is a prompt. */
export function questionIndex(framework: Framework) {
  const index = new Map<string, { standardId: string; keyQuestionId: string; isPrompt: boolean; text: string }>();
  for (const standard of framework.standards)
    for (const keyQuestion of standard.keyQuestions) {
      index.set(keyQuestion.id, {
        standardId: standard.id,
        keyQuestionId: keyQuestion.id,
        isPrompt: false,
        text: keyQuestion.text,
      });
      for (const prompt of keyQuestion.prompts)
        index.set(prompt.id, {
          standardId: standard.id,
          keyQuestionId: keyQuestion.id,
          isPrompt: true,
          text: prompt.text,
        });
    }
  return index;
}

function grouped<K>(compared: readonly ComparedAnswer[], keyOf: (c: ComparedAnswer) => K | undefined) {
  const groups = new Map<K, ComparedAnswer[]>();
  for (const c of compared) {
    const key = keyOf(c);
    if (key === undefined) continue;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return groups;
}

/** Agreement per standard, key question, prompt and pair of assessors, in the framework's order. */
export function agreementBreakdown(framework: Framework, compared: readonly ComparedAnswer[]): AgreementBreakdown {
  const index = questionIndex(framework);
  const known = compared.filter((c) => index.has(c.questionId));
  const where = (c: ComparedAnswer) => index.get(c.questionId)!;
  const byStandard = grouped(known, (c) => where(c).standardId);
  const byKeyQuestion = grouped(known, (c) => (where(c).isPrompt ? undefined : c.questionId));
  const byPrompt = grouped(known, (c) => (where(c).isPrompt ? c.questionId : undefined));
  const byPair = grouped(known, (c) => `${c.firstBy ?? ''}|${c.secondBy}`);
  const standards = framework.standards.filter((s) => byStandard.has(s.id));
  return {
    overall: agreementOf(known),
    keyQuestionsOverall: agreementOf(known.filter((c) => !where(c).isPrompt)),
    promptsOverall: agreementOf(known.filter((c) => where(c).isPrompt)),
    byStandard: standards.map((s) => ({
      id: s.id,
      label: `${s.id} ${s.title}`,
      agreement: agreementOf(byStandard.get(s.id)!),
    })),
    byKeyQuestion: standards.flatMap((s) =>
      s.keyQuestions
        .filter((k) => byKeyQuestion.has(k.id))
        .map((k) => ({ id: k.id, label: k.text, standardId: s.id, agreement: agreementOf(byKeyQuestion.get(k.id)!) })),
    ),
    byPrompt: standards.flatMap((s) =>
      s.keyQuestions.flatMap((k) =>
        k.prompts
          .filter((p) => byPrompt.has(p.id))
          .map((p) => ({ id: p.id, label: p.text, keyQuestionId: k.id, agreement: agreementOf(byPrompt.get(p.id)!) })),
      ),
    ),
    byPair: [...byPair.entries()].map(([key, rows]) => {
      const [firstBy, secondBy] = key.split('|') as [string, string];
      return { firstBy: firstBy || null, secondBy, agreement: agreementOf(rows) };
    }),
  };
}

/** The standards where assessors agree least: lowest percentage agreement first, ties by fewer cases. */
export function leastAgreed(rows: readonly AgreementRow[], count = 3): AgreementRow[] {
  return [...rows]
    .filter((row) => row.agreement.percentAgreement !== null)
    .sort(
      (a, b) =>
        a.agreement.percentAgreement! - b.agreement.percentAgreement! || a.agreement.compared - b.agreement.compared,
    )
    .slice(0, count);
}

/**
 * A share of the cases drawn at random with a seed, so the same cases, percentage and seed draw the same
 * cases again: at least one case, rounded up (20% of 12 cases is 3).
 */
export function drawForModeration(caseIds: readonly string[], percent: number, seed: number): string[] {
  const sorted = [...caseIds].sort();
  const count = Math.min(sorted.length, Math.max(1, Math.ceil((sorted.length * percent) / 100)));
  return shuffle(sorted, mulberry32(seed)).slice(0, count).sort();
}
