import { readFileSync } from 'node:fs';
import type { Database } from '../platform/db/connect.js';
import { improvementPlans, planAreaRecommendations, planSignOffs } from '../features/plans/tables.js';
import { inspections, memberships, organisations, teamMembers } from '../platform/db/core-tables.js';
import { recommendations } from '../features/report/tables.js';
import { exportHeaders, guessMapping, planFromTable, type ImportTable } from '../domain/plans/table-import.js';
import { recordAudit, type Actor } from '../platform/audit.js';
import { insertImported } from '../features/plans/service/transfer.js';
import type { UserService } from '../features/accounts/users.js';

/**
 * The demo improvement plan: Ealing's Appendix B (examples/plans), read by the same import as a user's file,
 * for a demo Ealing service and inspection with the report's nine recommendations. Also the demo head of
 * service and board chair, members of the Hackney demo service too, so a plan can be made there in the browser.
 */
interface EalingPlan {
  title: string;
  statusAsAt: string;
  signedOff: { name: string; statement: string; role: string; date: string };
  areas: {
    number: number;
    domain: string;
    standardId: string;
    source: string;
    text: string;
    recommendations: number[];
    actions: { text: string; owners: string; commencement: string; status: string }[];
  }[];
}

const planFile = new URL('../../examples/plans/ealing-2023-appendix-b.json', import.meta.url);

/** The nine recommendations of the Ealing report (Appendix A), as printed, by who must act. */
const ealingRecommendations: { number: number; actor: 'service' | 'board' | 'police' | 'probation'; text: string; standardIds: string[] }[] = [
  { number: 1, actor: 'service', standardIds: ['1.1'], text: 'develop and embed effective management oversight and quality assurance processes to ensure they add value in improving the following of processes and the quality of case manager practice' },
  { number: 2, actor: 'service', standardIds: ['3.4'], text: 'work with police partners to undertake a fundamental review of out-of-court disposal policies, guidance, and provision' },
  { number: 3, actor: 'service', standardIds: ['3.1'], text: 'improve out-of-court disposal assessments of risks to and from the child, to ensure that all risks are fully understood and adequately analysed' },
  { number: 4, actor: 'service', standardIds: ['1.1'], text: 'build on the current excellent work around addressing disproportionality and extend this to ensure all over-represented groups are adequately covered, including cared-for children and those with neurodiverse needs.' },
  { number: 5, actor: 'board', standardIds: ['1.1'], text: 'increase connectivity with YJS practice by greater awareness, oversight and support of operational delivery.' },
  { number: 6, actor: 'police', standardIds: ['1.1'], text: 'ensure consistent representation at board level and commit to strengthening their strategic contribution and collaboration with the YJS' },
  { number: 7, actor: 'police', standardIds: ['3.4'], text: 'complete a full review of out-of-court policy and provision in collaboration with the YJS and ensure all out-of-court practice and provision is effective and closely aligned with the YJS child first principles.' },
  { number: 8, actor: 'probation', standardIds: ['1.3'], text: 'work with the YJS to develop effective localised policies and pathways to improve service delivery (particularly transitions) and bridge the gap between the services.' },
  { number: 9, actor: 'probation', standardIds: ['1.1'], text: 'ensure consistent representation at and contribution to the YJS management board.' },
]; // prettier-ignore

/** Appendix B as the import's table: one row per action, the area's columns on every row. */
export function ealingPlanTable(plan: EalingPlan): ImportTable {
  let line = 1;
  const rows = plan.areas.flatMap((area) =>
    area.actions.map((action) => {
      line += 1;
      const byHeader: Record<string, string> = {
        'Area number': String(area.number),
        'Domain or heading': area.domain,
        Standard: area.standardId,
        'Area for improvement': area.text,
        Source: area.source,
        Action: action.text,
        Owners: action.owners,
        'Commencement date': action.commencement,
        Status: action.status,
      };
      return { line, cells: exportHeaders.map((h) => byHeader[h] ?? '') };
    }),
  );
  return { headers: [...exportHeaders], rows };
}

export const readEalingPlan = (): EalingPlan => JSON.parse(readFileSync(planFile, 'utf8')) as EalingPlan;

export async function seedDemoPlan(
  db: Database,
  userService: UserService,
  demo: { password: string; leadInspectorId: string; hackneyOrganisationId: string },
) {
  const plan = readEalingPlan();
  const { areas, problems } = planFromTable(ealingPlanTable(plan), guessMapping(exportHeaders), plan.statusAsAt);
  if (problems.length) throw new Error(`the Ealing demo plan does not import: ${JSON.stringify(problems[0])}`);
  const head: Actor = await userService.create(null, {
    email: 'head.of.service@demo.invalid',
    displayName: 'Demo Head of Service',
    password: demo.password,
  });
  const chair: Actor = await userService.create(null, {
    email: 'board.chair@demo.invalid',
    displayName: 'Demo Board Chair',
    password: demo.password,
  });
  await db.transaction(async (tx) => {
    const [ealing] = await tx
      .insert(organisations)
      .values({ name: 'Ealing Youth Justice Service (demo)', localAuthorities: ['Ealing'] })
      .returning();
    const [inspection] = await tx
      .insert(inspections)
      .values({
        organisationId: ealing!.id,
        frameworkId: 'hmip-youth-2021',
        kind: 'hmipInspection',
        title: 'Demo: Ealing YJS inspection, 2023 (improvement plan from the published report)',
        fieldworkStart: '2023-07-10',
        fieldworkEnd: '2023-07-14',
        caseWindowFrom: '2022-07-11',
        caseWindowTo: '2023-05-05',
        status: 'published',
        isDemo: true,
        demoNote:
          "Demo inspection: no cases are held here. Its recommendations and the improvement plan are taken from Ealing's published report and plan (Ealing council scrutiny report, March 2024). No real child's data is held here.",
        // Dated by its fieldwork: older than the Hackney demo, which stays first in the lists.
        createdAt: new Date('2023-07-10T09:00:00Z'),
        createdBy: demo.leadInspectorId,
      })
      .returning();
    await tx
      .insert(teamMembers)
      .values({ inspectionId: inspection!.id, userId: demo.leadInspectorId, role: 'leadInspector' });
    const services = [ealing!.id, demo.hackneyOrganisationId];
    await tx.insert(memberships).values(
      services.flatMap((organisationId) => [
        { userId: head.id, organisationId, role: 'headOfService' },
        { userId: chair.id, organisationId, role: 'boardMember' },
      ]),
    );
    const recs = await tx
      .insert(recommendations)
      .values(
        ealingRecommendations.map((r) => ({ ...r, inspectionId: inspection!.id, createdBy: demo.leadInspectorId })),
      )
      .returning();
    const [created] = await tx
      .insert(improvementPlans)
      .values({ organisationId: ealing!.id, inspectionId: inspection!.id, title: plan.title, createdBy: head.id })
      .returning();
    const { areaIds } = await insertImported(tx, head, created!.id, areas, plan.statusAsAt);
    const links = plan.areas.flatMap((area) =>
      area.recommendations.map((n) => ({
        areaId: areaIds.get(area.number)!,
        recommendationId: recs.find((r) => r.number === n)!.id,
      })),
    );
    if (links.length) await tx.insert(planAreaRecommendations).values(links);
    await tx.insert(planSignOffs).values({
      planId: created!.id,
      kind: 'chairSignedOff',
      date: plan.signedOff.date,
      planVersion: created!.version,
      byUserId: chair.id,
      byName: `${plan.signedOff.name}, ${plan.signedOff.role}`,
      note: plan.signedOff.statement,
    });
    await recordAudit(tx, null, {
      action: 'demo.plan.seed',
      subjectType: 'improvementPlan',
      subjectId: created!.id,
      inspectionId: inspection!.id,
      after: { title: plan.title, areas: areas.length },
    });
  });
}
