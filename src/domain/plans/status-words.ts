import { isIsoDate, type IsoDate } from '../dates.js';
import type { ActionStatus } from './model.js';
import { endOfMonth } from './months.js';

/**
 * Reads a plan's status column as people write it (Ealing App. B): "Completed Nov", "Oct 2023", "Ongoing",
 * "In progress Feb 2024", "Planned for April 24". The words become a status and dates where they can, read as
 * the plan means them; the original text is always kept, and `understood` says how much of it was read.
 */
export interface ParsedStatus {
  status: ActionStatus;
  targetDate: IsoDate | null;
  completionDate: IsoDate | null;
  /** 'fully': every word read; 'partly': status read, some words only kept; 'not': status guessed from dates. */
  understood: 'fully' | 'partly' | 'not';
  text: string;
}

export interface StatusContext {
  /** Resolves a month without a year: the first such month on or after the commencement month. */
  commencementDate: IsoDate | null;
  /** The date the status column describes: a bare month after it is a target, on or before it a completion. */
  asAt: IsoDate;
}

const monthIndex: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
}; // prettier-ignore

const monthWord =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
/** "Nov", "Nov 23", "November 2023", "Sept 2023", "26/09/2023", "2023-09-26". */
const datePattern = new RegExp(
  `^(?:${monthWord}\\.?(?:\\s+(\\d{4}|\\d{2}))?(?![a-z0-9])|(\\d{1,2})/(\\d{1,2})/(\\d{4})|(\\d{4}-\\d{2}-\\d{2}))`,
  'i',
);

/** A date at the start of `text`, and the rest; a month alone is its last day (due "by April" means by its end). */
export function leadingDate(
  text: string,
  context: StatusContext,
): { date: IsoDate; rest: string; monthOnly: boolean } | null {
  const match = datePattern.exec(text.trim());
  if (!match) return null;
  const rest = text.trim().slice(match[0].length).trim();
  if (match[6]) return isIsoDate(match[6]) ? { date: match[6], rest, monthOnly: false } : null;
  if (match[5]) {
    const iso = `${match[5]}-${match[4]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
    return isIsoDate(iso) ? { date: iso, rest, monthOnly: false } : null;
  }
  const month = monthIndex[match[1]!.slice(0, match[1]!.toLowerCase().startsWith('sept') ? 4 : 3).toLowerCase()]!;
  let year: number;
  if (match[2]) year = match[2].length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
  else {
    const from = context.commencementDate ?? context.asAt;
    const [fromYear, fromMonth] = from.split('-').map(Number) as [number, number];
    year = month >= fromMonth ? fromYear : fromYear + 1;
  }
  return { date: endOfMonth(year, month), rest, monthOnly: true };
}

const fully = (text: string, status: ActionStatus, dates: Partial<Pick<ParsedStatus, 'targetDate' | 'completionDate'>> = {}, understood: ParsedStatus['understood'] = 'fully'): ParsedStatus => ({
  status,
  targetDate: dates.targetDate ?? null,
  completionDate: dates.completionDate ?? null,
  understood,
  text,
}); // prettier-ignore

/** A date after a status word, as in "In progress Feb 2024", "Planned for April 24", "planned April 24". */
function dateAfter(words: string, context: StatusContext) {
  const cleaned = words.replace(/^[-–,:;\s]+/, '').replace(/^(?:planned\s+)?(?:for|by|in|from|due)?\s*/i, '');
  return cleaned ? leadingDate(cleaned, context) : null;
}

const restIsEmpty = (rest: string) => rest.replace(/[-–.,;:\s]+/g, '') === '';

export function parseStatusText(raw: string, context: StatusContext): ParsedStatus {
  const text = raw.replace(/\s+/g, ' ').trim();
  const started = context.commencementDate !== null && context.commencementDate <= context.asAt;
  const guess: ActionStatus = started ? 'inProgress' : 'notStarted';
  if (text === '') return fully(text, guess, {}, 'not');

  const word =
    /^(completed|complete|done|ongoing|in progress|planned|not started|blocked|to be completed|completion)\b/i.exec(
      text,
    );
  if (!word) {
    // A date alone: done by then if the date has passed, otherwise the date it is due.
    const dated = leadingDate(text, context);
    if (!dated) return fully(text, guess, {}, 'not');
    if (!restIsEmpty(dated.rest)) {
      // "Jan 24 – 6 months funding": a past month with more words says when work began, not that it is done.
      if (dated.date <= context.asAt) return fully(text, 'inProgress', {}, 'partly');
      return fully(text, guess, { targetDate: dated.date }, 'partly');
    }
    if (dated.date <= context.asAt) return fully(text, 'completed', { completionDate: dated.date });
    return fully(text, guess, { targetDate: dated.date });
  }
  const rest = text.slice(word[0].length);
  const dated = dateAfter(rest, context);
  const tail = dated ? dated.rest : rest;
  const understood = restIsEmpty(tail) ? 'fully' : 'partly';
  switch (word[1]!.toLowerCase()) {
    case 'completed':
    case 'complete':
    case 'done':
      return fully(text, 'completed', { completionDate: dated?.date ?? null }, understood);
    case 'ongoing':
      return fully(text, 'ongoing', {}, understood);
    case 'in progress': {
      // "In progress Feb 24" on a March update: the month it was reported in progress, not a date it was due.
      // A month still to come, or one the words say is planned, is the target.
      const planned = /^\s*[-–,:;]?\s*planned\b/i.test(rest);
      const target = dated && (planned || dated.date > context.asAt) ? dated.date : null;
      return fully(text, 'inProgress', { targetDate: target }, understood);
    }
    case 'planned':
      return fully(text, 'notStarted', { targetDate: dated?.date ?? null }, understood);
    case 'not started':
      return fully(text, 'notStarted', {}, understood);
    case 'blocked':
      return fully(text, 'blocked', {}, understood);
    default: {
      // "To be completed in April 2024", "Completion in Jan - Ongoing": a target, and maybe a status after it.
      const after = tail.replace(/^[-–,;\s]+/, '');
      if (/^ongoing$/i.test(after)) return fully(text, 'ongoing', { targetDate: dated?.date ?? null });
      return fully(text, guess, { targetDate: dated?.date ?? null }, understood);
    }
  }
}
