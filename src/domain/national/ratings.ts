import { readCsv, CsvSyntaxError } from '../input/csv.js';
import { InputError } from '../input/input-error.js';
import type { Framework } from '../framework/model.js';

/** One published HMIP inspection's overall score and rating, as the national table holds it. */
export interface NationalRating {
  laName: string;
  laRef: string;
  /** The overall score out of the framework's maximum, or null where the scraped figure cannot be one. */
  score: number | null;
  /** The rating as the file gives it, kept even where it is a scrape artefact. */
  publishedRating: string;
  /** The band the score falls in, by the framework's overall bands; null without a score. */
  rating: string | null;
  publicationDate: string;
  reportUrl: string;
  /** What is wrong with the row, in words; empty when nothing is known to be. */
  caveats: string[];
}

export const nationalColumns = ['la_name', 'la_ref', 'score_%', 'overall_rating', 'publication_date', 'report_url'];

/** The caveats of the whole file, from its source's README: shown wherever its figures are. */
export const nationalCaveats = [
  "Scraped from the ratings pages of HMIP's published youth inspection reports (2021 to early 2025) by data-to-insight/hmi-probation-youth-justice-scrape; the reports are published under the Open Government Licence.",
  "The file's score_% is the overall score out of 36 times 100/36: the score here is score_% x 0.36. Where that is not a whole number the figure is a parse error and the row has no score.",
  'Where the published overall rating does not match the band of its score, the rating shown is the band of the score, and the row says so.',
  'Only the most recent report of each service is kept; reports before 2021 are absent. The standard ratings in the file are unreliable and are not used.',
] as const;

const isoFrom = (ddmmyy: string) => {
  const match = /^(\d{2})\/(\d{2})\/(\d{2})$/.exec(ddmmyy);
  if (!match) return null;
  const iso = `20${match[3]}-${match[2]}-${match[1]}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
};

/** The overall band of a score, by the framework's overall bands (highest first). */
export function overallBandOf(framework: Framework, score: number): string {
  return framework.overallBands.find((band) => score >= band.minScore)!.rating;
}

/**
 * Reads the national file, every line checked before any is used: a bad line throws an InputError naming
 * the line and the column. Known scrape errors are not refused but carried as each row's caveats.
 */
export function parseNationalRatings(text: string, source: string, framework: Framework): NationalRating[] {
  let records;
  try {
    records = readCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      throw new InputError(source, error.line ? `line ${error.line}` : '', error.message);
    throw error;
  }
  const [header, ...rows] = records;
  if (!header) throw new InputError(source, '', 'the file is empty');
  const index = new Map(header.record.map((name, i) => [name.trim(), i]));
  const missing = nationalColumns.find((name) => !index.has(name));
  if (missing) throw new InputError(source, 'line 1', `the column "${missing}" is missing`);
  if (rows.length === 0) throw new InputError(source, '', 'the file has no inspections');
  const maximum = framework.maxScore;
  const seen = new Map<string, number>();
  return rows.map(({ record, info }) => {
    const where = `line ${info.lines}`;
    const cell = (name: string) => (record[index.get(name)!] ?? '').trim();
    const laName = cell('la_name');
    const laRef = cell('la_ref');
    if (!laName) throw new InputError(source, `${where}, la_name`, 'enter the service');
    if (!laRef) throw new InputError(source, `${where}, la_ref`, 'enter the reference of the service');
    const earlier = seen.get(laRef);
    if (earlier) throw new InputError(source, `${where}, la_ref`, `${laRef} is already on line ${earlier}`);
    seen.set(laRef, info.lines);
    const percentText = cell('score_%');
    const percent = Number(percentText);
    if (percentText === '' || !Number.isFinite(percent) || percent < 0 || percent > 100)
      throw new InputError(source, `${where}, score_%`, `"${percentText}" is not a percentage from 0 to 100`);
    const publicationDate = isoFrom(cell('publication_date'));
    if (!publicationDate)
      throw new InputError(
        source,
        `${where}, publication_date`,
        `"${cell('publication_date')}" is not a date like 18/02/25`,
      );
    const reportUrl = cell('report_url');
    if (reportUrl && !/^https:\/\//.test(reportUrl))
      throw new InputError(source, `${where}, report_url`, 'the report address must start with https://');
    const caveats: string[] = [];
    const exact = (percent * maximum) / 100;
    const score = Math.abs(exact - Math.round(exact)) < 0.05 ? Math.round(exact) : null;
    if (score === null) caveats.push(`score_% ${percentText} is not a whole score out of ${maximum}: a parse error`);
    const publishedRating = cell('overall_rating');
    const rating = score === null ? null : overallBandOf(framework, score);
    const sameBand = rating !== null && publishedRating.toLowerCase() === rating.toLowerCase();
    if (rating !== null && !sameBand)
      caveats.push(
        `the file's rating "${publishedRating.slice(0, 60)}" is not the band of ${score}/${maximum}; shown as ${rating}`,
      );
    return { laName, laRef, score, publishedRating, rating, publicationDate, reportUrl, caveats };
  });
}

/** Where a score stands among the national ones: how many scored higher, lower and the same, and each score's count. */
export function standingOf(scores: readonly number[], score: number, maximum: number) {
  const higher = scores.filter((s) => s > score).length;
  const same = scores.filter((s) => s === score).length;
  const distribution = Array.from({ length: maximum + 1 }, (_, s) => ({
    score: s,
    count: scores.filter((x) => x === s).length,
  }));
  return {
    score,
    /** 1 is the highest; ties share the best rank. */
    rank: higher + 1,
    of: scores.length,
    higher,
    same: same,
    lower: scores.length - higher - same,
    distribution,
  };
}
