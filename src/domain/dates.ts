/**
 * The one date module. Calendar dates are ISO strings ('2023-01-16'), with UTC arithmetic: a date is a day,
 * never an instant, so no time zone or clock change can move it. An instant (a Date: when something was
 * saved or published) becomes a day in London time, where the inspections happen. Formatting as GOV.UK
 * writes dates, and the one form field schema for a date. No clock: today is `londonDate(clock.now())`.
 */
import { z } from 'zod';

export type IsoDate = string;

const dayMs = 86_400_000;
const isoPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The months as English and Welsh write them: the interface languages (platform/i18n). */
export const monthNamesIn = {
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  cy: [
    'Ionawr',
    'Chwefror',
    'Mawrth',
    'Ebrill',
    'Mai',
    'Mehefin',
    'Gorffennaf',
    'Awst',
    'Medi',
    'Hydref',
    'Tachwedd',
    'Rhagfyr',
  ],
} as const;
/** A language dates are written in; anything else is written in English. */
export type DateLanguage = keyof typeof monthNamesIn | (string & {});
const monthNamesOf = (language: DateLanguage | undefined) => (language === 'cy' ? monthNamesIn.cy : monthNamesIn.en);

/** Whether the text is a real calendar date in ISO form ('2023-02-29' is not). */
export function isIsoDate(value: string): boolean {
  const match = isoPattern.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function toMs(date: IsoDate): number {
  if (!isIsoDate(date)) throw new RangeError(`not a date: ${date}`);
  return Date.parse(`${date}T00:00:00Z`);
}

const fromMs = (ms: number): IsoDate => new Date(ms).toISOString().slice(0, 10);

export const addDays = (date: IsoDate, days: number): IsoDate => fromMs(toMs(date) + days * dayMs);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: IsoDate, to: IsoDate): number => Math.round((toMs(to) - toMs(from)) / dayMs);

/** ISO day of the week: 1 Monday ... 7 Sunday. */
export function dayOfWeek(date: IsoDate): number {
  const day = new Date(toMs(date)).getUTCDay();
  return day === 0 ? 7 : day;
}

export const isMonday = (date: IsoDate) => dayOfWeek(date) === 1;
export const isWeekday = (date: IsoDate) => dayOfWeek(date) <= 5;

/** The Monday of the date's week (weeks run Monday to Sunday). */
export const mondayOf = (date: IsoDate): IsoDate => addDays(date, 1 - dayOfWeek(date));

/** The same day `years` earlier; 29 February becomes 28 February in a year without one. */
export function sameDayYearsBefore(date: IsoDate, years: number): IsoDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const earlier = `${String(year - years).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isIsoDate(earlier) ? earlier : addDays(`${earlier.slice(0, 8)}01`, day - 2);
}

/** The first `count` weekdays (Monday to Friday) from the date, the date itself counting if it is one. */
export function weekdaysFrom(date: IsoDate, count: number): IsoDate[] {
  const days: IsoDate[] = [];
  for (let day = date; days.length < count; day = addDays(day, 1)) if (isWeekday(day)) days.push(day);
  return days;
}

/** Every weekday from `from` to `to`, both included. */
export function weekdaysBetween(from: IsoDate, to: IsoDate): IsoDate[] {
  const days: IsoDate[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) if (isWeekday(day)) days.push(day);
  return days;
}

const londonDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });
const londonTime = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', timeZone: 'Europe/London' });

/** The London calendar day of an instant: 23:30 UTC on 30 June is 1 July in London. */
export const londonDate = (instant: Date): IsoDate => londonDay.format(instant);

/**
 * '2023-01-16' (or an instant, on its London day) as '16 January 2023', as GOV.UK writes dates;
 * `twoDigitDay` gives '06 February 2023', as the seed reports' background paragraph prints it.
 */
export function longDate(
  date: IsoDate | Date,
  options: { twoDigitDay?: boolean; language?: DateLanguage } = {},
): string {
  const iso = typeof date === 'string' ? date.slice(0, 10) : londonDate(date);
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const dayText = options.twoDigitDay ? String(day).padStart(2, '0') : day;
  return `${dayText} ${monthNamesOf(options.language)[month - 1]} ${year}`;
}

/** An instant as '16 January 2023 at 14:05' (in Welsh '16 Ionawr 2023 am 14:05'), London time. */
export const longDateTime = (instant: Date, language?: DateLanguage): string =>
  `${longDate(instant, { ...(language && { language }) })} ${language === 'cy' ? 'am' : 'at'} ${londonTime.format(instant)}`;

/** '2023-01-16', '2023-01' or an instant (its London day) as the reports print a month: 'January 2023'. */
export function monthYear(date: IsoDate | Date, language?: DateLanguage): string {
  const iso = typeof date === 'string' ? date : londonDate(date);
  const [year, month] = iso.split('-').map(Number) as [number, number];
  return `${monthNamesOf(language)[month - 1]} ${year}`;
}

/** The one form field for a date: an ISO date that is a real day ('2023-02-29' is not), named by its label. */
export const isoDateField = (label: string) =>
  z
    .string({ error: `Enter ${label.charAt(0).toLowerCase()}${label.slice(1)}` })
    .trim()
    .refine(isIsoDate, `${label} must be a real date`);
