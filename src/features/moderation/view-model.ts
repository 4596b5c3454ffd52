import type { Agreement, Estimate } from '../../domain/agreement/agreement.js';
import type { AgreementBreakdown } from '../../domain/agreement/breakdown.js';
import { readingOf } from '../../domain/agreement/reading.js';
import { t } from '../../platform/i18n/index.js';

export const answerLabels: Record<string, string> = { yes: 'Yes', no: 'No', 'n/a': 'Not applicable' };

export const decisionChoices = (selected?: string) =>
  Object.entries(answerLabels).map(([value, text]) => ({ value, text: t(text), checked: value === selected }));

/** Where a selected case's two assessments are, in the words the overview shows. */
export function caseStatus(c: { firstComplete: boolean; secondCompletedAt: Date | null }) {
  if (c.firstComplete && c.secondCompletedAt) return { text: 'Compared', classes: 'govuk-tag--green' };
  if (c.secondCompletedAt) return { text: 'Waiting for the first assessment', classes: 'govuk-tag--yellow' };
  if (c.firstComplete) return { text: 'Waiting for the moderator', classes: 'govuk-tag--blue' };
  return { text: 'Both assessments in progress', classes: 'govuk-tag--grey' };
}

const figure = (e: Estimate | null) =>
  e
    ? {
        value: e.value.toFixed(2),
        low: e.low.toFixed(2),
        high: e.high.toFixed(2),
        interval: `${e.low.toFixed(2)} to ${e.high.toFixed(2)}`,
      }
    : null;

/**
 * A reading (readingOf) in the page's language: its sentences are held one by one in the catalogue, with their
 * figures and words as placeholders, so each is translated on its own.
 */
export const readingText = (reading: string) =>
  reading
    .split(/(?<=\.) (?=[A-Z])/)
    .map((sentence) => t(sentence))
    .join(' ');

export interface AgreementTableRow {
  level: 'Overall' | 'Key questions' | 'Prompts' | 'Standard' | 'Key question' | 'Prompt' | 'Assessors';
  id: string;
  label: string;
  agreement: Agreement;
  percent: string;
  kappa: { value: string; low: string; high: string; interval: string } | null;
  ac1: { value: string; low: string; high: string; interval: string } | null;
  reading: string;
  /** Of a standard: its title alone (the label is "id title"), for the page to translate. */
  title?: string;
  /** Of a pair of assessors: their names (null where unknown), for the page to join in its language. */
  pair?: { first: string | null; second: string | null };
}

const rowOf = (
  level: AgreementTableRow['level'],
  id: string,
  label: string,
  agreement: Agreement,
): AgreementTableRow => ({
  level,
  id,
  label,
  agreement,
  percent: agreement.percentAgreement === null ? '' : `${Math.round(agreement.percentAgreement)}%`,
  kappa: figure(agreement.kappa),
  ac1: figure(agreement.ac1),
  reading: readingOf(agreement),
});

/** A standard's title from its breakdown label ("2.1 Assessment"), for the page to translate. */
export const standardTitle = (row: { id: string; label: string }) =>
  row.label.startsWith(`${row.id} `) ? row.label.slice(row.id.length + 1) : row.label;

/** Every row of the agreement tables and downloads, overall first, then per standard, question and pair. */
export function agreementRows(breakdown: AgreementBreakdown, names: ReadonlyMap<string, string>) {
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? 'Unknown') : 'Unknown');
  return {
    summary: [
      rowOf('Overall', 'all', 'Every question', breakdown.overall),
      rowOf('Key questions', 'keyQuestions', 'Key questions', breakdown.keyQuestionsOverall),
      rowOf('Prompts', 'prompts', 'Prompts', breakdown.promptsOverall),
    ],
    standards: breakdown.byStandard.map((r) => ({
      ...rowOf('Standard', r.id, r.label, r.agreement),
      title: standardTitle(r),
    })),
    keyQuestions: breakdown.byKeyQuestion.map((r) => rowOf('Key question', r.id, r.label, r.agreement)),
    prompts: breakdown.byPrompt.map((r) => rowOf('Prompt', r.id, r.label, r.agreement)),
    pairs: breakdown.byPair.map((p) => ({
      ...rowOf(
        'Assessors',
        `${p.firstBy ?? ''}/${p.secondBy}`,
        `${nameOf(p.firstBy)} and ${nameOf(p.secondBy)}`,
        p.agreement,
      ),
      pair: { first: p.firstBy ? (names.get(p.firstBy) ?? null) : null, second: names.get(p.secondBy) ?? null },
    })),
  };
}
export type AgreementRows = ReturnType<typeof agreementRows>;

/** Each standard's figure and band before and after moderation's decisions. */
export function effectRows(
  effect: {
    id: string;
    title: string;
    before: { percent: number | null; band: string | null };
    now: { percent: number | null; band: string | null };
    changed: boolean;
  }[],
) {
  const shown = (x: { percent: number | null; band: string | null }) =>
    `${x.percent === null ? t('No figure') : `${x.percent}%`}${x.band ? `, ${t(x.band)}` : ''}`;
  return effect.map((e) => ({ ...e, beforeText: shown(e.before), nowText: shown(e.now) }));
}

/** The service's rounds in time order, each with its overall agreement, for the table across rounds. */
export function agreementOverRounds(
  rounds: { id: string; title: string; fieldworkStart: string | null; agreement: Agreement }[],
) {
  return rounds.map((r) => rowOf('Overall', r.id, r.title, r.agreement));
}
