import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * The password rules (NCSC and NIST 800-63B): long enough, and not one of the ~49,000 most common passwords
 * from breaches (zxcvbn's ranked list, shipped in @zxcvbn-ts/language-common), compared case-insensitively.
 * No rules about character classes: they make passwords harder to remember, not to guess.
 */
export const minimumPasswordLength = 12;
const maximumPasswordLength = 256;

const commonPasswords = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));

/** What is wrong with a password, as a GOV.UK error message; null when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < minimumPasswordLength) return `Password must be ${minimumPasswordLength} characters or more`;
  if (password.length > maximumPasswordLength) return `Password must be ${maximumPasswordLength} characters or fewer`;
  const lower = password.toLowerCase();
  if (commonPasswords.has(lower) || /^(.)\1+$/.test(password))
    return 'Password is too common: choose one that is harder to guess, such as three random words';
  if (email) {
    const address = email.trim().toLowerCase();
    if (lower === address || lower === address.split('@')[0]) return 'Password must not be your email address';
  }
  return null;
}
