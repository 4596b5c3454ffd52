import { bigint, bigserial, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * A text redacted from the record: who, when, which field and why, never the text itself. Append-only, and the
 * audit trail's trigger lets `redact_audit_text` rewrite an event's before/after only in the transaction (tx)
 * that wrote the redaction's row.
 */
export const redactions = pgTable(
  'redactions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    inspectionId: uuid('inspection_id').notNull(),
    caseId: uuid('case_id').notNull(),
    /** The field, in the domain's words: "evidence for 2.1.1.3". */
    field: text('field').notNull(),
    reason: text('reason').notNull(),
    redactedBy: uuid('redacted_by').notNull(),
    redactedAt: timestamp('redacted_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    tx: bigint('tx', { mode: 'number' })
      .notNull()
      .default(sql`txid_current()`),
  },
  (t) => [index('redactions_case').on(t.caseId)],
);
