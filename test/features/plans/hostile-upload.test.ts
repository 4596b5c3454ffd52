import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfTokenOf, openTestWorld, pageText, signIn, type TestWorld } from '../../support/web.js';
import { sparseWideWorkbook, zipBomb } from '../../support/hostile-files.js';
import { planWorld } from './support.js';

/** Uploads built to hurt the server are refused with a 400 naming the limit, and never stall other requests. */
let world: TestWorld;
let head: Awaited<ReturnType<typeof signIn>>;
let planPath: string;

beforeAll(async () => {
  world = await openTestWorld();
  const setup = await planWorld(world);
  head = await signIn(world, setup.head.email);
  const plan = await world.services.plans.plans.create(setup.head, {
    organisationId: setup.organisation.id,
    title: 'Imported plan',
    startFrom: 'blank',
  });
  planPath = `/plans/${plan.id}`;
  // The first upload compiles the code and templates it passes through: not what is measured.
  await upload('warm-up.xlsx', await sparseWideWorkbook(2));
});
afterAll(() => world.close());

/** The shortest of three tries' longest block of the event loop, in ms: others' load slows one try, blocking slows all. */
async function blockedDuring(request: () => Promise<unknown>): Promise<number> {
  let shortest = Infinity;
  for (let attempt = 0; attempt < 3; attempt++) {
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    await request();
    delay.disable();
    shortest = Math.min(shortest, delay.max / 1e6);
  }
  return shortest;
}

/**
 * Uploads the file; `blockedMs` is how much longer the event loop was blocked than while the same form was
 * fetched, so a machine shared with others' work does not count against the upload.
 */
async function upload(name: string, bytes: Buffer) {
  const form = await head.get(`${planPath}/import`);
  let response: Awaited<ReturnType<typeof head.get>> | undefined;
  const post = async () =>
    (response = await head.agent
      .post(`${planPath}/import`)
      .field('_csrf', csrfTokenOf(form.text))
      .attach('file', bytes, name));
  const uploading = await blockedDuring(post);
  const fetching = await blockedDuring(() => head.get(`${planPath}/import`));
  return { response: response!, text: pageText(response!.text), blockedMs: uploading - fetching };
}

describe('hostile uploads to the plan import', () => {
  it('a sparse sheet with cells in A1 and XFD1 on 200 rows is refused at once, naming the column limit', async () => {
    const bytes = await sparseWideWorkbook(200);
    expect(bytes.length).toBeLessThan(20_000);
    const { response, text, blockedMs } = await upload('wide.xlsx', bytes);
    expect(response.status).toBe(400);
    expect(text).toContain('The file has 16,384 columns: the most it may have is 200');
    expect(blockedMs).toBeLessThan(100);
  });

  it('a zip bomb that declares its size is refused before it is inflated, naming the unpacked limit', async () => {
    const bytes = await zipBomb(300);
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    const { response, text, blockedMs } = await upload('bomb.xlsx', bytes);
    expect(response.status).toBe(400);
    expect(text).toContain('The workbook unpacks to more than 20 MB: the most it may unpack to is 20 MB');
    expect(blockedMs).toBeLessThan(100);
  });

  it('a zip bomb that lies about its size is stopped at the limit while it is inflated', async () => {
    const bytes = await zipBomb(300, { lie: true });
    const { response, text, blockedMs } = await upload('liar.xlsx', bytes);
    expect(response.status).toBe(400);
    expect(text).toContain('The workbook unpacks to more than 20 MB');
    expect(blockedMs).toBeLessThan(100);
  });

  it('a CSV with too many columns or too many rows is refused, naming the limit', async () => {
    const wide = await upload('wide.csv', Buffer.from(`${Array.from({ length: 250 }, (_, i) => `c${i}`).join(',')}\n`));
    expect(wide.response.status).toBe(400);
    expect(wide.text).toContain('The file has 250 columns: the most it may have is 200');
    const long = await upload('long.csv', Buffer.from(`No\n${'1\n'.repeat(100_001)}`));
    expect(long.response.status).toBe(400);
    expect(long.text).toContain('The file has more than 100,000 rows: the most it may have is 100,000');
  });

  it('a file over the upload size is refused with the size limit', async () => {
    const { response, text } = await upload('big.csv', Buffer.alloc(2 * 1024 * 1024 + 1, 'a'));
    expect(response.status).toBe(400);
    expect(text).toContain('The selected file must be smaller than 2 MB');
  });
});
