import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';

/** The cases page's search, filters, order and page, as the query string carries them. */
export interface CaseSearch {
  q: string;
  domain: string[];
  disposal: string[];
  /** User ids, 'me' (the viewer) and 'none' (not allocated). */
  inspector: string[];
  progress: CaseProgress[];
  sort: CaseSort;
  page: number;
  perPage: number;
}

export const caseProgress = ['notStarted', 'inProgress', 'completed'] as const;
export type CaseProgress = (typeof caseProgress)[number];
export const progressLabels: Record<CaseProgress, string> = {
  notStarted: 'Not started',
  inProgress: 'In progress',
  completed: 'Completed',
};

export const caseSorts = ['mine', 'ref', 'refDescending', 'inspector', 'progress', 'domain'] as const;
export type CaseSort = (typeof caseSorts)[number];
export const sortLabels: Record<CaseSort, string> = {
  mine: 'My cases first, then by reference',
  ref: 'Reference, A to Z',
  refDescending: 'Reference, Z to A',
  inspector: 'Inspector',
  progress: 'Progress, not started first',
  domain: 'Kind of case',
};

export const casesPerPage = 50;

const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => [value ?? []].flat().filter((v) => /^[\w-]{1,60}$/.test(v)));

const searchSchema = z.object({
  q: z
    .string()
    .optional()
    .transform((value) => (value ?? '').trim().slice(0, 40)),
  domain: list,
  disposal: list,
  inspector: list,
  progress: list.transform((values) => values.filter((v): v is CaseProgress => caseProgress.includes(v as never))),
  sort: z.enum(caseSorts).catch('mine'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** The search from a query string: anything unknown or malformed is left out, never an error. */
export function caseSearchOf(query: Record<string, unknown>): CaseSearch {
  const parsed = searchSchema.safeParse({ sort: 'mine', page: 1, ...query });
  const value = parsed.success
    ? parsed.data
    : { q: '', domain: [], disposal: [], inspector: [], progress: [], sort: 'mine' as const, page: 1 };
  return { ...value, perPage: casesPerPage };
}

/** The query string of a search, for links that keep it (pagination, removing one filter, sorting). */
export function queryOf(search: CaseSearch, change: Partial<CaseSearch> = {}): string {
  const next = { ...search, ...change };
  const params = new URLSearchParams();
  if (next.q) params.set('q', next.q);
  for (const name of ['domain', 'disposal', 'inspector', 'progress'] as const)
    for (const value of next[name]) params.append(name, value);
  if (next.sort !== 'mine') params.set('sort', next.sort);
  if (next.page > 1) params.set('page', String(next.page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * A case's progress in SQL, over `c` (the case), `p` (its key questions expected and answered) and `done`
 * (its completion): a case with key questions is completed when every one is answered; a case with none (a
 * resettlement case) when its inspector marks it complete.
 */
export const progressSql: SQL = sql`(case
  when coalesce(p.expected, 0) = 0 then (case when done.case_id is not null then 'completed' else 'notStarted' end)
  when p.answered >= p.expected then 'completed'
  when p.answered > 0 then 'inProgress'
  else 'notStarted' end)`;

/** The order of a sort, always ending on the reference so that pages do not overlap. */
export function caseSortSql(sort: CaseSort, actorId: string): SQL {
  const rank = sql`(case ${progressSql} when 'notStarted' then 0 when 'inProgress' then 1 else 2 end)`;
  switch (sort) {
    case 'mine':
      return sql`(c.allocated_to is not distinct from ${actorId}::uuid) desc, c.ref asc`;
    case 'ref':
      return sql`c.ref asc`;
    case 'refDescending':
      return sql`c.ref desc`;
    case 'inspector':
      return sql`u.display_name asc nulls last, c.ref asc`;
    case 'progress':
      return sql`${rank} asc, c.ref asc`;
    case 'domain':
      return sql`c.domain asc, c.ref asc`;
  }
}
