import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { throttleRules } from '../../../src/features/accounts/service/throttle.js';
import { addUser, openTestWorld, type TestWorld } from '../../support/web.js';

/** The sign-in throttle under concurrency: attempts at once count as if made one after another. */
let world: TestWorld;
const password = 'correct horse battery staple';

beforeAll(async () => {
  world = await openTestWorld();
  await addUser(world, 'quinn@example.org');
});
afterAll(() => world.close());

describe('the sign-in throttle with attempts at once', () => {
  it(`checks at most ${throttleRules.perAccount} of 40 parallel wrong passwords, then refuses the right one`, async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        world.services.signIn.signIn('quinn@example.org', `wrong guess ${i}`, `192.0.2.${i}`),
      ),
    );
    const checked = outcomes.filter((o) => o.outcome === 'refused').length;
    expect(checked).toBe(throttleRules.perAccount);
    expect(outcomes.filter((o) => o.outcome === 'throttled')).toHaveLength(40 - throttleRules.perAccount);
    const right = await world.services.signIn.signIn('quinn@example.org', password, '198.51.100.1');
    expect(right.outcome).toBe('throttled');
  });

  it('lets no right password in while wrong ones are in flight beyond the limit', async () => {
    await addUser(world, 'rowan@example.org');
    const attempts = Array.from({ length: 30 }, (_, i) =>
      world.services.signIn.signIn('rowan@example.org', i === 15 ? password : `nope ${i}`, `203.0.113.${i}`),
    );
    const outcomes = await Promise.all(attempts);
    // However the attempts interleave, no more than the limit get a password check.
    const checked = outcomes.filter((o) => o.outcome !== 'throttled').length;
    expect(checked).toBeLessThanOrEqual(throttleRules.perAccount + 1);
    expect(outcomes.filter((o) => o.outcome === 'refused').length).toBeLessThanOrEqual(throttleRules.perAccount);
  });
});
