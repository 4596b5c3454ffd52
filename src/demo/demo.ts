import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../platform/db/connect.js';
import { answers, cases, inspections, memberships, organisations, teamMembers } from '../platform/db/core-tables.js';
import { discretionDecisions } from '../features/ratings/tables.js';
import { judgements } from '../features/judgements/tables.js';
import { getFramework } from '../platform/framework-registry.js';
import { wholePercent } from '../domain/rating/bands.js';
import type { Answer } from '../domain/rating/types.js';
import { recordAudit } from '../platform/audit.js';
import { seedDemoPlan } from './demo-plan.js';
import { seedDemoReport } from './demo-report.js';
import type { UserService } from '../features/accounts/users.js';

/**
 * The demo inspection: Hackney YJS, 2023 (seed 003), with synthetic cases, clearly marked, whose answers
 * reproduce the report's published key-question percentages, so its ratings box matches the report.
 */
const hackney = {
  service: 'Hackney Youth Justice Service (demo)',
  title: 'Demo: Hackney YJS joint inspection, 2023 (synthetic cases)',
  fieldworkStart: '2023-01-16',
  fieldworkEnd: '2023-02-10',
  caseWindowFrom: '2022-01-17',
  caseWindowTo: '2022-11-11',
  percents: {
    '2.1': [76, 65, 71],
    '2.2': [76, 53, 65],
    '2.3': [82, 76, 76],
    '2.4': [76, 76, 71],
    '3.1': [100, 89, 89],
    '3.2': [100, 94, 72],
    '3.3': [100, 78, 83],
  } as Record<string, number[]>,
  judgements: {
    '1.1': 'Good',
    '1.2': 'Outstanding',
    '1.3': 'Requires improvement',
    '1.4': 'Good',
    '3.4': 'Good',
    '4.1': 'Good',
  } as Record<string, string>,
  discretion: { standardId: '3.3', rating: 'Outstanding', rationale: 'the overall quality of work' },
};

/**
 * The sample as the Hackney report describes it: "17 community sentences"; "five youth conditional cautions,
 * seven youth cautions and six community resolutions"; four resettlement cases. Case managers interviewed:
 * 16 of the out-of-court cases, as published, and 34 in all (the other 18 between court and resettlement).
 */
const demoSample: Record<string, { disposals: [string, number][]; interviewed: number }> = {
  court: {
    disposals: [
      ['referralOrder', 10],
      ['youthRehabilitationOrder', 7],
    ],
    interviewed: 17,
  },
  outOfCourt: {
    disposals: [
      ['youthConditionalCaution', 5],
      ['youthCaution', 7],
      ['communityResolution', 6],
    ],
    interviewed: 16,
  },
  resettlement: { disposals: [['custodyRelease', 4]], interviewed: 1 },
};
const disposalsOf = (domain: string) =>
  demoSample[domain]!.disposals.flatMap(([disposal, n]) => Array.from({ length: n }, () => disposal));

/** The largest number of relevant cases (up to `cases`) and a 'Yes' count that print as `percent`. */
export function countsFor(percent: number, cases: number): { relevant: number; yes: number } {
  for (let relevant = cases; relevant > 0; relevant--)
    for (let yes = 0; yes <= relevant; yes++)
      if (wholePercent(yes, relevant, 'halfUp') === percent) return { relevant, yes };
  throw new Error(`no counts of at most ${cases} cases give ${percent}%`);
}

export interface DemoSignIn {
  email: string;
  password: string;
}

/** Loads the demo inspection unless one exists. Returns the demo sign-in when it creates it. */
export async function seedDemo(db: Database, userService: UserService): Promise<DemoSignIn | null> {
  const [existing] = await db.select({ id: inspections.id }).from(inspections).where(eq(inspections.isDemo, true));
  if (existing) return null;
  const framework = getFramework('hmip-youth-2021');
  const password = randomBytes(9).toString('base64url');
  const lead = await userService.create(null, {
    email: 'lead.inspector@demo.invalid',
    displayName: 'Demo Lead Inspector',
    password,
    isAdmin: false,
  });
  const second = await userService.create(null, {
    email: 'inspector@demo.invalid',
    displayName: 'Demo Inspector',
    password,
    isAdmin: false,
  });

  let hackneyOrganisationId = '';
  await db.transaction(async (tx) => {
    const [organisation] = await tx
      .insert(organisations)
      .values({ name: hackney.service, localAuthorities: ['Hackney'] })
      .returning();
    // The inspectors belong to the inspectorate, not to the service they inspect: they reach the inspection
    // through its team. The lead inspector is one of the inspectorate's leads, so may start inspections.
    const [inspectorate] = await tx
      .insert(organisations)
      .values({ name: 'HM Inspectorate of Probation (demo)', kind: 'inspectorate' })
      .returning();
    await tx.insert(memberships).values([
      { userId: lead.id, organisationId: inspectorate!.id, role: 'qaLead' },
      { userId: second.id, organisationId: inspectorate!.id, role: 'auditor' },
    ]);
    hackneyOrganisationId = organisation!.id;
    const [inspection] = await tx
      .insert(inspections)
      .values({
        organisationId: organisation!.id,
        frameworkId: framework.id,
        kind: 'jointInspection',
        title: hackney.title,
        fieldworkStart: hackney.fieldworkStart,
        fieldworkEnd: hackney.fieldworkEnd,
        secondWeekStart: '2023-02-06',
        caseWindowFrom: hackney.caseWindowFrom,
        caseWindowTo: hackney.caseWindowTo,
        status: 'ratingsPanel',
        isDemo: true,
        createdBy: lead.id,
      })
      .returning();
    const inspectionId = inspection!.id;
    await tx.insert(teamMembers).values([
      { inspectionId, userId: lead.id, role: 'leadInspector' },
      { inspectionId, userId: second.id, role: 'inspector' },
    ]);

    for (const domain of Object.keys(demoSample)) {
      const count = disposalsOf(domain).length;
      const prefix = { court: 'C', outOfCourt: 'O', resettlement: 'R' }[domain]!;
      const rows = await tx
        .insert(cases)
        .values(
          Array.from({ length: count }, (_, i) => ({
            inspectionId,
            ref: `DEMO-${prefix}${String(i + 1).padStart(2, '0')}`,
            domain,
            disposal: disposalsOf(domain)[i]!,
            sex: i % 6 === 5 ? 'female' : 'male',
            ethnicityGroup: ['white', 'black', 'mixed', 'asian', 'black', 'white', 'other'][i % 7]!,
            disability: i % 4 === 0 ? 'yes' : 'no',
            lookedAfter: i % 5 === 0 ? 'yes' : 'no',
            ageBand: i % 3 === 0 ? '10-14' : '15-17',
            rosh: ['medium', 'high', 'medium', 'veryHigh'][i % 4]!,
            swb: ['medium', 'high', 'medium', 'veryHigh'][i % 4]!,
            allocatedTo: i % 2 === 0 ? lead.id : second.id,
            caseManagerInterviewed: i < demoSample[domain]!.interviewed,
            isSynthetic: true,
          })),
        )
        .returning();
      // Factors stay unknown: 'n/a' answers make the sub-samples, as an inspector's would.
      const rowsOfAnswers: (typeof answers.$inferInsert)[] = [];
      for (const standard of framework.standards.filter(
        (s) => s.caseDomain === domain && s.assessment === 'caseBased',
      )) {
        standard.keyQuestions.forEach((keyQuestion, k) => {
          const { relevant, yes } = countsFor(hackney.percents[standard.id]![k]!, count);
          rows.forEach((row, i) => {
            const answer: Answer = i < yes ? 'yes' : i < relevant ? 'no' : 'n/a';
            const evidence = 'Synthetic demo case: not a real child.';
            rowsOfAnswers.push({
              caseId: row.id,
              questionId: keyQuestion.id,
              answer,
              evidence,
              answeredBy: row.allocatedTo,
            });
            for (const prompt of keyQuestion.prompts)
              rowsOfAnswers.push({
                caseId: row.id,
                questionId: prompt.id,
                answer,
                evidence: '',
                answeredBy: row.allocatedTo,
              });
          });
        });
      }
      for (let i = 0; i < rowsOfAnswers.length; i += 500)
        await tx.insert(answers).values(rowsOfAnswers.slice(i, i + 500));
    }

    await tx.insert(judgements).values(
      Object.entries(hackney.judgements).map(([standardId, rating]) => ({
        inspectionId,
        standardId,
        rating,
        strengths: 'Demo: see the Hackney report (May 2023) for the published strengths.',
        areasForImprovement: 'Demo: see the Hackney report (May 2023) for the published areas for improvement.',
        updatedBy: lead.id,
      })),
    );
    await tx.insert(discretionDecisions).values({ inspectionId, ...hackney.discretion, decidedBy: lead.id });
    await seedDemoReport(tx, inspectionId, lead.id);
    await recordAudit(tx, null, {
      action: 'demo.seed',
      subjectType: 'inspection',
      subjectId: inspectionId,
      inspectionId,
      after: { title: hackney.title },
    });
  });
  await seedDemoPlan(db, userService, { password, leadInspectorId: lead.id, hackneyOrganisationId });
  return { email: lead.email, password };
}
