import { identifiersIn, type IdentifierKind } from './identifiers.js';

/**
 * Does a free-text note look like it holds a child's name, date of birth, address, phone number or a national
 * identifier? Case data must stay pseudonymous, so a note that looks like it is held back until the inspector
 * changes it or confirms it is not personal data (the patterns are guesses: "Mr Jones, the case manager" may
 * be fine). Pure: text in, hints out.
 */
export interface PersonalDataHint {
  kind: 'dateOfBirth' | 'name' | IdentifierKind;
  /** The words that looked like it, as found. */
  found: string;
}

const months =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';
const dateOfBirthWords = /\b(?:d\.?o\.?b\.?|date of birth|born (?:on|in)|birthday)(?=\W|$)/gi;
const datePatterns = [
  /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b/g, // 14/03/2008, 14.3.08
  new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:${months})\\.? (\\d{4})\\b`, 'gi'), // 14 March 2008
  new RegExp(`\\b(?:${months})\\.? \\d{1,2}(?:st|nd|rd|th)?,? (\\d{4})\\b`, 'gi'), // March 14, 2008
  /\b(\d{4})-\d{2}-\d{2}\b/g, // 2008-03-14
];
const titles = /\b(?:Mr|Mrs|Ms|Miss|Mx|Master)\.? [A-Z][a-z'’-]+/g;
const introduced = /\b(?:named|called|name is|known as|aka) ([A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+)?)/g;
const nameShaped = /\b([A-Z][a-z'’-]+) ([A-Z][a-z'’-]{1,})\b/g;

/** Capitalised words that are not people in inspection notes: roles, services, places, time, sentence openers. */
const notNames = new Set(
  `the this that these those there then when where what which while after before during since until a an and but or
   if in on at to for from with by of as it its he she they his her their them we our us i you your my me is was were
   has had have did does do not no yes all any some each every both one two three four five first second last next
   case child children childs young person people parent parents carer carers mother father mum dad family families
   youth justice service services team teams court courts order orders council councils police board boards
   probation social care health school schools education local authority authorities officer officers manager
   managers worker workers panel panels plan plans planning assessment assessments asset assetplus referral
   rehabilitation custody custodial resettlement safety wellbeing risk serious harm community resolution caution
   conditional triage outcome management partnership partnerships multi agency agencies hub safeguarding
   england wales london borough county city north south east west central hmip inspectorate ofsted inspection
   inspector inspectors lead chair head quality review reviewing implementation delivery desistance
   monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
   september october november december spring summer autumn winter term christmas easter
   evidence interview interviews meeting meetings survey document documents report reports staff volunteer
   group groups programme programmes project projects centre center house unit units department office mental
   speech language therapy therapist nurse doctor gp hospital camhs mash mappa send ete salt slt rj yot yos yjs
   victim victims liaison contact contacts intervention interventions session sessions support supervision
   good outstanding requires improvement inadequate yes strengths areas area overall key question questions
   mr mrs ms miss mx master dr met spoke saw visited attended`
    .split(/\s+/)
    .filter(Boolean),
);

const isNameWord = (word: string) => !notNames.has(word.toLowerCase().replace(/['’]s$/, ''));

function birthYearLikely(year: number, now: Date): boolean {
  const full = year < 100 ? (year > now.getFullYear() % 100 ? 1900 + year : 2000 + year) : year;
  // A child in the youth justice system, or a young adult still under supervision: 8 to 30 years old.
  const age = now.getFullYear() - full;
  return age >= 8 && age <= 30;
}

const overlaps = (h: { at: number; hint: PersonalDataHint }, at: number, length: number) =>
  at < h.at + h.hint.found.length && h.at < at + length;

/** The hints found in the text, in order; empty when it looks clean. `now` dates a year of birth as a child's. */
export function personalDataHints(text: string, now: Date): PersonalDataHint[] {
  const hints: { at: number; hint: PersonalDataHint }[] = [];
  const add = (at: number, kind: PersonalDataHint['kind'], found: string) => {
    if (!hints.some((h) => h.at === at)) hints.push({ at, hint: { kind, found } });
  };
  for (const m of text.matchAll(dateOfBirthWords)) add(m.index, 'dateOfBirth', m[0]);
  for (const pattern of datePatterns)
    for (const m of text.matchAll(pattern)) {
      const year = Number(pattern === datePatterns[0] ? m[3] : m[1]);
      if (birthYearLikely(year, now)) add(m.index, 'dateOfBirth', m[0]);
    }
  for (const m of identifiersIn(text)) add(m.at, m.kind, m.found);
  for (const m of text.matchAll(titles)) add(m.index, 'name', m[0]);
  for (const m of text.matchAll(introduced)) if (isNameWord(m[1]!.split(' ')[0]!)) add(m.index, 'name', m[0]);
  for (const m of text.matchAll(nameShaped))
    if (isNameWord(m[1]!) && isNameWord(m[2]!) && !hints.some((h) => overlaps(h, m.index, m[0].length)))
      add(m.index, 'name', m[0]);
  return hints.sort((a, b) => a.at - b.at).map((h) => h.hint);
}

const kindWords: Record<PersonalDataHint['kind'], string> = {
  name: 'a name',
  dateOfBirth: 'a date of birth',
  address: 'an address',
  phone: 'a phone number',
  nhsNumber: 'an NHS number',
  pnc: 'a Police National Computer number',
  nationalInsurance: 'a National Insurance number',
};

/** One sentence for the warning: what kinds of thing were found, with the words. */
export function personalDataWarning(hints: readonly PersonalDataHint[]): string | null {
  if (hints.length === 0) return null;
  const kinds = [...new Set(hints.map((h) => kindWords[h.kind]))];
  const what = kinds.length === 1 ? kinds[0] : `${kinds.slice(0, -1).join(', ')} or ${kinds.at(-1)}`;
  return `This may contain ${what} (${hints.map((h) => `“${h.found}”`).join(', ')}). Case notes must be pseudonymous: use the case reference instead.`;
}
