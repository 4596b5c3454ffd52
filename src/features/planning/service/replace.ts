import { and, eq, isNotNull } from 'drizzle-orm';
import type { Database } from '../../../platform/db/connect.js';
import { answers, cases } from '../../../platform/db/core-tables.js';
import { populationCases, sampleDraws, sampleReplacements } from '../tables.js';
import { domainWords } from '../../../domain/sampling/sample-size.js';
import { recordAudit, type Actor } from '../../../platform/audit.js';
import { ValidationError } from '../../../platform/errors.js';
import { inspectionWith } from '../../../policy/policy.js';
import { asPopulationCase } from './population.js';
import { caseValuesOf, type DrawResult } from './case-values.js';
import { parseInput, replaceCaseSchema } from './schemas.js';
import { chosenCaseOf } from './chosen-case.js';

/**
 * A sampled case found not eligible: it leaves the inspection's cases (recorded, with the reason, against the
 * sample) and the next case of its domain's reserve list, in the reserve's order, takes its place and its
 * inspector. Only a case with no answers yet: an assessed case is evidence, never silently removed.
 */
export async function replaceIneligible(db: Database, actor: Actor, inspectionId: string, input: unknown) {
  await inspectionWith(db, actor, inspectionId, 'inspection.plan');
  const { caseId, reason } = parseInput(replaceCaseSchema, input);
  return db.transaction(async (tx) => {
    const ineligible = await chosenCaseOf(tx, inspectionId, caseId);
    const [draw] = await tx
      .select()
      .from(sampleDraws)
      .where(and(eq(sampleDraws.inspectionId, inspectionId), isNotNull(sampleDraws.usedAt)));
    if (!draw) throw new ValidationError({ caseId: 'The cases did not come from a drawn sample: there is no reserve' });
    const domain = ineligible.domain;
    if (domain !== 'court' && domain !== 'outOfCourt')
      throw new ValidationError({
        caseId: `Case ${ineligible.ref} is not sampled (every resettlement case is): there is no reserve`,
      });
    const [answered] = await tx.select({ id: answers.caseId }).from(answers).where(eq(answers.caseId, caseId)).limit(1);
    if (answered)
      throw new ValidationError({
        caseId: `Case ${ineligible.ref} has answers recorded: an assessed case cannot be replaced`,
      });
    const current = await tx.select({ ref: cases.ref }).from(cases).where(eq(cases.inspectionId, inspectionId));
    const earlier = await tx.select().from(sampleReplacements).where(eq(sampleReplacements.drawId, draw.id));
    const taken = new Set([
      ...current.map((c) => c.ref),
      ...earlier.flatMap((r) => [r.ineligibleRef, r.replacementRef ?? '']),
    ]);
    const reserve = (draw.result as DrawResult).reserveByDomain[domain];
    const next = reserve.find((ref) => !taken.has(ref));
    if (next === undefined)
      throw new ValidationError({ caseId: `No ${domainWords[domain]} case is left on the reserve list` });
    const [source] = await tx
      .select()
      .from(populationCases)
      .where(and(eq(populationCases.inspectionId, inspectionId), eq(populationCases.ref, next)));
    await tx.delete(cases).where(eq(cases.id, caseId));
    const [added] = await tx
      .insert(cases)
      .values({ inspectionId, ...caseValuesOf(asPopulationCase(source!)), allocatedTo: ineligible.allocatedTo })
      .returning();
    await tx.insert(sampleReplacements).values({
      drawId: draw.id,
      inspectionId,
      ineligibleRef: ineligible.ref,
      reason,
      replacementRef: next,
      replacedBy: actor.id,
    });
    await recordAudit(tx, actor, {
      action: 'sample.replace',
      subjectType: 'case',
      subjectId: caseId,
      inspectionId,
      before: ineligible,
      after: { reason, replacement: added },
    });
    return { removed: ineligible.ref, added: added!.ref, addedId: added!.id };
  });
}
