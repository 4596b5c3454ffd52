import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { improvementPlans } from '../../../src/features/plans/tables.js';
import { exportHeaders, guessMapping, planFromTable } from '../../../src/domain/plans/table-import.js';
import { seedDemo } from '../../../src/demo/demo.js';
import { ealingPlanTable, readEalingPlan } from '../../../src/demo/demo-plan.js';
import { toCsv } from '../../../src/platform/csv.js';
import { readTable } from '../../../src/features/plans/service/transfer.js';
import { openTestWorld, type TestWorld } from '../../support/web.js';

describe("Ealing's Appendix B read by the import", () => {
  const { areas, problems } = planFromTable(
    ealingPlanTable(readEalingPlan()),
    guessMapping(exportHeaders),
    '2024-03-01',
  );
  const action = (area: number, index: number) => areas.find((a) => a.number === area)!.actions[index]!;

  it('has all 26 areas and 50 actions, with no problem', () => {
    expect(problems).toEqual([]);
    expect(areas.map((a) => a.number)).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
    expect(areas.flatMap((a) => a.actions)).toHaveLength(50);
    expect([...new Set(areas.map((a) => a.domain))]).toEqual([
      'D1 Governance and Leadership',
      'D1 Staff',
      'D1 Partnership and Services',
      'D1 Out of Court Disposals Policy and Provision',
      'Resettlement',
      'D2 Planning',
      'D2 Implementation and Delivery',
      'D2 Reviewing',
      'D3 Assessment',
      'D3 Planning',
      'D3 Implementation and Delivery',
    ]);
  });

  it('reads dates as dates and status as status, keeping the words', () => {
    expect(action(1, 0)).toMatchObject({
      owners: ['SG', 'LG', 'HE'],
      commencementDate: '2023-09-01',
      status: 'completed',
      completionDate: '2023-11-30',
      statusText: 'Completed Nov',
    });
    expect(action(1, 2)).toMatchObject({ owners: ['LB', 'AL'], status: 'ongoing', targetDate: '2024-01-31' });
    expect(action(3, 1)).toMatchObject({
      commencementDate: '2024-02-01',
      status: 'notStarted',
      targetDate: '2024-04-30',
    });
    expect(action(7, 0)).toMatchObject({
      commencementDate: '2023-10-01',
      status: 'completed',
      completionDate: '2024-02-29',
    });
    expect(action(6, 1)).toMatchObject({ status: 'inProgress', targetDate: '2024-09-30', completionDate: null });
    expect(action(24, 0)).toMatchObject({
      status: 'inProgress',
      understood: 'not',
      statusText: 'workshops delivered by Feb 2024 – YJB Training rollout May 24',
    });
    expect(action(18, 0).owners).toEqual(['QA Managers']);
  });
});

describe('the Ealing demo plan in the database', () => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await openTestWorld();
    await seedDemo(world.database.db, world.services.users);
  });
  afterAll(() => world.close());

  it('is loaded with the demo, signed off by the chair, and round-trips through CSV and XLSX', async () => {
    const head = (await world.services.users.findByEmail('head.of.service@demo.invalid'))!;
    const [plan] = await world.database.db.select().from(improvementPlans);
    const found = await world.services.plans.plans.plan(head, plan!.id);
    expect(found.areas).toHaveLength(26);
    expect(found.signedOff).toMatchObject({
      date: '2023-09-26',
      byName: 'Robert South, Strategic Director for Childrens Services and Chair of the PMB',
    });
    expect(found.areas[0]!.recommendationIds).toHaveLength(1);

    const exported = await world.services.plans.transfer.exportRows(head, plan!.id);
    for (const format of ['csv', 'xlsx'] as const) {
      const bytes =
        format === 'csv'
          ? Buffer.from(toCsv(exported.headers, exported.rows))
          : await world.services.plans.transfer.toXlsx('Plan', exported.headers, exported.rows);
      const copy = await world.services.plans.plans.create(head, {
        organisationId: plan!.organisationId,
        inspectionId: '',
        title: `Copy by ${format}`,
        startFrom: 'blank',
      });
      const table = await readTable({ name: `plan.${format}`, bytes });
      const count = await world.services.plans.transfer.importTable(
        head,
        copy.id,
        table,
        guessMapping(table.headers),
        '2024-03-01',
      );
      expect(count).toBe(50);
      const again = await world.services.plans.transfer.exportRows(head, copy.id);
      expect(again.rows).toEqual(exported.rows);
      const asOf = (id: string) =>
        world.services.plans.board.report(head, id, '2024-03-01').then((r) => r.report.counts);
      expect(await asOf(copy.id)).toEqual(await asOf(plan!.id));
    }
  });

  it('a bad file imports nothing and names every line at fault', async () => {
    const head = (await world.services.users.findByEmail('head.of.service@demo.invalid'))!;
    const [plan] = await world.database.db.select().from(improvementPlans);
    const blank = await world.services.plans.plans.create(head, {
      organisationId: plan!.organisationId,
      title: 'Bad import',
      startFrom: 'blank',
    });
    const csv = [
      'Area number,Area for improvement,Action,Owners,Commencement date,Status',
      '1,Improve oversight,Train managers,SG,Sept 2023,Completed Nov',
      ',,Audit cases,SG,31/02/2024,Ongoing',
      'x,Something,Do it,SG,,',
      '2,,Action without area text,SG,,',
    ].join('\n');
    const table = await readTable({ name: 'plan.csv', bytes: Buffer.from(csv) });
    const attempt = world.services.plans.transfer.importTable(
      head,
      blank.id,
      table,
      guessMapping(table.headers),
      '2024-03-01',
    );
    await expect(attempt).rejects.toMatchObject({
      problems: [
        {
          line: 3,
          field: 'commencementDate',
          message: 'Commencement date "31/02/2024" is not a date, like 2023-09-01 or Sept 2023',
        },
        { line: 4, field: 'areaNumber', message: 'Area number "x" must be a whole number, like 3' },
        { line: 5, field: 'areaText', message: 'Area 2 has no text: enter the area for improvement' },
      ],
    });
    const after = await world.services.plans.plans.plan(head, blank.id);
    expect(after.areas).toEqual([]);
  });
});
