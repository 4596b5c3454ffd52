import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../src/platform/db/core-tables.js';
import { planActions, planAreas } from '../../../src/features/plans/tables.js';
import { addUser, openTestWorld, type TestWorld } from '../../support/web.js';
import { planWorld } from '../../features/plans/support.js';

/**
 * A generated attack on the API: every operation of the OpenAPI document, as several roles, with hostile path
 * values, texts, types, content types and sizes. No request may get a 5xx or a status the document does not
 * list; no refused request, and no request by a read-only token or no token at all, may write anything.
 */
let world: TestWorld;
type Operation = { method: 'get' | 'post' | 'put' | 'delete' | 'patch'; path: string; spec: OperationSpec };
type OperationSpec = {
  operationId: string;
  security?: unknown[];
  requestBody?: { content: { 'application/json': { schema: { $ref?: string } } } };
  responses: Record<string, unknown>;
};
let operations: Operation[] = [];
let schemas: Record<string, { properties?: Record<string, unknown> }> = {};
let realIds: string[] = [];
const tokens: Record<string, string | undefined> = {};
/** Roles that may never write, whatever they send. */
const readOnly = new Set(['read token', 'no token']);

beforeAll(async () => {
  world = await openTestWorld();
  const setup = await planWorld(world);
  const plan = await world.services.plans.plans.create(setup.head, {
    organisationId: setup.organisation.id,
    inspectionId: setup.inspection.id,
    title: 'Walked plan',
    startFrom: 'recommendations',
  });
  const caseRow = await world.services.cases.add(setup.admin, setup.inspection.id, { ref: 'W1', domain: 'court' });
  const stranger = await addUser(world, 'stranger@elsewhere.example.org');
  const elsewhere = await world.services.organisations.create(setup.admin, { name: 'Elsewhere YJS' });
  await world.services.users.addMembership(null, stranger.id, elsewhere.id, 'headOfService');
  const token = (id: string, scopes?: ('read' | 'write')[]) =>
    world.services.users.createApiToken(null, id, 'walk', scopes);
  Object.assign(tokens, {
    administrator: await token(setup.admin.id),
    'lead inspector': await token(setup.lead.id),
    'head of service': await token(setup.head.id),
    'board member': await token(setup.chair.id),
    'foreign service': await token(stranger.id),
    'read token': await token(setup.lead.id, ['read']),
    'no token': undefined,
  });
  await world.services.plans.edits.saveArea(setup.head, plan.id, null, {
    number: 9,
    domain: 'D9',
    text: 'An area to walk',
  });
  const actions = await world.database.db.select({ id: planActions.id }).from(planActions);
  realIds = [
    setup.inspection.id,
    setup.organisation.id,
    plan.id,
    caseRow.id,
    ...(await world.database.db.select({ id: planAreas.id }).from(planAreas)).map((a) => a.id),
    ...actions.map((a) => a.id),
    '1.1',
    '2.1',
    '2023-07-14',
  ];
  const document = (await supertest(world.app).get('/api/v1/openapi.json')).body as {
    paths: Record<string, Record<string, OperationSpec>>;
    components: { schemas: typeof schemas };
  };
  schemas = document.components.schemas;
  operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, spec]) => ({ method: method as Operation['method'], path, spec })),
  );
});
afterAll(() => world.close());

// Longer than any field may be; and a body over the 1 MB limit.
const long = 'x'.repeat(20_000);
const huge = 'x'.repeat(1_100_000);
const hostileText = fc.oneof(
  fc.constantFrom('\0', 'a\0b', '\uD800', 'x\uDFFFy', '\uFFFE', '\uFDD0', "'; drop table cases; --", '<script>'),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 40 }),
);
const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);
const hostileId = fc.oneof(
  fc.uuid(),
  fc.constantFrom('not-a-uuid', '0', '-1', '..', '%00', '%ED%A0%80', '%E0%A4%A', 'null', ' ', 'x'.repeat(5_000)),
  fc.string({ minLength: 1, maxLength: 20 }).map(encodeURIComponent),
);

/** A path with its parameters filled: real ids (of whatever kind), or hostile ones when `hostile`. */
const pathWith = (path: string, hostile: boolean) =>
  fc
    .tuple(...[...path.matchAll(/\{(\w+)\}/g)].map(() => (hostile ? hostileId : fc.constantFrom(...realIds))))
    .map((values) => {
      let i = 0;
      return path.replace(/\{\w+\}/g, () => String(values[i++]));
    });

const fieldsOf = (op: Operation) => {
  const ref = op.spec.requestBody?.content['application/json'].schema.$ref?.split('/').at(-1);
  return Object.keys((ref && schemas[ref]?.properties) || {});
};

type Category = 'ids' | 'text' | 'types' | 'content types' | 'sizes';
interface Attack {
  category: Category;
  path: string;
  contentType: string;
  encoding?: string;
  body?: string;
}

/** One attack on one operation, by category. */
function attacks(op: Operation): fc.Arbitrary<Attack> {
  const fields = fieldsOf(op);
  const json = (value: unknown) => JSON.stringify(value);
  const objectOf = (value: fc.Arbitrary<unknown>) =>
    fields.length
      ? fc.record(Object.fromEntries(fields.map((f) => [f, value])), { requiredKeys: [] })
      : fc.dictionary(fc.string({ maxLength: 8 }), value, { maxKeys: 4 });
  const real = pathWith(op.path, false);
  return fc.oneof(
    pathWith(op.path, true).map((path) => ({
      category: 'ids' as const,
      path,
      contentType: 'application/json',
      body: '{}',
    })),
    fc.tuple(real, objectOf(hostileText)).map(([path, body]) => ({
      category: 'text' as const,
      path,
      contentType: 'application/json',
      body: json(body),
    })),
    fc.tuple(real, fc.oneof(objectOf(wrongType), fc.jsonValue())).map(([path, body]) => ({
      category: 'types' as const,
      path,
      contentType: 'application/json',
      body: json(body),
    })),
    fc
      .tuple(
        real,
        fc.constantFrom(
          { contentType: 'application/json; charset=latin1' },
          { contentType: 'application/json; charset=utf-16' },
          { contentType: 'text/plain' },
          { contentType: 'application/x-www-form-urlencoded' },
          { contentType: 'multipart/form-data; boundary=zzz' },
          { contentType: 'application/json', encoding: 'gzip' },
          { contentType: 'application/json', encoding: 'br-ish' },
          { contentType: 'application/json' },
        ),
        fc.constantFrom('{"a":', 'a=1&b=%00', '--zzz\r\nbroken', '\u0000\u0001', '[]', 'null', '"text"'),
      )
      .map(([path, type, body]) => ({ category: 'content types' as const, path, ...type, body })),
    fc
      .tuple(real, fc.constantFrom(...(fields.length ? fields : ['title'])), fc.boolean())
      .map(([path, field, overLimit]) => ({
        category: 'sizes' as const,
        path,
        contentType: 'application/json',
        body: json({ [field]: overLimit ? huge : long }),
      })),
  );
}

interface Tally {
  tried: number;
  refused: number;
  accepted: number;
  serverErrors: number;
  lostWrites: number;
}
const tallies = new Map<string, Tally>();
const problems: string[] = [];
const auditCount = async () => (await world.database.db.select({ id: auditEvents.id }).from(auditEvents)).length;

/** A body's top-level values as query parameters (what is not an object: none). */
function queryOf(body: string | undefined): Record<string, string> {
  try {
    const value = JSON.parse(body ?? '') as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    );
  } catch {
    return {};
  }
}

async function send(op: Operation, role: string, attack: Attack) {
  const url = `/api/v1${attack.path}`;
  const request = supertest(world.app)[op.method](url);
  const token = tokens[role];
  if (token) void request.set('authorization', `Bearer ${token}`);
  // A GET carries its hostile values in the query string instead.
  if (op.method === 'get' || op.method === 'delete') return request.query(queryOf(attack.body));
  void request.set('content-type', attack.contentType);
  if (attack.encoding) void request.set('content-encoding', attack.encoding);
  return request.serialize((body) => body as string).send(attack.body ?? '');
}

describe('a generated attack on every operation of the OpenAPI document', () => {
  it('answers each with a documented status below 500, and writes nothing it refuses', async () => {
    expect(operations.length).toBeGreaterThan(25);
    for (const op of operations) {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...Object.keys(tokens)), attacks(op), async (role, attack) => {
          const before = await auditCount();
          const response = await send(op, role, attack);
          const wrote = (await auditCount()) !== before;
          const tally = tallies.get(attack.category) ?? {
            tried: 0,
            refused: 0,
            accepted: 0,
            serverErrors: 0,
            lostWrites: 0,
          };
          tallies.set(attack.category, tally);
          tally.tried += 1;
          if (response.status >= 500) tally.serverErrors += 1;
          else if (response.status >= 400) tally.refused += 1;
          else tally.accepted += 1;
          const wrongWrite = wrote && (response.status >= 400 || readOnly.has(role));
          if (wrongWrite) tally.lostWrites += 1;
          // 405 (a method the path does not take) and 431 (Node's own answer to a huge query) hold for any path.
          const documented =
            op.spec.responses[String(response.status)] !== undefined || [405, 431].includes(response.status);
          if (response.status >= 500 || wrongWrite || !documented)
            problems.push(`${op.method.toUpperCase()} ${op.path} as ${role} (${attack.category}): ${response.status}`);
          expect(
            response.status,
            `${op.method} ${attack.path} as ${role}: ${response.text.slice(0, 300)}`,
          ).toBeLessThan(500);
          expect(wrongWrite, `${op.method} ${attack.path} as ${role} wrote with ${response.status}`).toBe(false);
          expect(
            documented,
            `${op.method} ${op.path}: ${response.status} is not in the document (${response.text.slice(0, 200)})`,
          ).toBe(true);
        }),
        {
          numRuns: 25,
          seed: 1212,
          endOnFailure: true,
          // The counterexample may hold a megabyte of text: report its start only.
          reporter: (run) => {
            if (run.failed)
              throw new Error(
                `${op.method} ${op.path}: ${String((run.errorInstance as Error | undefined)?.message).slice(0, 600)}\n` +
                  JSON.stringify(run.counterexample).slice(0, 600),
              );
          },
        },
      );
    }
    const database = world.database.kind === 'embedded' ? 'PGlite' : 'PostgreSQL';
    const rows = [...tallies].map(([category, t]) => ({ database, category, ...t }));
    writeFileSync(join(tmpdir(), `yj-api-walk-${database}.json`), JSON.stringify(rows, null, 2));
    console.log(
      [
        `API walk on ${database}: ${operations.length} operations`,
        'category | tried | refused (4xx) | accepted | 5xx | writes on refusal or by read-only',
      ]
        .concat(
          rows.map(
            (r) => `${r.category} | ${r.tried} | ${r.refused} | ${r.accepted} | ${r.serverErrors} | ${r.lostWrites}`,
          ),
        )
        .join('\n'),
    );
    expect(problems).toEqual([]);
  }, 600_000);
});
