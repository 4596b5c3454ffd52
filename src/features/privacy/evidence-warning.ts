import { personalDataHints, personalDataWarning } from '../../domain/privacy/personal-data.js';

/**
 * Per question, a warning when its evidence looks like it names a child or gives a date of birth (a year of
 * birth is a child's by the clock's `now`).
 */
export function evidenceWarnings(evidence: Record<string, string>, now: Date): { questionId: string; text: string }[] {
  return Object.entries(evidence).flatMap(([questionId, note]) => {
    const text = personalDataWarning(personalDataHints(note, now));
    return text ? [{ questionId, text }] : [];
  });
}

/**
 * The evidence held back before saving, as field errors (`evidence.<questionId>`): notes that look like personal
 * data and that the user has not confirmed are not personal data. Empty: nothing to hold back.
 */
export function heldBackEvidence(
  evidence: Record<string, string>,
  confirmedNotPersonal: ReadonlySet<string>,
  now: Date,
): Record<string, string> {
  return Object.fromEntries(
    evidenceWarnings(evidence, now)
      .filter((w) => !confirmedNotPersonal.has(w.questionId))
      .map((w) => [
        `evidence.${w.questionId}`,
        `Evidence for ${w.questionId} was not saved. ${w.text} Change it, or confirm it is not personal data`,
      ]),
  );
}
