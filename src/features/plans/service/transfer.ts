import ExcelJS from 'exceljs';
import { readFirstSheet } from '../../../platform/xlsx.js';
import { eq } from 'drizzle-orm';
import type { Database, Queryable } from '../../../platform/db/connect.js';
import { planActions, planAreas, planProgressUpdates } from '../tables.js';
import { statusLabels } from '../../../domain/plans/model.js';
import {
  exportHeaders,
  type ImportedArea,
  planFromTable,
  type ColumnMapping,
  type ImportProblem,
  type ImportTable,
} from '../../../domain/plans/table-import.js';
import { CsvSyntaxError, readCsvInSlices } from '../../../domain/input/csv.js';
import { readInTurns } from '../../../platform/csv.js';
import { isIsoDate } from '../../../domain/dates.js';
import { recordAudit, type Actor } from '../../../platform/audit.js';
import { ValidationError } from '../../../platform/errors.js';
import { planWith, todayInLondon } from './access.js';
import { statusDate, touchPlan } from './edits.js';
import { loadAreas } from './load.js';
import { systemClock, type Clock } from '../../../platform/clock.js';

/** A plan's import: every problem, by line, and nothing written. */
export class PlanImportError extends ValidationError {
  constructor(readonly problems: ImportProblem[]) {
    super({ file: `${problems.length === 1 ? 'A problem' : `${problems.length} problems`}: nothing was imported` });
  }
}

/** The uploaded file as a table: CSV (UTF-8) or the first sheet of an XLSX workbook. */
export async function readTable(file: { name: string; bytes: Buffer }): Promise<ImportTable> {
  if (/\.xlsx$/i.test(file.name)) {
    const [header, ...rows] = await readFirstSheet(file.bytes);
    if (!header) throw new ValidationError({ file: 'The selected file is empty' });
    return { headers: header.cells, rows };
  }
  if (!/\.(csv|txt)$/i.test(file.name))
    throw new ValidationError({ file: 'The selected file must be a CSV or an Excel workbook (.xlsx)' });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
  } catch {
    throw new ValidationError({ file: 'The selected file must be saved as "CSV UTF-8"' });
  }
  try {
    const [header, ...rows] = await readInTurns(readCsvInSlices(text, { relaxColumnCount: true }));
    if (!header) throw new ValidationError({ file: 'The selected file is empty' });
    return { headers: header.record, rows: rows.map((r) => ({ line: r.info.lines, cells: r.record })) };
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      throw new ValidationError({ file: `Line ${error.line ?? '?'}: ${error.message}` });
    throw error;
  }
}

/** Writes imported areas and actions inside the caller's transaction; each status dated as the pages date one. */
export async function insertImported(
  tx: Queryable,
  actor: Actor,
  planId: string,
  areas: readonly ImportedArea[],
  asAt: string,
  /** The clock's, when there is one (the demo's plan has none: the database's time). */
  now?: Date,
): Promise<{ count: number; areaIds: Map<number, string> }> {
  const stamped = now && { updatedAt: now };
  let count = 0;
  const areaIds = new Map<number, string>();
  for (const area of areas) {
    const { actions, line: _line, ...values } = area;
    const [row] = await tx
      .insert(planAreas)
      .values({ planId, ...values, ...stamped })
      .returning();
    areaIds.set(area.number, row!.id);
    for (const [index, action] of actions.entries()) {
      const { line: _l, understood, ...fields } = action;
      const [created] = await tx
        .insert(planActions)
        .values({ planId, areaId: row!.id, position: index + 1, ...fields, ...stamped })
        .returning();
      count += 1;
      // Before any record an action is not started: a plain "not started" needs none.
      if (fields.status === 'notStarted' && understood === 'fully') continue;
      await tx.insert(planProgressUpdates).values({
        actionId: created!.id,
        date: statusDate(fields.status, fields.completionDate, fields.commencementDate, asAt, true),
        note: understood === 'fully' ? '' : `Imported status: "${fields.statusText}"`,
        statusTo: fields.status,
        byUserId: actor.id,
        byName: actor.displayName,
      });
    }
  }
  return { count, areaIds };
}

export function createPlanTransferService(db: Database, clock: Clock = systemClock) {
  return {
    /** Imports actions into the plan: all or nothing, every problem by line. Returns how many actions. */
    async importTable(actor: Actor, planId: string, table: ImportTable, mapping: ColumnMapping, asAtGiven: string) {
      const { plan } = await planWith(db, actor, planId, 'plan.edit');
      const asAt = asAtGiven || todayInLondon(clock.now());
      if (!isIsoDate(asAt) || asAt > todayInLondon(clock.now()))
        throw new ValidationError({ asAt: 'The "status as at" date must be a real date, today or earlier' });
      const { areas, problems } = planFromTable(table, mapping, asAt);
      const existing = await db
        .select({ number: planAreas.number })
        .from(planAreas)
        .where(eq(planAreas.planId, planId));
      for (const area of areas)
        if (existing.some((e) => e.number === area.number))
          problems.push({
            line: area.line,
            field: 'areaNumber',
            message: `The plan already has an area ${area.number}`,
          });
      if (problems.length) throw new PlanImportError(problems.sort((a, b) => a.line - b.line));
      return db.transaction(async (tx) => {
        await touchPlan(tx, plan, clock.now());
        const { count } = await insertImported(tx, actor, planId, areas, asAt, clock.now());
        await recordAudit(tx, actor, {
          action: 'plan.import',
          subjectType: 'improvementPlan',
          subjectId: planId,
          inspectionId: plan.inspectionId,
          after: { areas: areas.length, actions: count, asAt },
        });
        return count;
      });
    },

    /** The plan as rows under the import's own headers, so an export imports back unchanged. */
    async exportRows(actor: Actor, planId: string) {
      const { plan } = await planWith(db, actor, planId, 'plan.view');
      const areas = await loadAreas(db, planId);
      const rows = areas.flatMap((area) =>
        area.actions.map((a) => [
          String(area.number),
          area.domain,
          area.standardId ?? '',
          area.text,
          area.source,
          a.text,
          a.owners.join(', '),
          a.commencementDate ?? '',
          a.targetDate ?? '',
          statusLabels[a.status],
          a.completionDate ?? '',
          a.statusText,
          a.targets.join(', '),
        ]),
      );
      return { plan, headers: exportHeaders, rows };
    },

    async toXlsx(sheetName: string, headers: readonly string[], rows: readonly string[][]) {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet(sheetName);
      sheet.addRow([...headers]).font = { bold: true };
      for (const row of rows) sheet.addRow(row.map((cell) => (isIsoDate(cell) ? new Date(`${cell}T00:00:00Z`) : cell)));
      sheet.columns.forEach((column) => (column.width = 22));
      return Buffer.from(await workbook.xlsx.writeBuffer());
    },
  };
}
