import { validated } from '../../../platform/field-errors.js';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf, type Database } from '../../../platform/db/connect.js';
import { answers, cases, users } from '../../../platform/db/core-tables.js';
import { recordAudit, type Actor } from '../../../platform/audit.js';
import { NotFoundError, ValidationError } from '../../../platform/errors.js';
import { inspectionWith } from '../../../policy/policy.js';
import { redactions } from '../tables.js';

const redactionSchema = z.object({
  questionId: z.string({ error: 'Select the evidence to redact' }).regex(/^[\w.]+$/, 'Select the evidence to redact'),
  text: z
    .string({ error: 'Enter the text to redact' })
    .trim()
    .min(3, 'Enter the text to redact: at least 3 characters')
    .max(10_000, 'The text to redact must be 10,000 characters or fewer'),
  reason: z
    .string({ error: 'Enter why the text is redacted' })
    .trim()
    .min(1, 'Enter why the text is redacted')
    .max(1000, 'The reason must be 1,000 characters or fewer'),
});

/**
 * An administrator removes a text from a case's record: from every answer's evidence of the case and from the
 * before/after of the inspection's audit events (so from the case history and the trail's exports too). What is
 * kept is the redaction itself: who, when, which field and why.
 */
export function createRedactionService(db: Database) {
  async function caseOf(actor: Actor, inspectionId: string, caseId: string) {
    await inspectionWith(db, actor, inspectionId, 'text.redact');
    const [row] = await db
      .select({ id: cases.id, ref: cases.ref })
      .from(cases)
      .where(and(eq(cases.id, caseId), eq(cases.inspectionId, inspectionId)));
    if (!row) throw new NotFoundError('case not found');
    return row;
  }

  return {
    /** The case's evidence notes that could be redacted, and the redactions made so far. */
    async redactable(actor: Actor, inspectionId: string, caseId: string) {
      const row = await caseOf(actor, inspectionId, caseId);
      const notes = await db
        .select({ questionId: answers.questionId, evidence: answers.evidence })
        .from(answers)
        .where(and(eq(answers.caseId, caseId), sql`${answers.evidence} <> ''`))
        .orderBy(asc(answers.questionId));
      const made = await db
        .select({
          field: redactions.field,
          reason: redactions.reason,
          redactedAt: redactions.redactedAt,
          by: users.displayName,
        })
        .from(redactions)
        .leftJoin(users, eq(users.id, redactions.redactedBy))
        .where(eq(redactions.caseId, caseId))
        .orderBy(desc(redactions.redactedAt));
      return { case: row, notes, redactions: made };
    },

    async redact(actor: Actor, inspectionId: string, caseId: string, input: Record<string, unknown>) {
      await caseOf(actor, inspectionId, caseId);
      const { questionId, text, reason } = validated(redactionSchema, input);
      const [note] = await db
        .select({ evidence: answers.evidence })
        .from(answers)
        .where(and(eq(answers.caseId, caseId), eq(answers.questionId, questionId)));
      if (!note) throw new ValidationError({ questionId: 'Select the evidence to redact' });
      if (!note.evidence.includes(text))
        throw new ValidationError({ text: `The evidence for ${questionId} does not contain this text` });
      const field = `evidence for ${questionId}`;
      return db.transaction(async (tx) => {
        const [redaction] = await tx
          .insert(redactions)
          .values({ inspectionId, caseId, field, reason, redactedBy: actor.id })
          .returning({ id: redactions.id });
        const changedAnswers = await tx
          .update(answers)
          .set({ evidence: sql`replace(${answers.evidence}, ${text}, '[redacted]')` })
          .where(and(eq(answers.caseId, caseId), sql`strpos(${answers.evidence}, ${text}) > 0`))
          .returning({ questionId: answers.questionId });
        const [events] = rowsOf<{ changed: number }>(
          await tx.execute(sql`select redact_audit_text(${redaction!.id}, ${inspectionId}, ${text}) as changed`),
        );
        const summary = {
          redactionId: redaction!.id,
          field,
          reason,
          answersChanged: changedAnswers.length,
          eventsChanged: Number(events!.changed),
        };
        await recordAudit(tx, actor, {
          action: 'text.redact',
          subjectType: 'case',
          subjectId: caseId,
          inspectionId,
          after: summary,
        });
        return summary;
      });
    },
  };
}
