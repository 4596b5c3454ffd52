import type { Queryable } from '../../platform/db/connect.js';
import type { cases } from '../../platform/db/core-tables.js';
import { recordAudit, type Actor } from '../../platform/audit.js';

/** Every case stored gets its own audit event, holding the row as stored: added by hand, imported, or sampled. */
export async function auditNewCases(
  tx: Queryable,
  actor: Actor,
  inspectionId: string,
  rows: readonly (typeof cases.$inferSelect)[],
  action: 'case.create' | 'case.import',
) {
  for (const row of rows)
    await recordAudit(tx, actor, { action, subjectType: 'case', subjectId: row.id, inspectionId, after: row });
}
