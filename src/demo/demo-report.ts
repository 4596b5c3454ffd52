import { eq } from 'drizzle-orm';
import type { Queryable } from '../platform/db/connect.js';
import { inspections } from '../platform/db/core-tables.js';
import { recommendations, reportContents, reportStandardTexts } from '../features/report/tables.js';

/**
 * The demo's report text: the Hackney report's six recommendations as published (all for the service), and
 * prose summarised from it in a few sentences. It describes the service, never a child; the cases behind
 * the figures are synthetic.
 */
const demoReport = {
  foreword: `Demonstration text, summarised from HM Inspectorate of Probation's report on Hackney YJS (May 2023).

We inspected and rated Hackney YJS across three broad areas: the arrangements for organisational delivery of the service, the quality of work with children sentenced by the courts, and the quality of out-of-court disposal work. Overall, Hackney YJS was rated 'Good'; resettlement policy and provision was rated separately, also 'Good'.

The management board has adopted a strong anti-racist position that underpins the strategic vision for the service. Work with children sentenced by the courts had considerable strengths, although planning to keep children safe could be strengthened. Out-of-court work was of high quality, with collaborative assessments and strong delivery of interventions.

We have made six recommendations which we believe will support the service on its improvement journey.`,
  signatoryName: 'Justin Russell',
  signatoryRole: 'HM Chief Inspector of Probation',
  diversity: `Demonstration text, summarised from the Hackney report. The service has a strong and clear focus on the diverse needs of the children it works with.

- The service has an explicit anti-racism approach, which guides policy and practice.
- The staff group reflects the population it serves.`,
  background: `Fieldwork took place over two separate weeks. As a joint inspection, inspectors with social care, education, health and police expertise joined the team for the second week.`,
  localContext: `Hackney's communities are very diverse, with wide variation even within small areas, and many languages spoken. A high proportion of children live in poverty. There is a wide offer of youth provision and early help, with therapeutic support in schools and speech and language therapy.

- Fewer than one in 100 Hackney children have contact with the YJS each year.
- The first-time entrant rate is very low.
- Black, Asian and minority ethnic children are over-represented in the YJS cohort and in custodial sentences, compared with the local population.`,
  involvement: `The service has a clear commitment to hearing, and acting on, the voices of children and their parents or carers. The results of the inspection's text survey were predominantly positive from a small sample.`,
  surveys: {
    childrenConsented: 14,
    childrenReplied: 7,
    childrenAverageScore: null,
    childrenSummary:
      'Children and parents said the service helped them stay out of trouble and that workers had the right skills.',
    staffSurveyed: null,
    staffReplied: null,
    staffSummary: '',
  },
  contextFacts: { meetings: 20, population: null, youthPopulation: null, demographics: [], caseload: [] },
  standards: {
    '2.2': {
      strengths:
        '- Planning to support desistance was done well in most cases.\n- Children and their parents or carers were involved in planning.',
      areasForImprovement:
        '- Planning did not always address the risks to the child.\n- Management oversight of planning was not consistently effective.',
      narrative:
        'Planning work with children sentenced by the courts was the weakest area of court work: keeping the child safe was the limiting key question.',
    },
    '3.3': {
      strengths: '- Interventions were well delivered and matched to the needs of each child.',
      areasForImprovement: '',
      narrative:
        'Out-of-court work was delivered to a high standard; the ratings panel applied professional discretion to reflect the overall quality of the work.',
    },
  } as Record<string, { strengths: string; areasForImprovement: string; narrative: string }>,
  recommendations: [
    [
      'develop data collection that improves understanding of the health needs of the children working with the YJS and informs the health offer they receive',
      ['1.3'],
    ],
    [
      'develop data collection that increases understanding of the educational progress of the children, in order to ensure children are appropriately offered, supported to access, and engaged in education',
      ['1.3'],
    ],
    [
      'engage constructively with the probation service to secure a seconded probation officer arrangement fully capable of managing transition arrangements, for example, with access to probation service case records and assessment system',
      ['1.2', '1.3'],
    ],
    [
      'work with police colleagues to make sure that all children are appropriately referred for out-of-court disposals, and that assessment and joint decision-making is consistently available. Options such as deferred decision-making, which can lead to an Outcome 22 resolution, should be considered in appropriate cases',
      ['3.4'],
    ],
    ['improve the quality of planning work and management oversight of this work, to keep children safe', ['2.2']],
    [
      'reduce the disproportionate representation of Black children subject to custodial sentences by reviewing the current approach to resettlement and applying the learning to inform all future work',
      ['4.1'],
    ],
  ] as const,
};

/** Adds the demo's report text inside the demo's own transaction. */
const hackneyDemoNote =
  "Demo inspection: every case is synthetic, made so that the ratings match the published Hackney report (May 2023). No real child's data is held here.";

export async function seedDemoReport(tx: Queryable, inspectionId: string, leadId: string): Promise<void> {
  // What the demo is, as its overview says it.
  await tx.update(inspections).set({ demoNote: hackneyDemoNote }).where(eq(inspections.id, inspectionId));
  const { standards, recommendations: items, ...content } = demoReport;
  await tx.insert(reportContents).values({ inspectionId, ...content, version: 1, updatedBy: leadId });
  await tx.insert(reportStandardTexts).values(
    Object.entries(standards).map(([standardId, text]) => ({
      inspectionId,
      standardId,
      ...text,
      version: 1,
      updatedBy: leadId,
    })),
  );
  await tx.insert(recommendations).values(
    items.map(([text, standardIds], i) => ({
      inspectionId,
      number: i + 1,
      actor: 'service' as const,
      actorName: 'The Hackney Youth Justice Service',
      text,
      standardIds: [...standardIds],
      createdBy: leadId,
    })),
  );
}
