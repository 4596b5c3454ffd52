import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf, type Queryable } from '../../platform/db/connect.js';
import { cases, teamMembers, users } from '../../platform/db/core-tables.js';
import type { Actor } from '../../platform/audit.js';
import type { Framework } from '../../domain/framework/model.js';
import { isUuid } from '../../policy/access.js';
import { assessedCaseOf, expectedKeyQuestions } from './assessed.js';

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

/** The values as SQL parameters, for `in (…)`. */
const valuesOf = (values: readonly string[]) =>
  sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  );

/**
 * One page of the cases the search finds, with their progress, how many it found, and the inspectors cases may
 * go to. Search, filters, order and the page are one SQL query; each case's key questions expected and answered
 * are `counts` (from the rules).
 */
export async function searchCases(
  db: Queryable,
  actor: Actor,
  inspectionId: string,
  framework: Framework,
  counts: ReadonlyMap<string, { expected: number; answered: number }>,
  search: CaseSearch,
) {
  const progress = sql`jsonb_to_recordset(${JSON.stringify(
    [...counts].map(([caseId, c]) => ({ case_id: caseId, expected: c.expected, answered: c.answered })),
  )}::jsonb) as p(case_id uuid, expected int, answered int)`;
  const conditions: SQL[] = [sql`c.inspection_id = ${inspectionId}`];
  if (search.q) conditions.push(sql`c.ref ilike ${`%${search.q.replace(/[\\%_]/g, '\\$&')}%`}`);
  if (search.domain.length) conditions.push(sql`c.domain in (${valuesOf(search.domain)})`);
  if (search.disposal.length) conditions.push(sql`c.disposal in (${valuesOf(search.disposal)})`);
  if (search.inspector.length) {
    const ids = search.inspector.map((i) => (i === 'me' ? actor.id : i)).filter(isUuid);
    const either = [
      ...(ids.length
        ? [
            sql`c.allocated_to in (${sql.join(
              ids.map((id) => sql`${id}::uuid`),
              sql`, `,
            )})`,
          ]
        : []),
      ...(search.inspector.includes('none') ? [sql`c.allocated_to is null`] : []),
    ];
    conditions.push(either.length ? sql`(${sql.join(either, sql` or `)})` : sql`false`);
  }
  if (search.progress.length) conditions.push(sql`${progressSql} in (${valuesOf(search.progress)})`);
  const where = sql.join(conditions, sql` and `);
  const from = sql`cases c left join users u on u.id = c.allocated_to left join ${progress} on p.case_id = c.id
    left join case_completions done on done.case_id = c.id`;
  const [{ total }] = rowsOf<{ total: number }>(
    await db.execute(sql`select count(*)::int as total from ${from} where ${where}`),
  ) as [{ total: number }];
  const pages = Math.max(1, Math.ceil(total / search.perPage));
  const page = Math.min(search.page, pages);
  const found = rowsOf<{ id: string; expected: number | null; answered: number | null; status: string }>(
    await db.execute(sql`select c.id, p.expected, p.answered, ${progressSql} as status from ${from} where ${where}
      order by ${caseSortSql(search.sort, actor.id)} limit ${search.perPage} offset ${(page - 1) * search.perPage}`),
  );
  const byId = new Map(found.map((row, index) => [row.id, { ...row, index }]));
  const rows = found.length
    ? await db
        .select({ case: cases, allocatedName: users.displayName })
        .from(cases)
        .leftJoin(users, eq(users.id, cases.allocatedTo))
        .where(inArray(cases.id, [...byId.keys()]))
    : [];
  const pageCases = rows
    .map(({ case: row, allocatedName }) => {
      const f = byId.get(row.id)!;
      return {
        ...row,
        allocatedName,
        expected: f.expected ?? expectedKeyQuestions(framework, assessedCaseOf(row, {})).length,
        answered: f.answered ?? 0,
        status: f.status,
        index: f.index,
      };
    })
    .sort((a, b) => a.index - b.index);
  const [{ all, mine }] = rowsOf<{ all: number; mine: number }>(
    await db.execute(sql`select count(*)::int as all, count(*) filter (where allocated_to = ${actor.id})::int as mine
      from cases where inspection_id = ${inspectionId}`),
  ) as [{ all: number; mine: number }];
  const inspectors = await db
    .select({ userId: users.id, displayName: users.displayName })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teamMembers.inspectionId, inspectionId), inArray(teamMembers.role, ['leadInspector', 'inspector'])))
    .orderBy(asc(users.displayName));
  return { cases: pageCases, found: total, all, mine, page, pages, inspectors };
}
