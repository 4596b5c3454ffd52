import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../../platform/db/connect.js';
import { planProgressUpdates } from '../tables.js';
import { users } from '../../../platform/db/core-tables.js';
import type { PlanAction, PlanArea } from '../../../domain/plans/model.js';
import { addMonths } from '../../../domain/plans/months.js';
import { actionAsOf, progressOverTime, progressReport, type ActionAsOf } from '../../../domain/plans/progress.js';
import { addDays, isIsoDate } from '../../../domain/dates.js';
import { recordAudit, type Actor } from '../../../platform/audit.js';
import { ValidationError } from '../../../platform/errors.js';
import type { PlanService } from './plans.js';

/** The board's views: the dashboard and the progress report as of a date, from the pure rules. */
export function createPlanBoardService(db: Database, plans: PlanService) {
  /** The date a board view is as of: given (a real date) or today. */
  function asOfDate(given: unknown, today: string): string {
    if (given === undefined || given === '') return today;
    if (typeof given !== 'string' || !isIsoDate(given))
      throw new ValidationError({ asOf: 'Date must be a real date, like 31 3 2024' });
    return given;
  }

  return {
    asOfDate,
    reportOf: (areas: readonly PlanArea[], asOf: string) => progressReport(areas, asOf),
    actionAsOf: (action: PlanAction, asOf: string) => actionAsOf(action, asOf),

    async updatesOf(actionId: string) {
      return db
        .select({
          id: planProgressUpdates.id,
          date: planProgressUpdates.date,
          note: planProgressUpdates.note,
          evidenceLink: planProgressUpdates.evidenceLink,
          statusFrom: planProgressUpdates.statusFrom,
          statusTo: planProgressUpdates.statusTo,
          byName: planProgressUpdates.byName,
          createdAt: planProgressUpdates.createdAt,
          email: users.email,
        })
        .from(planProgressUpdates)
        .leftJoin(users, eq(users.id, planProgressUpdates.byUserId))
        .where(eq(planProgressUpdates.actionId, actionId))
        .orderBy(asc(planProgressUpdates.date), asc(planProgressUpdates.createdAt));
    },

    /** What is overdue, what is due in the next two months, RAG by domain, and progress month by month. */
    async dashboard(actor: Actor, planId: string, given?: unknown) {
      const found = await plans.plan(actor, planId);
      const asOf = asOfDate(given, found.today);
      const report = progressReport(found.areas, asOf);
      const rows = report.domains.flatMap((d) =>
        d.areas.flatMap((area) => area.actions.map((action) => ({ area, action }))),
      );
      const until = addMonths(asOf, 2);
      const byTarget = (a: { action: ActionAsOf }, b: { action: ActionAsOf }) =>
        (a.action.targetDate ?? '').localeCompare(b.action.targetDate ?? '');
      const starts = found.areas
        .flatMap((a) => a.actions.map((x) => x.commencementDate))
        .filter((d): d is string => !!d);
      const from = starts.sort()[0] ?? found.plan.createdAt.toISOString().slice(0, 10);
      return {
        ...found,
        asOf,
        report,
        overdue: rows.filter((r) => r.action.rag === 'red' && r.action.targetDate).sort(byTarget),
        dueNext: rows
          .filter(
            (r) =>
              r.action.status !== 'completed' &&
              r.action.targetDate &&
              r.action.targetDate >= asOf &&
              r.action.targetDate <= until,
          )
          .sort(byTarget),
        until,
        overTime: from <= asOf ? progressOverTime(found.areas, from, asOf) : [],
        yesterday: addDays(asOf, -1),
      };
    },

    /** The progress report as of a date: the rows of Ealing's Appendix B with dates as dates and status as status. */
    async report(actor: Actor, planId: string, given?: unknown) {
      const found = await plans.plan(actor, planId);
      const asOf = asOfDate(given, found.today);
      return { ...found, asOf, report: progressReport(found.areas, asOf) };
    },

    /** A download of the report or an export: recorded, as every download of a service's data is. */
    async recordDownload(actor: Actor, plan: { id: string; inspectionId: string | null }, what: string, asOf?: string) {
      await db.transaction(async (tx) => {
        await recordAudit(tx, actor, {
          action: 'plan.download',
          subjectType: 'improvementPlan',
          subjectId: plan.id,
          inspectionId: plan.inspectionId,
          after: { what, asOf: asOf ?? null },
        });
      });
    },
  };
}
