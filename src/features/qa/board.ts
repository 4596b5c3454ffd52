import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Database } from '../../platform/db/connect.js';
import { rowsOf } from '../../platform/db/connect.js';
import type { Actor } from '../../platform/audit.js';
import { ValidationError } from '../../platform/errors.js';
import { organisationWith } from '../../policy/policy.js';
import type { TrendService } from './trends.js';

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
      };
    },
  };
}

export type BoardReport = Awaited<ReturnType<ReturnType<typeof createBoardReportService>['report']>>;

const pct = (fraction: number) => Math.round(100 * fraction);

export async function boardReportWorkbook(report: BoardReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const rounds = workbook.addWorksheet('Rounds');
  rounds.columns = [
    { header: 'Programme', key: 'programme', width: 28 },
    { header: 'Period start', key: 'period_start', width: 12 },
    { header: 'Period end', key: 'period_end', width: 12 },
    { header: 'Closed', key: 'closed', width: 8 },
    { header: 'Cases', key: 'cases', width: 8 },
    { header: 'Cases audited', key: 'answered', width: 12 },
    { header: 'Feedback acknowledged', key: 'acknowledged', width: 12 },
    { header: 'Feedback responded to', key: 'responded', width: 12 },
  ];
  for (const r of report.rounds) rounds.addRow(r);
  const figures = workbook.addWorksheet('Figures');
  figures.columns = [
    { header: 'Standard', key: 'title', width: 30 },
    { header: '% Yes', key: 'percent', width: 8 },
    { header: '95% lower', key: 'lower', width: 10 },
    { header: '95% upper', key: 'upper', width: 10 },
    { header: 'Yes', key: 'yes', width: 6 },
    { header: 'Relevant', key: 'relevant', width: 9 },
    { header: 'Band', key: 'band', width: 22 },
    { header: 'Before (% Yes)', key: 'before', width: 12 },
    { header: 'Change beyond chance', key: 'beyondChance', width: 12 },
  ];
  for (const f of report.figures)
    figures.addRow({
      title: f.title,
      percent: f.now!.percent,
      lower: pct(f.now!.lower),
      upper: pct(f.now!.upper),
      yes: f.now!.yes,
      relevant: f.now!.relevant,
      band: f.now!.rating,
      before: f.before?.percent ?? null,
      beyondChance: f.now!.change ? (f.now!.change.beyondChance ? 'yes' : 'no') : null,
    });
  for (const sheet of [rounds, figures]) sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
