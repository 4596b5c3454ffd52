import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Database } from '../../platform/db/connect.js';
import { rowsOf } from '../../platform/db/connect.js';
import type { Actor } from '../../platform/audit.js';
import { ValidationError } from '../../platform/errors.js';
import { organisationWith } from '../../policy/policy.js';
import type { TrendService } from './trends.js';
import type { Trend, TrendPoint } from '../../domain/qa/index.js';
import { newcombeDifference } from '../../domain/statistics/index.js';
import { targetedActionsOf } from '../plans/index.js';
import { t } from '../../platform/i18n/index.js';

interface RoundRow {
  id: string;
  programme: string;
  period_start: string;
  period_end: string;
  closed: boolean;
  cases: number;
  answered: number;
  acknowledged: number;
  responded: number;
}

/** "2026-Q2" as its first and last days. */
export function quarterDates(quarter: string): { from: string; to: string } {
  const match = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!match) throw new ValidationError({ quarter: 'Enter a quarter like 2026-Q2' });
  const [year, q] = [Number(match[1]), Number(match[2])];
  const from = new Date(Date.UTC(year, 3 * (q - 1), 1)).toISOString().slice(0, 10);
  const to = new Date(Date.UTC(year, 3 * q, 0)).toISOString().slice(0, 10);
  return { from, to };
}

/** The management board's quarterly QA report: rounds done, cases audited, feedback, figures and their change. */
export function createBoardReportService(db: Database, trendService: TrendService) {
  return {
    async report(actor: Actor, organisationId: string, quarter: string) {
      const { from, to } = quarterDates(quarter);
      await organisationWith(db, actor, organisationId, 'qa.view');
      const [organisation] = rowsOf<{ name: string }>(
        await db.execute(sql`select name from organisations where id = ${organisationId}`),
      );
      const rounds = rowsOf<RoundRow>(
        await db.execute(sql`
          select r.id, p.title as programme, to_char(r.period_start, 'YYYY-MM-DD') as period_start,
                 to_char(r.period_end, 'YYYY-MM-DD') as period_end, r.closed_at is not null as closed,
                 (select count(*)::int from cases c where c.inspection_id = r.inspection_id) as cases,
                 (select count(distinct c.id)::int from cases c join answers a on a.case_id = c.id
                   where c.inspection_id = r.inspection_id) as answered,
                 (select count(*)::int from cases c join qa_feedback f on f.case_id = c.id
                   where c.inspection_id = r.inspection_id and f.status = 'acknowledged') as acknowledged,
                 (select count(*)::int from cases c join qa_feedback f on f.case_id = c.id
                   where c.inspection_id = r.inspection_id and f.status = 'responded') as responded
          from qa_rounds r join qa_programmes p on p.id = r.programme_id
          where p.organisation_id = ${organisationId} and r.period_end between ${from} and ${to}
          order by r.period_start, p.title`),
      );
      const { trends, framework } = await trendService.trends(actor, organisationId);
      // Each standard's figure in the quarter beside the one before it, with the change between them.
      const figures = trends
        .filter((t) => t.kind === 'standard')
        .map((t) => {
          const upTo = t.points.filter((p) => p.date <= to);
          const now = upTo.at(-1);
          return {
            id: t.id,
            title: t.title,
            now: now && now.date >= from ? now : null,
            before: now && now.date >= from ? (upTo.at(-2) ?? null) : null,
          };
        })
        .filter((f) => f.now);
      const actions = (await targetedActionsOf(db, organisationId)).map((action) =>
        actionBesideFigures(action, trends, to),
      );
      return {
        organisationName: organisation?.name ?? '',
        quarter,
        from,
        to,
        framework: framework.title,
        rounds,
        totals: {
          rounds: rounds.length,
          cases: rounds.reduce((n, r) => n + r.cases, 0),
          acknowledged: rounds.reduce((n, r) => n + r.acknowledged + r.responded, 0),
        },
        figures,
        actions,
      };
    },
  };
}

type TargetedAction = Awaited<ReturnType<typeof targetedActionsOf>>[number];

/**
 * An improvement action beside each standard or key question it targets: the figure from before the action
 * started and the latest one since, up to the quarter's end, with the change between them.
 */
export function actionBesideFigures(action: TargetedAction, trends: readonly Trend[], to: string) {
  const started = action.commencementDate ?? action.createdAt.toISOString().slice(0, 10);
  return {
    ...action,
    started,
    targets: action.targets.map((target) => {
      const trend = trends.find((t) => t.id === target);
      const points = trend?.points.filter((p) => p.date <= to) ?? [];
      const before: TrendPoint | null = points.filter((p) => p.date < started).at(-1) ?? null;
      const after: TrendPoint | null = points.filter((p) => p.date >= started).at(-1) ?? null;
      return {
        id: target,
        title: trend?.title ?? target,
        before,
        after,
        change: before && after ? newcombeDifference(before, after) : null,
      };
    }),
  };
}

export type BoardReport = Awaited<ReturnType<ReturnType<typeof createBoardReportService>['report']>>;

const pct = (fraction: number) => Math.round(100 * fraction);

/** A sheet's columns as [header, key, width], and its rows. */
type SheetSpec = { name: string; columns: readonly (readonly [string, string, number])[]; rows: object[] };

/** The workbook is written for people: its sheets' names and headers in the request's language. */
function addSheet(workbook: ExcelJS.Workbook, { name, columns, rows }: SheetSpec) {
  const sheet = workbook.addWorksheet(t(name));
  sheet.columns = columns.map(([header, key, width]) => ({ header: t(header), key, width }));
  for (const row of rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
}

export async function boardReportWorkbook(report: BoardReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  addSheet(workbook, {
    name: 'Rounds',
    columns: [
      ['Programme', 'programme', 28],
      ['Period start', 'period_start', 12],
      ['Period end', 'period_end', 12],
      ['Closed', 'closed', 8],
      ['Cases', 'cases', 8],
      ['Cases audited', 'answered', 12],
      ['Feedback acknowledged', 'acknowledged', 12],
      ['Feedback responded to', 'responded', 12],
    ],
    rows: report.rounds,
  });
  addSheet(workbook, {
    name: 'Figures',
    columns: [
      ['Standard', 'title', 30],
      ['% Yes', 'percent', 8],
      ['95% lower', 'lower', 10],
      ['95% upper', 'upper', 10],
      ['Yes', 'yes', 6],
      ['Relevant', 'relevant', 9],
      ['Band', 'band', 22],
      ['Before (% Yes)', 'before', 12],
      ['Change beyond chance', 'beyondChance', 12],
    ],
    rows: report.figures.map((f) => ({
      title: f.title,
      percent: f.now!.percent,
      lower: pct(f.now!.lower),
      upper: pct(f.now!.upper),
      yes: f.now!.yes,
      relevant: f.now!.relevant,
      band: f.now!.rating,
      before: f.before?.percent ?? null,
      beyondChance: f.now!.change ? (f.now!.change.beyondChance ? 'yes' : 'no') : null,
    })),
  });
  addSheet(workbook, {
    name: 'Actions',
    columns: [
      ['Plan', 'plan', 24],
      ['Area', 'area', 6],
      ['Action', 'action', 40],
      ['Started', 'started', 12],
      ['Meant to move', 'target', 30],
      ['Before (% Yes)', 'before', 12],
      ['Before 95% interval', 'beforeInterval', 14],
      ['After (% Yes)', 'after', 12],
      ['After 95% interval', 'afterInterval', 14],
      ['Change beyond chance', 'beyondChance', 12],
    ],
    rows: report.actions.flatMap((a) =>
      a.targets.map((t) => ({
        plan: a.planTitle,
        area: a.areaNumber,
        action: a.text,
        started: a.started,
        target: t.title,
        before: t.before?.percent ?? null,
        beforeInterval: t.before ? `${pct(t.before.lower)} to ${pct(t.before.upper)}` : null,
        after: t.after?.percent ?? null,
        afterInterval: t.after ? `${pct(t.after.lower)} to ${pct(t.after.upper)}` : null,
        beyondChance: t.change ? (t.change.beyondChance ? 'yes' : 'no') : null,
      })),
    ),
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
