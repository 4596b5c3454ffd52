import { and, eq } from 'drizzle-orm';
import type { Database, Queryable } from '../../../platform/db/connect.js';
import { systemClock, type Clock } from '../../../platform/clock.js';
import { reportContents, reportStandardTexts } from '../tables.js';
import { users } from '../../../platform/db/core-tables.js';
import { getFramework } from '../../../platform/framework-registry.js';
import type { ContextFacts, SurveyResults } from '../../../domain/report/model.js';
import { recordAudit, type Actor } from '../../../platform/audit.js';
import { ValidationError } from '../../../platform/errors.js';
import { validated } from '../../../platform/field-errors.js';
import { standardOf } from '../../judgements/index.js';
import { inspectionWith } from '../../../policy/policy.js';
import { writeVersioned } from '../../../platform/db/versioned.js';
import {
  emptyContextFacts,
  emptySurveys,
  reportLanguageSchema,
  reportProseSchema,
  standardTextSchema,
  surveysAndContextSchema,
  type SurveysAndContextInput,
} from './schemas.js';
import type { z } from 'zod';

export type ReportContentRow = typeof reportContents.$inferSelect;

/** The stored content, or the empty content (version 0: nothing saved yet). */
export async function contentOf(db: Queryable, inspectionId: string) {
  const [row] = await db.select().from(reportContents).where(eq(reportContents.inspectionId, inspectionId));
  const content = row ?? {
    inspectionId,
    foreword: '',
    background: '',
    localContext: '',
    involvement: '',
    diversity: '',
    signatoryName: '',
    signatoryRole: '',
    surveys: emptySurveys,
    contextFacts: emptyContextFacts,
    keyQuestionFormat: 'percentages' as const,
    showPromptTables: false,
    language: 'en' as const,
    version: 0,
    updatedBy: null,
    updatedAt: new Date(0),
  };
  return {
    ...content,
    surveys: { ...emptySurveys, ...(content.surveys as Partial<SurveyResults>) },
    contextFacts: { ...emptyContextFacts, ...(content.contextFacts as Partial<ContextFacts>) },
  };
}

export async function standardTextsOf(db: Queryable, inspectionId: string) {
  return db.select().from(reportStandardTexts).where(eq(reportStandardTexts.inspectionId, inspectionId));
}

const conflictMessage =
  'Someone else saved this part of the report after you opened it. Nothing you entered was saved.';

export function createReportContentService(db: Database, clock: Clock = systemClock) {
  /** Writes part of the content row in one transaction, refusing a stale version, with its audit event. */
  async function saveContent(
    actor: Actor,
    inspectionId: string,
    action: string,
    expectedVersion: number | undefined,
    values: Partial<typeof reportContents.$inferInsert>,
  ) {
    return db.transaction(async (tx) => {
      const { before, after } = await writeVersioned<ReportContentRow>(tx, {
        table: reportContents,
        where: eq(reportContents.inspectionId, inspectionId),
        expectedVersion,
        values: { ...values, updatedBy: actor.id, updatedAt: clock.now() },
        insert: { inspectionId },
        conflictMessage,
      });
      await recordAudit(tx, actor, {
        action,
        subjectType: 'report',
        subjectId: inspectionId,
        inspectionId,
        before,
        after,
      });
      return after;
    });
  }

  return {
    /** The report's prose and options, with who saved them last. */
    async content(actor: Actor, inspectionId: string) {
      const inspection = await inspectionWith(db, actor, inspectionId, 'report.view');
      const content = await contentOf(db, inspectionId);
      const [updater] = content.updatedBy
        ? await db.select({ name: users.displayName }).from(users).where(eq(users.id, content.updatedBy))
        : [];
      return {
        inspection,
        framework: getFramework(inspection.frameworkId),
        content,
        updatedByName: updater?.name ?? null,
      };
    },

    async saveProse(actor: Actor, inspectionId: string, input: z.input<typeof reportProseSchema>) {
      await inspectionWith(db, actor, inspectionId, 'report.edit');
      const parsed = validated(reportProseSchema, input);
      const { expectedVersion, ...values } = parsed;
      return saveContent(actor, inspectionId, 'report.prose.save', expectedVersion, values);
    },

    /** The language the report is downloaded in: English, Cymraeg or both editions. */
    async saveLanguage(actor: Actor, inspectionId: string, input: z.input<typeof reportLanguageSchema>) {
      await inspectionWith(db, actor, inspectionId, 'report.edit');
      const { expectedVersion, language } = validated(reportLanguageSchema, input);
      return saveContent(actor, inspectionId, 'report.language.save', expectedVersion, { language });
    },

    async saveSurveysAndContext(actor: Actor, inspectionId: string, input: SurveysAndContextInput) {
      await inspectionWith(db, actor, inspectionId, 'report.edit');
      const parsed = validated(surveysAndContextSchema, input);
      const { expectedVersion, meetings, population, youthPopulation, demographics, caseload, ...surveys } = parsed;
      if (
        surveys.childrenReplied !== null &&
        surveys.childrenConsented !== null &&
        surveys.childrenReplied > surveys.childrenConsented
      )
        throw new ValidationError({
          childrenReplied: 'Children who replied cannot be more than children who consented',
        });
      if (
        surveys.staffReplied !== null &&
        surveys.staffSurveyed !== null &&
        surveys.staffReplied > surveys.staffSurveyed
      )
        throw new ValidationError({ staffReplied: 'Staff who replied cannot be more than staff surveyed' });
      const contextFacts: ContextFacts = { meetings, population, youthPopulation, demographics, caseload };
      return saveContent(actor, inspectionId, 'report.surveys.save', expectedVersion, { surveys, contextFacts });
    },

    /** One standard's narrative, strengths and areas for improvement. */
    async standardText(actor: Actor, inspectionId: string, standardId: string) {
      const inspection = await inspectionWith(db, actor, inspectionId, 'report.view');
      const framework = getFramework(inspection.frameworkId);
      const standard = standardOf(framework, standardId);
      const [row] = await db
        .select()
        .from(reportStandardTexts)
        .where(and(eq(reportStandardTexts.inspectionId, inspectionId), eq(reportStandardTexts.standardId, standardId)));
      return { inspection, framework, standard, text: row ?? null };
    },

    async saveStandardText(
      actor: Actor,
      inspectionId: string,
      standardId: string,
      input: z.input<typeof standardTextSchema>,
    ) {
      const inspection = await inspectionWith(db, actor, inspectionId, 'report.edit');
      const parsed = validated(standardTextSchema, input);
      standardOf(getFramework(inspection.frameworkId), standardId);
      const { expectedVersion, ...values } = parsed;
      return db.transaction(async (tx) => {
        const { before, after } = await writeVersioned<typeof reportStandardTexts.$inferSelect>(tx, {
          table: reportStandardTexts,
          where: and(
            eq(reportStandardTexts.inspectionId, inspectionId),
            eq(reportStandardTexts.standardId, standardId),
          )!,
          expectedVersion,
          values: { ...values, updatedBy: actor.id, updatedAt: clock.now() },
          insert: { inspectionId, standardId },
          conflictMessage,
        });
        await recordAudit(tx, actor, {
          action: 'report.standard.save',
          subjectType: 'standard',
          subjectId: standardId,
          inspectionId,
          before,
          after,
        });
        return after;
      });
    },
  };
}
