import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../platform/db/connect.js';
import { cases, organisations, teamMembers, users } from '../../../platform/db/core-tables.js';
import { judgementsOf, meetingCountOf } from '../../judgements/index.js';
import { buildReportModel, type ReportModel } from '../../../domain/report/model.js';
import type { Actor } from '../../../platform/audit.js';
import type { RatingService } from '../../ratings/index.js';
import { contentOf, standardTextsOf } from './content.js';
import { recommendationsOf } from './recommendations.js';

/** The report as the inspection's data and prose give it now: read everything, then the pure builder. */
export async function liveReport(db: Database, ratings: RatingService, actor: Actor, inspectionId: string) {
  const { inspection, framework, rating, toConsider } = await ratings.rate(actor, inspectionId, 'report.view');
  const [organisation] = await db
    .select({ name: organisations.name, localAuthorities: organisations.localAuthorities })
    .from(organisations)
    .where(eq(organisations.id, inspection.organisationId));
  const [lead] = await db
    .select({ name: users.displayName })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teamMembers.inspectionId, inspectionId), eq(teamMembers.role, 'leadInspector')));
  const content = await contentOf(db, inspectionId);
  const texts = await standardTextsOf(db, inspectionId);
  const judged = await judgementsOf(db, inspectionId);
  const caseRows = await db
    .select({
      domain: cases.domain,
      disposal: cases.disposal,
      sex: cases.sex,
      ethnicityGroup: cases.ethnicityGroup,
      disability: cases.disability,
      caseManagerInterviewed: cases.caseManagerInterviewed,
    })
    .from(cases)
    .where(eq(cases.inspectionId, inspectionId));
  const meetingCount = await meetingCountOf(db, inspectionId);
  const standardTexts: Record<string, { narrative: string; strengths: string; areasForImprovement: string }> = {};
  // A judged standard's strengths and areas for improvement come from its judgement unless the report rewrites them.
  for (const j of judged)
    standardTexts[j.standardId] = { narrative: '', strengths: j.strengths, areasForImprovement: j.areasForImprovement };
  for (const t of texts) {
    const fromJudgement = standardTexts[t.standardId];
    standardTexts[t.standardId] = {
      narrative: t.narrative,
      strengths: t.strengths || fromJudgement?.strengths || '',
      areasForImprovement: t.areasForImprovement || fromJudgement?.areasForImprovement || '',
    };
  }
  const model: ReportModel = buildReportModel({
    framework,
    rating,
    service: organisation!.name,
    place: organisation!.localAuthorities[0] ?? organisation!.name,
    leadInspector: lead?.name ?? null,
    signatory: { name: content.signatoryName, role: content.signatoryRole },
    inspection,
    prose: {
      foreword: content.foreword,
      background: content.background,
      localContext: content.localContext,
      involvement: content.involvement,
      diversity: content.diversity,
    },
    surveys: content.surveys,
    contextFacts: content.contextFacts,
    options: { keyQuestionFormat: content.keyQuestionFormat, showPromptTables: content.showPromptTables },
    standardTexts,
    recommendations: await recommendationsOf(db, inspectionId),
    cases: caseRows,
    meetings: meetingCount,
  });
  return { inspection, framework, rating, toConsider, model };
}

/** JSON with keys in a fixed order: jsonb reorders keys, so a stored snapshot is compared in this form. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}
