import type { Express } from 'express';
import type { Actor } from '../../src/platform/audit.js';
import type { Services } from '../../src/platform/services.js';
import type { Permission } from '../../src/policy/policy.js';

/**
 * Who may use each route of the app, in the matrix's terms. Every page route and API operation the app
 * serves must be here (the access matrix test fails for one that is not), so a new route is a new line:
 *
 * - `permission`: on the demo inspection (or its service); the matrix decides which roles, and another
 *   organisation's user gets 404;
 * - `administrator`: administrators only; `signedIn`: any signed-in user, about themselves only;
 * - `open`: needs no sign-in (health, sign-in, the public API documents); not checked against the matrix.
 *
 * `params` fills the route's parameters where the default (below) does not fit; `form` and `body` are what is
 * sent to a POST page or a PUT/POST API call, valid where it matters so that a permitted role gets past
 * validation to the access check and a refused one cannot be told apart by a 400.
 */
export type RouteRule =
  | { open: string }
  | ({ signedIn: true; run?: false } & Payload)
  | ({ administrator: true; run?: false } & Payload)
  | ({ permission: Permission; other?: 'organisation' } & Payload);
export interface Payload {
  params?: Params;
  form?: Form;
  body?: Body;
  /**
   * The subject does not exist, so a permitted user gets 404 (past the access check); a role without the
   * permission must then get exactly 403.
   */
  absent?: string;
  /** For a request that uses its subject up (a removal): a new subject for each user, as parameters. */
  fresh?: (context: { services: Services; ids: Ids; lead: Actor }) => Promise<Record<string, string>>;
}
export type Params = Record<string, string | ((ids: Ids) => string)>;
export type Form = Record<string, string | ((ids: Ids) => string)>;
export type Body = Record<string, unknown> | ((ids: Ids) => Record<string, unknown>);
export interface Ids {
  inspectionId: string;
  organisationId: string;
  caseId: string;
  outOfCourtCaseId: string;
  spareUserId: string;
  otherOrganisationId: string;
  planId: string;
  areaId: string;
  actionId: string;
  recommendationId: string;
}

/** Parameter values where a route does not say otherwise: the demo inspection and its first court case. */
export const defaultParams: Record<string, (ids: Ids) => string> = {
  inspectionId: (ids) => ids.inspectionId,
  id: (ids) => ids.inspectionId,
  caseId: (ids) => ids.caseId,
  standardId: () => '2.2',
  keyQuestionId: () => '2.2.1',
  // A service's own framework version that does not exist: the access check comes first.
  key: () => 'no-such-framework',
  // Programmes and rounds are made fresh where a rule needs one (route-access-features.ts); elsewhere none.
  programmeId: () => '00000000-0000-4000-8000-000000000000',
  roundId: () => '00000000-0000-4000-8000-000000000000',
  userId: (ids) => ids.spareUserId,
  organisationId: (ids) => ids.organisationId,
  planId: (ids) => ids.planId,
  areaId: (ids) => ids.areaId,
  actionId: (ids) => ids.actionId,
  recommendationId: (ids) => ids.recommendationId,
  versionNumber: () => '1',
  // Not the user's own: revoking someone else's token must do nothing.
  tokenId: () => '00000000-0000-4000-8000-000000000000',
};

/** The form or body of a rule, with its values for this world. */
export function payloadOf(rule: RouteRule, ids: Ids): Record<string, unknown> {
  if ('body' in rule && rule.body) return typeof rule.body === 'function' ? rule.body(ids) : rule.body;
  if (!('form' in rule) || !rule.form) return {};
  return Object.fromEntries(
    Object.entries(rule.form).map(([name, value]) => [name, typeof value === 'function' ? value(ids) : value]),
  );
}

/** Fills `:name` (pages) and `{name}` (API) parameters; an unknown parameter is a test failure, named. */
export function concretePath(route: string, rule: RouteRule, ids: Ids, extra: Record<string, string> = {}): string {
  const given = { ...(('params' in rule && rule.params) || {}), ...extra };
  return route.replace(/:(\w+)|\{(\w+)\}/g, (_match, colon?: string, brace?: string) => {
    const name = (colon ?? brace)!;
    const value = given[name] ?? defaultParams[name];
    if (value === undefined) throw new Error(`${route}: add a value for the parameter ${name} to route-access.ts`);
    return encodeURIComponent(typeof value === 'function' ? value(ids) : value);
  });
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: string;
}

/** Every page route the app serves, as `METHOD /path`, from Express's router stack (the API router aside). */
export function pageRoutesOf(app: Express): string[] {
  const found = new Set<string>();
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const path of [layer.route.path].flat())
          for (const method of Object.keys(layer.route.methods))
            if (method !== '_all') found.add(`${method.toUpperCase()} ${path}`);
      } else if (layer.handle?.stack && !layer.rawPath?.startsWith('/api')) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return [...found];
}

/** Every API operation, as `METHOD /api/v1/path`, from the OpenAPI document the API serves. */
export function apiRoutesOf(document: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => `${method.toUpperCase()} /api/v1${path}`),
  );
}
