/** The benchmarks' data: a 60-case inspection with every prompt answered, and copies of it to load the database. */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Actor } from '../src/platform/audit.js';
import type { Database } from '../src/platform/db/connect.js';
import type { Services } from '../src/platform/services.js';

export async function seedInspection(services: Services, admin: Actor, organisationId: string) {
  const inspection = await services.inspections.create(admin, {
    organisationId,
    framework: 'hmip-youth-2021',
    kind: 'internalAudit',
  });
  const framework = (await services.ratings.rate(admin, inspection.id)).framework;
  const caseIds: string[] = [];
  for (let i = 0; i < 60; i++) {
    const domain = i % 2 === 0 ? 'court' : 'outOfCourt';
    const row = await services.cases.add(admin, inspection.id, { ref: `B${i}`, domain });
    caseIds.push(row.id);
    const given: Record<string, 'yes' | 'no' | 'n/a'> = {};
    for (const standard of framework.standards.filter((s) => s.caseDomain === domain && s.assessment === 'caseBased'))
      for (const keyQuestion of standard.keyQuestions) {
        given[keyQuestion.id] = (i + keyQuestion.id.length) % 4 === 0 ? 'no' : 'yes';
        for (const prompt of keyQuestion.prompts) given[prompt.id] = 'yes';
      }
    await services.assessment.save(admin, inspection.id, row.id, { answers: given });
  }
  return { inspectionId: inspection.id, caseIds };
}

/** Copies an inspection's cases and answers into `count` new inspections of the same service, in bulk. */
export async function copyInspection(db: Database, admin: Actor, services: Services, from: string, count: number) {
  const { organisationId } = await services.inspections.get(admin, from);
  for (let n = 0; n < count; n++) {
    const copy = await services.inspections.create(admin, {
      organisationId,
      framework: 'hmip-youth-2021',
      kind: 'internalAudit',
      title: `Copy ${randomBytes(3).toString('hex')}`,
    });
    await db.execute(sql`
      with copied as (
        insert into cases (inspection_id, ref, domain)
        select ${copy.id}, ref, domain from cases where inspection_id = ${from}
        returning id, ref
      )
      insert into answers (case_id, question_id, answer, evidence)
      select copied.id, a.question_id, a.answer, a.evidence
      from copied join cases c on c.inspection_id = ${from} and c.ref = copied.ref join answers a on a.case_id = c.id`);
  }
}
