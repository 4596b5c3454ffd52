import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/platform/db/connect.js';
import { createServices, type Services } from '../../src/platform/services.js';
import { countsFor, seedDemo } from '../../src/demo/demo.js';
import { openTestDatabase } from '../support/database.js';

const hackney = (
  JSON.parse(readFileSync(new URL('../fixtures/seed-inspections.json', import.meta.url), 'utf8')) as {
    inspections: {
      service: string;
      ratings: Record<string, string>;
      keyQuestions: Record<string, { percent: number }[]>;
      score: number;
      overall: string;
    }[];
  }
).inspections.find((i) => i.service.startsWith('Hackney'))!;

let database: DatabaseHandle;
let services: Services;
beforeAll(async () => {
  database = await openTestDatabase();
  services = createServices(database);
});
afterAll(() => database.close());

describe('the demo inspection', () => {
  it('finds counts that print as each published percentage', () => {
    expect(countsFor(65, 17)).toEqual({ relevant: 17, yes: 11 });
    expect(countsFor(78, 18)).toEqual({ relevant: 18, yes: 14 });
  });

  it("rates exactly as the Hackney report, from synthetic cases' answers", async () => {
    const signIn = await seedDemo(database.db, services.users);
    expect(signIn?.email).toBe('lead.inspector@demo.invalid');
    const actor = (await services.users.authenticate(signIn!.email, signIn!.password))!;
    const [demo] = await services.inspections.list(actor);
    expect(demo!.isDemo).toBe(true);
    const ratings = await services.ratings.ratings(actor, demo!.id);
    expect(Object.fromEntries(ratings.standards.map((s) => [s.id, s.rating]))).toEqual(hackney.ratings);
    for (const [standardId, figures] of Object.entries(hackney.keyQuestions))
      expect(ratings.standards.find((s) => s.id === standardId)!.keyQuestions.map((kq) => kq.percent)).toEqual(
        figures.map((f) => f.percent),
      );
    expect([ratings.score, ratings.overall]).toEqual([hackney.score, hackney.overall]);
    expect(ratings.standards.find((s) => s.id === '3.3')!.discretion!.applied!.note).toContain(
      'overall quality of work',
    );
  });

  it('is loaded once', async () => {
    expect(await seedDemo(database.db, services.users)).toBeNull();
  });
});
