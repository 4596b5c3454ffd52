import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../platform/db/connect.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import { cases, memberships, teamMembers, users } from '../../platform/db/core-tables.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { getFramework } from '../../platform/framework-registry.js';
import { InputError } from '../../domain/input/input-error.js';
import { parsePopulationCsv } from '../../domain/sampling/index.js';
import { chooseRoundCases, shareOut, type CaseSelection } from '../../domain/qa/index.js';
import { isUuid } from '../../policy/access.js';
import { organisationWith } from '../../policy/policy.js';
import type { InspectionService } from '../inspections/index.js';
import { validated } from '../../platform/field-errors.js';
import type { FrameworkService } from '../frameworks/index.js';
import { qaProgrammes, qaRounds } from './tables.js';
import { periodEndOf, programmeSchema, roundSchema, type ProgrammeInput, type RoundInput } from './validation.js';

export type Programme = typeof qaProgrammes.$inferSelect;

function selectionOf(programme: Programme, refs: readonly string[]): CaseSelection {
  if (programme.selection === 'perCaseManager')
    return { kind: 'perCaseManager', perCaseManager: programme.perCaseManager! };
  if (programme.selection === 'sample')
    return { kind: 'sample', confidence: programme.confidence!, margin: programme.margin! };
  return { kind: 'byHand', refs };
}

export function createProgrammeService(
  db: Database,
  inspections: InspectionService,
  frameworks: FrameworkService,
  clock: Clock = systemClock,
) {
  async function programmeWith(actor: Actor, programmeId: string, permission: 'qa.manage' | 'qa.view' = 'qa.manage') {
    if (!isUuid(programmeId)) throw new NotFoundError('programme not found');
    const [programme] = await db.select().from(qaProgrammes).where(eq(qaProgrammes.id, programmeId));
    if (!programme) throw new NotFoundError('programme not found');
    await organisationWith(db, actor, programme.organisationId, permission);
    return programme;
  }

  /** The service's members who may audit: its auditors and QA leads. */
  async function auditorsOf(organisationId: string) {
    return db
      .select({ id: users.id, displayName: users.displayName, role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organisationId, organisationId), inArray(memberships.role, ['auditor', 'qaLead'])))
      .orderBy(asc(users.displayName));
  }

  return {
    auditorsOf: async (actor: Actor, organisationId: string) => {
      await organisationWith(db, actor, organisationId, 'qa.manage');
      return auditorsOf(organisationId);
    },

    async list(actor: Actor, organisationId: string) {
      await organisationWith(db, actor, organisationId, 'qa.view');
      return db
        .select()
        .from(qaProgrammes)
        .where(eq(qaProgrammes.organisationId, organisationId))
        .orderBy(asc(qaProgrammes.createdAt));
    },

    async create(actor: Actor, organisationId: string, input: ProgrammeInput) {
      await organisationWith(db, actor, organisationId, 'qa.manage');
      const parsed = validated(programmeSchema, input);
      const value = parsed;
      if (!(await frameworks.usableBy(organisationId, value.framework)))
        throw new ValidationError({ framework: 'Select a framework version' });
      const framework = getFramework(value.framework);
      const unknown = value.standards.find((id) => framework.standardById.get(id)?.assessment !== 'caseBased');
      if (unknown)
        throw new ValidationError({ standards: `${unknown} is not a case-based standard of ${framework.title}` });
      const permitted = new Set((await auditorsOf(organisationId)).map((a) => a.id));
      if (value.auditors.some((id) => !permitted.has(id)))
        throw new ValidationError({ auditors: "Select auditors from the service's auditors and QA leads" });
      return db.transaction(async (tx) => {
        const [programme] = await tx
          .insert(qaProgrammes)
          .values({
            organisationId,
            title: value.title,
            frameworkId: value.framework,
            frequency: value.frequency,
            standards: value.standards.length ? value.standards : null,
            selection: value.selection,
            perCaseManager: value.selection === 'perCaseManager' ? value.perCaseManager! : null,
            confidence: value.selection === 'sample' ? value.confidence! : null,
            margin: value.selection === 'sample' ? value.margin! : null,
            auditors: value.auditors,
            createdBy: actor.id,
          })
          .returning();
        await recordAudit(tx, actor, {
          action: 'qa.programme.create',
          subjectType: 'qaProgramme',
          subjectId: programme!.id,
          after: programme,
        });
        return programme!;
      });
    },

    get: programmeWith,

    async rounds(actor: Actor, programmeId: string) {
      const programme = await programmeWith(actor, programmeId, 'qa.view');
      const rounds = await db
        .select()
        .from(qaRounds)
        .where(eq(qaRounds.programmeId, programmeId))
        .orderBy(asc(qaRounds.periodStart));
      return { programme, rounds };
    },

    /** A round: the cases chosen from the period's population become an internal audit, shared among the auditors. */
    async startRound(actor: Actor, programmeId: string, input: RoundInput) {
      const programme = await programmeWith(actor, programmeId);
      const parsed = validated(roundSchema, input);
      const { periodStart, population: csv, refs: typedRefs } = parsed;
      let population;
      try {
        population = parsePopulationCsv(
          csv,
          'population',
          programme.selection === 'perCaseManager' ? ['caseManager'] : [],
        );
      } catch (error) {
        if (error instanceof InputError) throw new ValidationError({ population: error.message });
        throw error;
      }
      const refs = typedRefs.split(/[\s,]+/).filter(Boolean);
      if (programme.selection === 'byHand') {
        if (refs.length === 0) throw new ValidationError({ refs: 'Enter the references of the cases to audit' });
        const known = new Set(population.map((c) => c.ref));
        const missing = refs.find((ref) => !known.has(ref));
        if (missing) throw new ValidationError({ refs: `Case ${missing} is not in the population` });
      }
      const chosen = chooseRoundCases(population, selectionOf(programme, refs), `${programme.id}/${periodStart}`);
      if (chosen.cases.length === 0)
        throw new ValidationError({ population: 'No case in the population can be chosen' });
      const periodEnd = periodEndOf(periodStart, programme.frequency);
      // The internal audit, its round and its cases are made in one transaction, or none of them is.
      const { inspection, built } = await inspections.createAnd(
        actor,
        {
          organisationId: programme.organisationId,
          framework: programme.frameworkId,
          kind: 'internalAudit',
          title: `${programme.title}: ${periodStart} to ${periodEnd}`,
          fieldworkStart: periodStart,
          fieldworkEnd: periodEnd,
        },
        async (tx, inspection) => {
          const [round] = await tx
            .insert(qaRounds)
            .values({
              programmeId,
              inspectionId: inspection.id,
              periodStart,
              periodEnd,
              populationSize: population.length,
            })
            .returning();
          const auditors = programme.auditors.filter((id) => id !== actor.id);
          if (auditors.length)
            await tx
              .insert(teamMembers)
              .values(auditors.map((userId) => ({ inspectionId: inspection.id, userId, role: 'inspector' as const })));
          const rows = await tx
            .insert(cases)
            .values(
              shareOut(chosen.cases, programme.auditors).map(({ item, auditor }) => ({
                inspectionId: inspection.id,
                ref: item.ref,
                domain: item.domain,
                disposal: item.disposal,
                sex: item.sex,
                rosh: item.rosh,
                swb: item.swb,
                caseManager: item.caseManager,
                startDate: item.startDate,
                allocatedTo: auditor,
              })),
            )
            .returning({ id: cases.id, ref: cases.ref, allocatedTo: cases.allocatedTo });
          await recordAudit(tx, actor, {
            action: 'qa.round.start',
            subjectType: 'qaRound',
            subjectId: round!.id,
            inspectionId: inspection.id,
            after: { round, cases: rows, shortCaseManagers: chosen.shortCaseManagers },
          });
          return { round: round!, cases: rows };
        },
      );
      return { ...built, inspection, shortCaseManagers: chosen.shortCaseManagers };
    },

    async closeRound(actor: Actor, roundId: string) {
      if (!isUuid(roundId)) throw new NotFoundError('round not found');
      const [round] = await db.select().from(qaRounds).where(eq(qaRounds.id, roundId));
      if (!round) throw new NotFoundError('round not found');
      await programmeWith(actor, round.programmeId);
      return db.transaction(async (tx) => {
        const [closed] = await tx
          .update(qaRounds)
          .set({ closedAt: clock.now() })
          .where(eq(qaRounds.id, roundId))
          .returning();
        await recordAudit(tx, actor, {
          action: 'qa.round.close',
          subjectType: 'qaRound',
          subjectId: roundId,
          inspectionId: round.inspectionId,
          before: { closedAt: round.closedAt },
          after: { closedAt: closed!.closedAt },
        });
        return closed!;
      });
    },
  };
}

export type ProgrammeService = ReturnType<typeof createProgrammeService>;
