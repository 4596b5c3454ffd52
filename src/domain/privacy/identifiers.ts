/**
 * Numbers and places that identify a person: NHS number (with its check digit), Police National Computer
 * reference, National Insurance number, UK phone number, address (postcode or a numbered street). Pure.
 */
export type IdentifierKind = 'nhsNumber' | 'pnc' | 'nationalInsurance' | 'phone' | 'address';

export interface IdentifierMatch {
  kind: IdentifierKind;
  at: number;
  found: string;
}

/** The NHS number's modulus 11 check: weights 10 down to 2 over the first nine digits. */
export function validNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

const nhsShaped = /\b\d{3}[ -]?\d{3}[ -]?\d{4}\b/g;
// Year, then up to seven digits, then a check letter: 08/123456X (the PNC ID, with or without the full year).
const pncShaped = /\b(?:\d{2}|\d{4})\/\d{1,7}[A-HJ-NP-Z]\b/g;
// Two prefix letters (not D, F, I, Q, U or V; the second not O), six digits, a suffix A to D.
const nationalInsuranceShaped = /\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/gi;
const phoneShaped = /(?:\+44 ?\(?0?\)? ?|\b0)(?:7\d{3}|[1-3]\d{2,4}|8\d{2})[ -]?\d{3}[ -]?\d{3,4}\b/g;
const postcode = /\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?) ?\d[ABD-HJLNP-UW-Z]{2}\b/g;
const streets =
  'Road|Street|Avenue|Lane|Close|Drive|Way|Crescent|Grove|Place|Gardens|Terrace|Square|Hill|Mews|Row|Walk|Rise|Rd|St|Ave';
const numberedStreet = new RegExp(`\\b\\d{1,4}[A-Za-z]?,? (?:[A-Z][a-z'’-]+ ){1,3}(?:${streets})\\b\\.?`, 'g');

export function identifiersIn(text: string): IdentifierMatch[] {
  const found: IdentifierMatch[] = [];
  const add = (kind: IdentifierKind, m: RegExpMatchArray) => found.push({ kind, at: m.index!, found: m[0] });
  for (const m of text.matchAll(nhsShaped)) if (validNhsNumber(m[0].replace(/\D/g, ''))) add('nhsNumber', m);
  for (const m of text.matchAll(pncShaped)) add('pnc', m);
  for (const m of text.matchAll(nationalInsuranceShaped)) add('nationalInsurance', m);
  for (const m of text.matchAll(phoneShaped))
    if (!found.some((f) => f.kind === 'nhsNumber' && f.at <= m.index && m.index < f.at + f.found.length))
      add('phone', m);
  for (const m of text.matchAll(postcode)) add('address', m);
  for (const m of text.matchAll(numberedStreet)) add('address', m);
  return found;
}
