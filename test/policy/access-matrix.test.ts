import type { Response } from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { can } from '../../src/policy/policy.js';
import { stageRefusal } from '../../src/policy/stage-rules.js';
import {
  apiRoutesOf,
  apiRules,
  concretePath,
  pageRoutesOf,
  pageRules,
  payloadOf,
  type RouteRule,
} from './route-access.js';
import { apiFor, browserFor, everyUser, openSecurityWorld, type UserKey } from './world.js';

/**
 * The README's access matrix, route by route: every page route and API operation the app serves, with a user
 * of every role and a user of another organisation. Any access the matrix does not grant fails the test.
 */
const world = await openSecurityWorld();
afterAll(() => world.close());

const document = (await (await import('supertest')).default(world.app).get('/api/v1/openapi.json')).body as {
  paths: Record<string, Record<string, unknown>>;
};
const demo = await world.services.inspections.get(world.users.administrator, world.ids.inspectionId);
const pageRoutes = pageRoutesOf(world.app);
const apiRoutes = apiRoutesOf(document);
// Reads first: a permitted change made by one role must not change what another role's read finds.
const reading = (route: string) => (route.startsWith('GET ') ? 0 : 1);
const byReadsFirst = (a: string, b: string) => reading(a) - reading(b);

const browsers = Object.fromEntries(
  await Promise.all(everyUser.map(async (key) => [key, await browserFor(world, key)] as const)),
) as Record<UserKey, Awaited<ReturnType<typeof browserFor>>>;
const apis = Object.fromEntries(
  await Promise.all(everyUser.map(async (key) => [key, await apiFor(world, key)] as const)),
) as Record<UserKey, Awaited<ReturnType<typeof apiFor>>>;

/** A new subject for a request that uses one up, made by the lead inspector. */
const freshParams = async (rule: RouteRule) =>
  'fresh' in rule && rule.fresh
    ? rule.fresh({ services: world.services, ids: world.ids, lead: world.users.leadInspector })
    : {};

type Expectation = 'allowed' | 'refused' | 'hidden' | 'refusedOrHidden';

/** What the matrix says this user gets on a route. */
function expectationFor(rule: RouteRule, key: UserKey): Expectation {
  if ('signedIn' in rule) return 'allowed';
  if ('administrator' in rule) return key === 'administrator' ? 'allowed' : 'refusedOrHidden';
  if (!('permission' in rule)) throw new Error('open routes are not checked');
  if (key === 'otherOrganisation') return rule.other === 'organisation' ? 'refusedOrHidden' : 'hidden';
  // The demo inspection's stage decides too: in fieldwork, what the service sees and what is still open.
  const allowed = can([key], rule.permission) && !stageRefusal(demo, new Set([key]), rule.permission);
  return allowed ? 'allowed' : 'refusedOrHidden';
}

/** The problem with a response, or null when it is what the matrix says. */
function problemWith(
  response: Response,
  method: string,
  expected: Expectation,
  key: UserKey,
  absent = false,
): string | null {
  const { status } = response;
  const got = `${key} got ${status}`;
  if (absent && expected === 'allowed') return status === 404 ? null : `${got}, expected 404 (no such subject)`;
  if (absent && expected === 'refusedOrHidden') return status === 403 ? null : `${got}, expected 403`;
  if (expected === 'allowed') {
    // A case allocated to someone else: the assessment pages warn first (someone-elses.ts), then let through.
    const warned = status === 303 && String(response.headers.location).includes('/assess-anyway?next=');
    if (method === 'GET' && status !== 200 && !warned) return `${got}, expected 200`;
    if ([401, 403, 404].includes(status) || status >= 500) return `${got}, expected the change to be let through`;
    return null;
  }
  if (expected === 'hidden') {
    if (status !== 404) return `${got}, expected 404`;
    const leaked = world.secrets.find((secret) => response.text.includes(secret));
    if (leaked) return `${key}'s 404 shows "${leaked}"`;
    return null;
  }
  if (status !== 403 && status !== 404) return `${got}, expected 403 or 404`;
  return null;
}

describe('the route table', () => {
  it('has a rule for every page route the app serves', () => {
    expect(pageRoutes.filter((route) => !(route in pageRules))).toEqual([]);
  });

  it('has a rule for every API operation', () => {
    expect(apiRoutes.filter((route) => !(route in apiRules))).toEqual([]);
  });
});

/** Open routes need no sign-in; a few (signing out everywhere, running deletions) have tests of their own. */
const checked = (rule: RouteRule | undefined) =>
  rule !== undefined && !('open' in rule) && !('run' in rule && rule.run === false);

describe.each(pageRoutes.filter((route) => checked(pageRules[route])).sort(byReadsFirst))('page %s', (route) => {
  const rule = pageRules[route]!;
  const [method, pattern] = route.split(' ') as [string, string];
  it('gives each role what the matrix grants, and another organisation nothing', async () => {
    const problems: string[] = [];
    for (const key of everyUser) {
      const path = concretePath(pattern, rule, world.ids, await freshParams(rule));
      const browser = browsers[key];
      const response =
        method === 'GET'
          ? await browser.get(path)
          : await browser.agent
              .post(path)
              .type('form')
              .send({ ...payloadOf(rule, world.ids), _csrf: browser.csrf });
      const problem = problemWith(response, method, expectationFor(rule, key), key, 'absent' in rule);
      if (problem) problems.push(problem);
      if ('signedIn' in rule && method === 'GET' && key === 'otherOrganisation') {
        const leaked = world.secrets.find((secret) => response.text.includes(secret));
        if (leaked) problems.push(`${key} sees "${leaked}" on ${path}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe.each(apiRoutes.filter((route) => checked(apiRules[route])).sort(byReadsFirst))('API %s', (route) => {
  const rule = apiRules[route]!;
  const [method, pattern] = route.split(' ') as [string, string];
  it('gives each role what the matrix grants, and another organisation nothing', async () => {
    const problems: string[] = [];
    for (const key of everyUser) {
      const path = concretePath(pattern, rule, world.ids, await freshParams(rule));
      const verb = method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
      const response = await apis[key](
        verb,
        path,
        verb === 'get' || verb === 'delete' ? undefined : payloadOf(rule, world.ids),
      );
      const problem = problemWith(response, method, expectationFor(rule, key), key, 'absent' in rule);
      if (problem) problems.push(`${problem}: ${JSON.stringify(response.body).slice(0, 200)}`);
      if (response.status === 403 || response.status === 404)
        expect(Object.keys(response.body as object)).toEqual(['error']);
    }
    expect(problems).toEqual([]);
  });
});
