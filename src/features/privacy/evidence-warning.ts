import { personalDataHints, personalDataWarning } from '../../domain/privacy/personal-data.js';

/** Per question, a warning when its evidence looks like it names a child or gives a date of birth. */
export function evidenceWarnings(evidence: Record<string, string>): { questionId: string; text: string }[] {
  return Object.entries(evidence).flatMap(([questionId, note]) => {
    const text = personalDataWarning(personalDataHints(note));
    return text ? [{ questionId, text }] : [];
  });
}
