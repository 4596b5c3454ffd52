import type { IsoDate } from '../dates.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** The last day of a month: a plan's "April 2024" is due by its end. */
export function endOfMonth(year: number, month: number): IsoDate {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(last)}`;
}

/** The same day `months` later; the 31st becomes the month's last day where it has none. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const [toYear, toMonth] = [Math.floor(index / 12), (index % 12) + 1];
  const last = Number(endOfMonth(toYear, toMonth).slice(8));
  return `${toYear}-${pad(toMonth)}-${pad(Math.min(day, last))}`;
}

/** Month ends from the month of `from` to the month of `to`, for progress over time. */
export function monthEnds(from: IsoDate, to: IsoDate): IsoDate[] {
  const ends: IsoDate[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  const [toYear, toMonth] = to.split('-').map(Number) as [number, number];
  while (year * 12 + month <= toYear * 12 + toMonth && ends.length < 120) {
    ends.push(endOfMonth(year, month));
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return ends;
}
