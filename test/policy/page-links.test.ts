import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../src/platform/audit.js';
import { rowsOf } from '../../src/platform/db/connect.js';
import { can, permissionsOn, rolesFor, rolesOf } from '../../src/policy/policy.js';
import { pageRules, type RouteRule } from './route-access.js';
import { browserFor, everyRole, openSecurityWorld } from './world.js';

/**
 * Pages offer only what their viewer may use: for every role, every page reachable in the demo from the
 * inspections list, the menu and the account page is fetched, and every link and form on it is followed.
 * A link is fetched as the same user and must not be refused (403) or missing (404); a form that changes
 * something is checked against the access policy (the route table's rule) without being submitted.
 */
const world = await openSecurityWorld();
afterAll(() => world.close());

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** Downloads are checked against the policy, not fetched: the PDFs start Chromium. */
const download = /\.(pdf|xlsx|csv|ics|html)$/;
/** Pages that differ only in their ids (or standard and key question numbers) are one shape. */
const shapeOf = (url: string) => {
  const [path, query = ''] = url.split('?') as [string, string?];
  const keys = [...new URLSearchParams(query).keys()].sort().join('&');
  return `${path.replace(uuid, ':id').replace(/\/\d+(\.\d+)*(?=\/|$)/g, '/:n')}?${keys}`;
};
const decode = (value: string) => value.replaceAll('&amp;', '&').replaceAll('&#39;', "'").replaceAll('&quot;', '"');

/** The links and forms on a page: `<a href>` and `<form action method>` (no action: the page itself). */
function targetsOf(html: string, page: string) {
  const links = [...html.matchAll(/<a\b[^>]*\shref="([^"]*)"/g)].map((m) => decode(m[1]!));
  const forms = [...html.matchAll(/<form\b([^>]*)>/g)].map((m) => {
    const attributes = m[1]!;
    const action = /\saction="([^"]*)"/.exec(attributes)?.[1];
    const method = /\smethod="([^"]*)"/i.exec(attributes)?.[1]?.toUpperCase() ?? 'GET';
    return { action: decode(action || page.split('?')[0]!), method };
  });
  const local = (href: string) => href.startsWith('/') && !href.startsWith('//');
  return { links: links.filter(local).map((href) => href.split('#')[0]!), forms: forms.filter((f) => local(f.action)) };
}

/** The route table's rule for a request, by matching its path against the patterns. */
function ruleFor(method: string, path: string): { route: string; rule: RouteRule } | undefined {
  for (const [route, rule] of Object.entries(pageRules)) {
    const [ruleMethod, pattern] = route.split(' ') as [string, string];
    if (ruleMethod !== method) continue;
    const expression = new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/:\w+/g, '[^/]+')}$`);
    if (expression.test(path.split('?')[0]!)) return { route, rule };
  }
  return undefined;
}

const firstId = (path: string, after: string) => new RegExp(`^${after}/(${uuid.source})`).exec(path)?.[1];

/**
 * Whether the policy lets the user make the request the rule describes, with the roles the user really holds
 * where the request lands: on the inspection in its path (as `permissionsOn` decides for the pages), the plan's
 * or the service's; for a request that names no place (starting a plan or an inspection), anywhere.
 */
async function policyAllows(rule: RouteRule, actor: Actor, path: string): Promise<boolean> {
  if ('open' in rule || 'signedIn' in rule) return true;
  if ('administrator' in rule) return actor.isAdmin;
  const { db } = world.database;
  const inspectionId = firstId(path, '/inspections');
  if (inspectionId) return (await permissionsOn(db, actor, inspectionId)).has(rule.permission);
  const planId = firstId(path, '/plans');
  const organisationId = firstId(path, '/services');
  let scope: { organisationId: string; inspectionId?: string | null } | undefined;
  if (planId) {
    const [plan] = rowsOf<{ organisationId: string; inspectionId: string | null }>(
      await db.execute(
        sql`select organisation_id as "organisationId", inspection_id as "inspectionId" from improvement_plans where id = ${planId}`,
      ),
    );
    if (!plan) return false;
    scope = plan;
  } else if (organisationId) scope = { organisationId };
  if (scope) return can(await rolesFor(db, actor, scope), rule.permission);
  const stored = rowsOf<{ role: string }>(
    await db.execute(sql`select role from memberships where user_id = ${actor.id}
      union all select role from team_members where user_id = ${actor.id}`),
  ).map((row) => row.role);
  return can(rolesOf(actor, stored), rule.permission);
}

describe.each(everyRole)('the pages of a %s', (role) => {
  it('offer no link or form the user would be refused', { timeout: 600_000 }, async () => {
    const browser = await browserFor(world, role);
    const actor = world.users[role];
    const problems = new Set<string>();
    const visited = new Set<string>();
    const checkedTargets = new Set<string>();
    const queue: { page: string; from: string }[] = ['/inspections', '/plans', '/moderation', '/account'].map(
      (page) => ({ page, from: 'the menu' }),
    );
    while (queue.length > 0) {
      const { page, from } = queue.shift()!;
      const response = await browser.get(page);
      if (response.status === 403 || response.status === 404) {
        problems.add(`${from} links to ${page}, which answers ${response.status}`);
        continue;
      }
      // A redirect (the warning before assessing someone else's case) is followed like a link.
      const location = response.headers.location;
      if (response.status === 303 && location?.startsWith('/') && !checkedTargets.has(`GET ${shapeOf(location)}`)) {
        checkedTargets.add(`GET ${shapeOf(location)}`);
        queue.push({ page: location, from: page });
      }
      if (response.status !== 200 || !String(response.headers['content-type']).includes('text/html')) continue;
      visited.add(page);
      const { links, forms } = targetsOf(response.text, page);
      // One page of each shape is fetched and crawled: its links' shapes are checked once each.
      for (const link of links) {
        if (link === '' || link.startsWith('/assets') || link.startsWith('/public')) continue;
        const shape = `GET ${shapeOf(link)}`;
        if (checkedTargets.has(shape)) continue;
        checkedTargets.add(shape);
        if (download.test(link.split('?')[0]!)) {
          const found = ruleFor('GET', link);
          if (!found) problems.add(`${page} links to ${link}, which has no route`);
          else if (!(await policyAllows(found.rule, actor, link)))
            problems.add(`${page} links to ${link} (${found.route}), which the policy refuses`);
          continue;
        }
        queue.push({ page: link, from: page });
      }
      for (const form of forms) {
        const shape = `${form.method} ${shapeOf(form.action)}`;
        if (checkedTargets.has(shape) || form.action === '/sign-out') continue;
        checkedTargets.add(shape);
        if (form.method === 'GET') {
          const status = (await browser.get(form.action)).status;
          if (status === 403 || status === 404)
            problems.add(`${page} has a form to ${form.action}, which answers ${status}`);
          continue;
        }
        const found = ruleFor(form.method, form.action);
        if (!found) problems.add(`${page} has a form to ${form.method} ${form.action}, which has no route`);
        else if (!(await policyAllows(found.rule, actor, form.action)))
          problems.add(`${page} has a form to ${form.action} (${found.route}), which the policy refuses`);
      }
    }
    expect(visited.size).toBeGreaterThan(3);
    expect([...problems].join('\n')).toBe('');
  });
});

describe('starting an inspection', () => {
  it('is offered to those the matrix lets start one, and never of the inspectorate', async () => {
    const offered: string[] = [];
    for (const role of everyRole) {
      const page = await (await browserFor(world, role)).get('/inspections');
      if (page.text.includes('Create an inspection')) offered.push(role);
    }
    expect(offered.sort()).toEqual(everyRole.filter((role) => can([role], 'inspection.create')).sort());
    const inspectorates = rowsOf<{ name: string }>(
      await world.database.db.execute(sql`select name from organisations where kind = 'inspectorate'`),
    );
    expect(inspectorates.length).toBeGreaterThan(0);
    const form = await (await browserFor(world, 'administrator')).get('/inspections/new');
    expect(form.text).toContain('>Elsewhere YJS</option>');
    for (const { name } of inspectorates) expect(form.text).not.toContain(`>${name}</option>`);
  });

  it('is refused in plain words, naming who can do it', async () => {
    const inspector = await browserFor(world, 'inspector');
    // In English: the walk above followed the language toggle too.
    const page = await inspector.get(`/inspections/${world.ids.inspectionId}/cases/new?lang=en`);
    expect(page.status).toBe(403);
    expect(page.text).toContain('Only the lead inspector or a system administrator can add, import and edit cases');
    expect(page.text).not.toContain('case.edit');
  });
});
