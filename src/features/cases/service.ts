import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../../platform/db/connect.js';
import { cases, inspections, teamMembers, users } from '../../platform/db/core-tables.js';
import type { Framework } from '../../domain/framework/model.js';
import { getFramework } from '../../platform/framework-registry.js';
import { isUuid, visibleInspections } from '../../policy/access.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import { versionedCache } from '../../platform/db/versioned-cache.js';
import { caseInputSchema, factorFields, type CaseAttributes, type CaseInput } from './attributes.js';
import { CaseImportError, readCaseCsv, type CaseCsvRow, type ImportProblem } from './case-import.js';
import { searchCases, type CaseSearch } from './search.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { fieldErrors } from '../../platform/field-errors.js';
import { demand, inspectionWith, rolesOf, storedRoles, type Permission } from '../../policy/policy.js';
import { recordsInSlices } from '../../domain/input/csv.js';
import { readInTurns } from '../../platform/csv.js';
import { answersByCase } from './answers.js';
import { auditNewCases } from './new-cases.js';

import { assessedCaseOf, expectedKeyQuestions, isAssessed } from './assessed.js';

export { assessedCaseOf, expectedKeyQuestions, isAssessed, type CaseRow } from './assessed.js';

/** Checks a case's attributes against the inspection's framework; returns field errors. */
export function checkCaseAttributes(
  framework: Framework,
  input: CaseInput,
): { value?: CaseAttributes; errors: Record<string, string> } {
  const parsed = caseInputSchema.safeParse(input);
  if (!parsed.success) return { errors: fieldErrors(parsed.error.issues) };
  const value = parsed.data;
  const errors: Record<string, string> = {};
  const domain = framework.file.caseDomains.find((d) => d.id === value.domain);
  if (!domain)
    errors.domain = `Select the kind of case: ${framework.file.caseDomains.map((d) => d.label.toLowerCase()).join(', ')}`;
  if (value.disposal) {
    const disposal = framework.file.disposalTypes.find((d) => d.id === value.disposal);
    if (!disposal) errors.disposal = 'Select a disposal type from the list';
    else if (domain && disposal.caseDomain !== domain.id)
      errors.disposal = `${disposal.label} is not a disposal for ${domain.label.toLowerCase()}`;
  }
  for (const { field, factorId } of factorFields) {
    if (value[field] === null || value[field] === undefined) continue;
    const factor = framework.file.caseFactors.find((f) => f.id === factorId);
    if (!factor) errors[field] = `${framework.title} has no such factor: leave ${field} empty`;
    // A change of any kind is a change that required reviewing: "no review required" rules each kind out.
    else if (
      value[field] === true &&
      value.reviewRequired === false &&
      factor.whenNotRecorded?.some((s) => 'factor' in s && s.factor === 'reviewRequired')
    )
      errors[field] = `${factor.label}: that needs a review, so reviewRequired cannot be no`;
  }
  return Object.keys(errors).length > 0 ? { errors } : { value, errors };
}

const columnsOf = (value: CaseAttributes) => ({
  ref: value.ref,
  domain: value.domain,
  disposal: value.disposal ?? null,
  sex: value.sex ?? null,
  ethnicityGroup: value.ethnicityGroup ?? null,
  disability: value.disability ?? null,
  lookedAfter: value.lookedAfter ?? null,
  ageBand: value.ageBand ?? null,
  rosh: value.rosh ?? null,
  swb: value.swb ?? null,
  childSafetyFactors: value.childSafetyFactors ?? null,
  otherPeopleSafetyFactors: value.otherPeopleSafetyFactors ?? null,
  reviewRequired: value.reviewRequired ?? null,
  reviewDesistance: value.reviewDesistance ?? null,
  reviewChildSafety: value.reviewChildSafety ?? null,
  reviewOtherPeopleSafety: value.reviewOtherPeopleSafety ?? null,
  caseManagerInterviewed: value.caseManagerInterviewed,
});

export function createCaseService(db: Database) {
  // Each case's key questions answered of those expected, counted once per change of the inspection's inputs.
  const progressCounts = versionedCache<Map<string, { expected: number; answered: number }>>();

  /** The case with its inspection, in one query, if the actor may see the inspection and do `permission`. */
  async function caseFor(actor: Actor, inspectionId: string, caseId: string, permission: Permission = 'case.view') {
    if (!isUuid(inspectionId) || !isUuid(caseId)) throw new NotFoundError('case not found');
    const [found] = await db
      .select({
        inspection: inspections,
        row: cases,
        roles: storedRoles(actor, inspections.organisationId, inspections.id),
      })
      .from(cases)
      .innerJoin(inspections, eq(inspections.id, cases.inspectionId))
      .where(and(eq(cases.id, caseId), eq(cases.inspectionId, inspectionId), visibleInspections(actor)));
    if (!found) throw new NotFoundError('case not found');
    demand(rolesOf(actor, found.roles), permission, 'case not found', found.inspection);
    return { inspection: found.inspection, row: found.row };
  }

  /** The cases of an inspection, each with its progress: key questions answered of those expected. */
  async function list(actor: Actor, inspectionId: string, permission: Permission = 'case.view') {
    const inspection = await inspectionWith(db, actor, inspectionId, permission);
    const framework = getFramework(inspection.frameworkId);
    const rows = await db
      .select({ case: cases, allocatedName: users.displayName })
      .from(cases)
      .leftJoin(users, eq(users.id, cases.allocatedTo))
      .where(eq(cases.inspectionId, inspectionId))
      .orderBy(asc(cases.ref));
    const counts = await progressOf(inspectionId, framework);
    // Marked complete by its inspector: how a case with no key questions (resettlement) is assessed.
    const completed = new Set(
      rowsOf<{ id: string }>(
        await db.execute(sql`select d.case_id as id from case_completions d join cases c on c.id = d.case_id
          where c.inspection_id = ${inspectionId}`),
      ).map((row) => row.id),
    );
    // A case added between the two reads has its counts on the next read: none answered yet.
    return rows.map(({ case: row, allocatedName }) => {
      const { expected, answered } = counts.get(row.id) ?? {
        expected: expectedKeyQuestions(framework, assessedCaseOf(row, {})).length,
        answered: 0,
      };
      return {
        ...row,
        allocatedName,
        expected,
        answered,
        assessed: isAssessed(expected, answered, completed.has(row.id)),
      };
    });
  }

  /** Each case's key questions expected and answered, counted once per change of the inspection's inputs. */
  function progressOf(inspectionId: string, framework: Framework) {
    return progressCounts.get(db, inspectionId, async () => {
      const caseRows = await db.select().from(cases).where(eq(cases.inspectionId, inspectionId));
      const byCase = await answersByCase(
        db,
        caseRows.map((r) => r.id),
      );
      return new Map(
        caseRows.map((row) => {
          const caseAnswers = byCase.get(row.id)!;
          const expected = expectedKeyQuestions(framework, assessedCaseOf(row, caseAnswers));
          const answered = expected.filter((kq) => caseAnswers[kq.id] !== undefined).length;
          return [row.id, { expected: expected.length, answered }];
        }),
      );
    });
  }

  return {
    caseFor,
    list,

    /** How far the cases are assessed, by inspector: counts only, for whoever sees the inspection. */
    async progress(actor: Actor, inspectionId: string) {
      return (await list(actor, inspectionId, 'inspection.view')).map((c) => ({
        allocatedTo: c.allocatedTo,
        allocatedName: c.allocatedName,
        answered: c.answered,
        expected: c.expected,
        assessed: c.assessed,
      }));
    },

    async add(actor: Actor, inspectionId: string, input: CaseInput) {
      const inspection = await inspectionWith(db, actor, inspectionId, 'case.edit');
      const { value, errors } = checkCaseAttributes(getFramework(inspection.frameworkId), input);
      if (!value) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const [existing] = await tx
          .select({ id: cases.id })
          .from(cases)
          .where(and(eq(cases.inspectionId, inspectionId), eq(cases.ref, value.ref)));
        if (existing) throw new ValidationError({ ref: `Case ${value.ref} is already in this inspection` });
        const [row] = await tx
          .insert(cases)
          .values({ inspectionId, ...columnsOf(value) })
          .returning();
        await auditNewCases(tx, actor, inspectionId, [row!], 'case.create');
        return row!;
      });
    },

    async update(actor: Actor, inspectionId: string, caseId: string, input: CaseInput) {
      const { inspection, row: before } = await caseFor(actor, inspectionId, caseId, 'case.edit');
      const { value, errors } = checkCaseAttributes(getFramework(inspection.frameworkId), input);
      if (!value) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        if (value.ref !== before.ref) {
          const [clash] = await tx
            .select({ id: cases.id })
            .from(cases)
            .where(and(eq(cases.inspectionId, inspectionId), eq(cases.ref, value.ref)));
          if (clash) throw new ValidationError({ ref: `Case ${value.ref} is already in this inspection` });
        }
        const [row] = await tx.update(cases).set(columnsOf(value)).where(eq(cases.id, caseId)).returning();
        await recordAudit(tx, actor, {
          action: 'case.update',
          subjectType: 'case',
          subjectId: caseId,
          inspectionId,
          before,
          after: row,
        });
        return row!;
      });
    },

    /**
     * Allocates cases to an inspector on the team, or to nobody (null). `undefined` means no choice was
     * made: a problem reported with any other, so a form shows them together.
     */
    async allocate(actor: Actor, inspectionId: string, caseIds: string[], userId: string | null | undefined) {
      await inspectionWith(db, actor, inspectionId, 'case.edit');
      const errors: Record<string, string> = {};
      const ids = caseIds.filter(isUuid);
      if (ids.length === 0) errors.caseIds = 'Select at least one case';
      if (userId === undefined) errors.userId = 'Select an inspector, or Nobody to take the cases off everyone';
      else if (userId !== null) {
        const [member] = isUuid(userId)
          ? await db
              .select()
              .from(teamMembers)
              .where(and(eq(teamMembers.inspectionId, inspectionId), eq(teamMembers.userId, userId)))
          : [];
        if (!member) errors.userId = 'Select an inspector on this inspection team';
      }
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const before = await tx
          .select({ id: cases.id, allocatedTo: cases.allocatedTo })
          .from(cases)
          .where(and(eq(cases.inspectionId, inspectionId), inArray(cases.id, ids)));
        const updated = await tx
          .update(cases)
          .set({ allocatedTo: userId ?? null })
          .where(and(eq(cases.inspectionId, inspectionId), inArray(cases.id, ids)))
          .returning({ id: cases.id });
        if (updated.length === 0) throw new ValidationError({ caseIds: 'Select at least one case' });
        for (const { id } of updated)
          await recordAudit(tx, actor, {
            action: 'case.allocate',
            subjectType: 'case',
            subjectId: id,
            inspectionId,
            before: { allocatedTo: before.find((row) => row.id === id)?.allocatedTo ?? null },
            after: { allocatedTo: userId ?? null },
          });
        return { count: updated.length };
      });
    },

    /**
     * The cases page: one page of the cases the search finds, with their progress, how many it found, and the
     * inspectors cases may go to. Search, filters, order and the page are one SQL query; each case's key
     * questions expected and answered come from the rules (counted once per change of the inspection).
     */
    async caseList(actor: Actor, inspectionId: string, search: CaseSearch) {
      const inspection = await inspectionWith(db, actor, inspectionId, 'case.view');
      const framework = getFramework(inspection.frameworkId);
      const counts = await progressOf(inspectionId, framework);
      return { inspection, framework, ...(await searchCases(db, actor, inspectionId, framework, counts, search)) };
    },

    /**
     * Imports cases from CSV text: every row is checked first, and either all are stored, in one
     * transaction with an audit event each, or none (CaseImportError lists every problem by line).
     */
    async importCsv(actor: Actor, inspectionId: string, text: string) {
      const inspection = await inspectionWith(db, actor, inspectionId, 'case.edit');
      const framework = getFramework(inspection.frameworkId);
      const { rows, problems } = readCaseCsv(await readInTurns(recordsInSlices(text)), framework);
      return db.transaction(async (tx) => {
        // Checked inside the transaction, as add() does, so the refs compared are the ones stored now.
        const existing = await tx.select({ ref: cases.ref }).from(cases).where(eq(cases.inspectionId, inspectionId));
        const checked = checkImportRows(framework, rows, new Set(existing.map((c) => c.ref)), problems);
        if (problems.length > 0) throw new CaseImportError(problems.sort((a, b) => a.line - b.line));
        const created = [];
        // In slices: a statement has at most 65,535 parameters.
        for (let i = 0; i < checked.length; i += 500) {
          const slice = checked.slice(i, i + 500).map((value) => ({ inspectionId, ...columnsOf(value) }));
          created.push(...(await tx.insert(cases).values(slice).returning()));
        }
        await auditNewCases(tx, actor, inspectionId, created, 'case.import');
        return created;
      });
    },
  };
}

/** Rules across a CSV's rows: each row valid for the framework, refs unique in the file and the inspection. */
function checkImportRows(
  framework: Framework,
  rows: CaseCsvRow[],
  existingRefs: ReadonlySet<string>,
  problems: ImportProblem[],
): CaseAttributes[] {
  const lineOfRef = new Map<string, number>();
  const checked: CaseAttributes[] = [];
  for (const { line, input } of rows) {
    const cellProblem = (column: string) => problems.some((p) => p.line === line && p.column === column);
    const { value, errors } = checkCaseAttributes(framework, input);
    for (const [column, message] of Object.entries(errors))
      if (!cellProblem(column)) problems.push({ line, column, message });
    if (!value) continue;
    const firstLine = lineOfRef.get(value.ref);
    if (firstLine !== undefined)
      problems.push({ line, column: 'ref', message: `case ${value.ref} is also on line ${firstLine}` });
    else if (existingRefs.has(value.ref))
      problems.push({ line, column: 'ref', message: `case ${value.ref} is already in this inspection` });
    lineOfRef.set(value.ref, firstLine ?? line);
    checked.push(value);
  }
  return checked;
}

export type CaseService = ReturnType<typeof createCaseService>;
