import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../src/platform/db/connect.js';
import { concretePath, pageRoutesOf, pageRules, payloadOf, type RouteRule } from '../../policy/route-access.js';
import { browserFor, openSecurityWorld, type UserKey } from '../../policy/world.js';

/**
 * Every state-changing page route refuses a form without its CSRF token, with a wrong one, and with one from
 * another session: 403, and nothing written (every change writes an audit event; none appears).
 */
const world = await openSecurityWorld();
afterAll(() => world.close());

const changing = pageRoutesOf(world.app)
  .filter((route) => !route.startsWith('GET '))
  .sort();

/** The user who may make the change, so that only the token stands in the way. */
function userFor(rule: RouteRule | undefined): UserKey {
  if (rule && 'administrator' in rule) return 'administrator';
  if (rule && 'permission' in rule) {
    if (rule.permission === 'discretion.decide' || rule.permission === 'case.assess') return 'leadInspector';
    if (rule.permission.startsWith('plan.') && rule.permission !== 'plan.agree') return 'headOfService';
    if (rule.permission === 'inspection.create') return 'qaLead';
  }
  return 'leadInspector';
}

const written = async () => {
  const [row] = rowsOf<{ events: number; cases: number; answers: number }>(
    await world.database.db.execute(
      sql`select (select count(*) from audit_events)::int as events, (select count(*) from cases)::int as cases, (select count(*) from answers)::int as answers`,
    ),
  );
  return row!;
};

const other = await browserFor(world, 'inspector');

describe.each(changing)('%s', (route) => {
  const rule = pageRules[route];
  const path = rule && !('open' in rule) ? concretePath(route.split(' ')[1]!, rule, world.ids) : route.split(' ')[1]!;

  it('refuses a form with no CSRF token, a wrong one, or one of another session, and writes nothing', async () => {
    const browser = await browserFor(world, userFor(rule));
    const form = rule ? payloadOf(rule, world.ids) : {};
    const before = await written();
    const attempts = {
      missing: await browser.agent.post(path).type('form').send(form),
      wrong: await browser.agent
        .post(path)
        .type('form')
        .send({ ...form, _csrf: `${browser.csrf.slice(0, -2)}xx` }),
      otherSession: await browser.agent
        .post(path)
        .type('form')
        .send({ ...form, _csrf: other.csrf }),
      multipart: await browser.agent.post(path).field('csvText', 'ref,domain\nX-1,court\n'),
    };
    for (const [attempt, response] of Object.entries(attempts)) {
      expect(response.status, attempt).toBe(403);
      expect(response.text, attempt).toContain('Your form could not be sent');
    }
    expect(await written()).toEqual(before);
  });
});
