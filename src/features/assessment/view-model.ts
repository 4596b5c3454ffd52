import type { Framework } from '../../domain/framework/model.js';
import type { CaseQuestion, StoredAnswer } from './service.js';
import { caseAttributeOptions, type CaseAttribute } from '../cases/index.js';
import { assessedCaseOf, type CaseRow } from '../cases/index.js';
import { caseFactorValue } from '../../domain/rating/applicability.js';
import { t } from '../../platform/i18n/index.js';
import { fieldId, type FormErrors } from '../../platform/web/forms.js';

export const answerLabels: Record<string, string> = { yes: 'Yes', no: 'No', 'n/a': 'Not applicable' };

/** What a key question page's form holds: answers and evidence by question id. */
export interface FormValues {
  answers: Record<string, string>;
  evidence: Record<string, string>;
}

const notRecorded = 'Not recorded';

/** The case's details as summary list rows, in the framework's and the forms' words. */
export function caseSummaryRows(framework: Framework, row: CaseRow, allocatedName: string | null) {
  const { caseDomains, disposalTypes, caseFactors } = framework.file;
  const attribute = (name: CaseAttribute, value: string | null) =>
    value === null ? notRecorded : ((caseAttributeOptions[name] as Record<string, string>)[value] ?? value);
  const assessed = assessedCaseOf(row, {});
  const factorText = (factorId: string) => {
    const recorded = assessed.factors?.[factorId];
    if (recorded !== undefined) return recorded ? 'Yes' : 'No';
    // Not recorded: read as the framework says, from another factor or ruled out by a low classification.
    const steps = framework.factorSteps.get(factorId) ?? [];
    const value = caseFactorValue(steps, assessed);
    if (value === undefined) return 'Not known: the answers decide';
    const from = steps.find(
      (s) => 'factor' in s && s.factor !== factorId && assessed.factors?.[s.factor] !== undefined,
    );
    if (from && 'factor' in from) {
      const label = framework.file.caseFactors.find((f) => f.id === from.factor)?.label ?? from.factor;
      return `${value ? 'Yes' : 'No'} (not recorded: as "${label}")`;
    }
    return 'No (the classification is low)';
  };
  // The third element: the value is fixed words (translated), not what someone entered (shown as it is).
  const rows: [string, string, boolean?][] = [
    ['Case reference', row.ref, false],
    ['Kind of case', caseDomains.find((d) => d.id === row.domain)?.label ?? row.domain],
    [
      'Disposal',
      row.disposal ? (disposalTypes.find((d) => d.id === row.disposal)?.label ?? row.disposal) : notRecorded,
    ],
    ['Sex', attribute('sex', row.sex)],
    ['Ethnicity group', attribute('ethnicityGroup', row.ethnicityGroup)],
    ['Disability', attribute('disability', row.disability)],
    ['Looked after', attribute('lookedAfter', row.lookedAfter)],
    ['Age band', attribute('ageBand', row.ageBand)],
    ['Risk of serious harm (RoSH)', attribute('rosh', row.rosh)],
    ['Safety and wellbeing (SWB)', attribute('swb', row.swb)],
    ...caseFactors.map((f): [string, string] => [f.label, factorText(f.id)]),
    ['Case manager', row.caseManager ?? notRecorded, row.caseManager === null],
    ['Allocated inspector', allocatedName ?? 'Not allocated', allocatedName === null],
    ['Case manager interviewed', row.caseManagerInterviewed ? 'Yes' : 'No'],
  ];
  return rows.map(([key, value, words = true]) => ({ key: { text: key }, value: { text: value }, words }));
}

/** Summary rows in the page's language: the keys, and the values that are the forms' or the framework's words. */
const shown = (rows: ReturnType<typeof caseSummaryRows>) =>
  rows.map(({ key, value, words }) => ({
    key: { text: t(key.text) },
    value: { text: words ? t(value.text) : value.text },
  }));

/** The case's details as the case page shows them, in the page's language. */
export const caseDetailsRows = (framework: Framework, row: CaseRow, allocatedName: string | null) =>
  shown(caseSummaryRows(framework, row, allocatedName));

const cardKeys = new Set([
  'Case reference',
  'Kind of case',
  'Disposal',
  'Risk of serious harm (RoSH)',
  'Safety and wellbeing (SWB)',
  'Case manager',
  'Allocated inspector',
]);

/** The case in view on every assessment page: what decides which questions apply, and whose case it is. */
export function caseCard(framework: Framework, row: CaseRow, allocatedName: string | null) {
  const factorLabels = new Set(framework.file.caseFactors.map((f) => f.label));
  return {
    title: { text: t('Case {{ref}}', { ref: row.ref }) },
    rows: shown(
      caseSummaryRows(framework, row, allocatedName).filter(
        (r) => cardKeys.has(r.key.text) || factorLabels.has(r.key.text),
      ),
    ),
  };
}

/** The form's starting values: what is stored for the case. */
export function storedValues(stored: Record<string, StoredAnswer>): FormValues {
  const values: FormValues = { answers: {}, evidence: {} };
  for (const [id, s] of Object.entries(stored)) {
    values.answers[id] = s.answer;
    values.evidence[id] = s.evidence;
  }
  return values;
}

const stringsOf = (value: unknown): Record<string, string> =>
  typeof value === 'object' && value !== null
    ? Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'))
    : {};

/** The posted form (`answers[2.1.1.3]`, `evidence[2.1.1.3]`, `version`), as typed. */
export function postedForm(body: Record<string, unknown>) {
  const version = typeof body.version === 'string' && /^\d+$/.test(body.version) ? Number(body.version) : undefined;
  return { values: { answers: stringsOf(body.answers), evidence: stringsOf(body.evidence) }, version };
}

/** A question as the template draws it: names, element ids (for the error summary), values and errors. */
export function questionFields(questions: CaseQuestion[], values: FormValues, errors?: FormErrors) {
  return questions.map((question) => {
    const label = question.kind === 'keyQuestion' ? `key question ${question.id}` : `prompt ${question.id}`;
    return {
      ...question,
      label,
      answerName: `answers[${question.id}]`,
      answerId: fieldId(`answers.${question.id}`),
      evidenceName: `evidence[${question.id}]`,
      evidenceId: fieldId(`evidence.${question.id}`),
      answer: values.answers[question.id] ?? '',
      answerText: answerLabels[values.answers[question.id] ?? ''] ?? 'Not answered',
      evidence: values.evidence[question.id] ?? '',
      answerError: errors?.byField[`answers.${question.id}`],
      evidenceError: errors?.byField[`evidence.${question.id}`],
    };
  });
}

/** Side by side for a refused save: what the user sent (not saved) and what someone else saved. */
export function conflictRows(questions: CaseQuestion[], posted: FormValues, stored: Record<string, StoredAnswer>) {
  return questions
    .filter((q) => !q.notApplicableBecause)
    .map((q) => {
      const yours = { answer: posted.answers[q.id] ?? '', evidence: (posted.evidence[q.id] ?? '').trim() };
      const theirs = stored[q.id];
      return {
        id: q.id,
        text: q.text,
        kind: q.kind,
        yours: { answer: answerLabels[yours.answer] ?? 'Not answered', evidence: yours.evidence },
        theirs: theirs && {
          answer: answerLabels[theirs.answer] ?? theirs.answer,
          evidence: theirs.evidence,
          by: theirs.answeredBy ?? 'Unknown user',
          at: theirs.answeredAt,
        },
        // Only an answered question replaces what is saved: an unanswered one leaves it as it is.
        differs:
          yours.answer !== '' && (yours.answer !== theirs?.answer || yours.evidence !== (theirs?.evidence ?? '')),
      };
    });
}

/** A standard's status as the GOV.UK task list shows it. */
export function taskListStatus(status: 'notStarted' | 'inProgress' | 'completed' | 'notApplicable') {
  switch (status) {
    case 'completed':
      return { text: t('Completed') };
    case 'inProgress':
      return { tag: { text: t('In progress'), classes: 'govuk-tag--light-blue' } };
    case 'notStarted':
      return { tag: { text: t('Not started'), classes: 'govuk-tag--blue' } };
    case 'notApplicable':
      return { text: t('Not applicable'), classes: 'govuk-task-list__status--cannot-start-yet' };
  }
}
