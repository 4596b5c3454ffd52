import { z } from 'zod';
import { jsonSchemas } from '../../../domain/json-schemas.js';
import type { Actor } from '../../audit.js';
import { inspectionRatingSchema } from '../../../features/ratings/api-schemas.js';
import { requestBodies, responseBodies } from './schemas.js';

export type RequestBody = keyof typeof requestBodies;
type ResponseBody = keyof typeof responseBodies | 'InspectionRating' | 'Framework' | 'OpenApiDocument';

/** What a handler receives: the token's user, the path's parameters, and the body already validated. */
export interface ApiCall<B> {
  readonly actor: Actor;
  param: (name: string) => string;
  body: B;
}

/** One endpoint: the route and its documentation in one place, so that they cannot drift apart. */
export interface Endpoint<K extends RequestBody | undefined = RequestBody | undefined> {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Express style, under /api/v1: '/inspections/:id'. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  /** Needs no bearer token. */
  public?: boolean;
  /**
   * Its write checks in its own statement that the token still holds (credentialIsLive), so authentication
   * may take a token seen in the last minute from memory (see authenticate).
   */
  checksCredentialItself?: true;
  body?: K;
  status?: 200 | 201;
  response: ResponseBody;
  /** The error statuses it can answer with, besides 500. */
  errors: (400 | 401 | 403 | 404 | 409)[];
  handle: (call: ApiCall<K extends RequestBody ? z.output<(typeof requestBodies)[K]> : undefined>) => unknown;
}

const errorDescriptions: Record<number, string> = {
  400: 'The body or query is not valid (JSON, text that can be stored) or breaks a rule: `error.fields` names each field at fault',
  401: 'No bearer token, or one that is unknown or revoked',
  403: 'The user may not do this',
  404: 'No such thing, or not one the user may see',
  409: 'expectedVersion is out of date: nothing was saved, and `error.current` holds what is stored now',
  413: 'The body is larger than 1 MB',
  415: 'The body is not UTF-8, or its Content-Encoding is not gzip or deflate',
};

/** What any request with a body may be answered, whatever the operation: a body that cannot be read or is too large. */
const bodyErrors = [400, 413, 415];

const jsonSchemaOf = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io });
  return rest;
};

/** '/inspections/:id' as OpenAPI writes it: '/inspections/{id}'. */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ 'application/json': { schema: ref(name) } });

/** The OpenAPI 3.1 document of the endpoints, with request bodies generated from the zod schemas that check them. */
export function openApiDocument(endpoints: readonly Endpoint[]) {
  const { $schema: _dialect, ...framework } = jsonSchemas()['framework.schema.json'] as Record<string, unknown>;
  const schemas: Record<string, unknown> = {
    ...Object.fromEntries(Object.entries(requestBodies).map(([name, s]) => [name, jsonSchemaOf(s, 'input')])),
    // Responses as inputs: documented fields, without forbidding the others.
    ...Object.fromEntries(Object.entries(responseBodies).map(([name, s]) => [name, jsonSchemaOf(s, 'input')])),
    InspectionRating: jsonSchemaOf(inspectionRatingSchema, 'input'),
    Framework: framework,
    OpenApiDocument: { type: 'object', description: 'This document' },
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of endpoints) {
    const path = openApiPath(endpoint.path);
    const parameters = [...endpoint.path.matchAll(/:(\w+)/g)].map(([, name]) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const status = endpoint.status ?? 200;
    // Any request that may carry a body may send one that cannot be read; any change may meet a read-only token.
    // A query string may hold text that cannot be stored (400), whatever the operation.
    const general = endpoint.method === 'get' ? [400] : [...bodyErrors, ...(endpoint.public ? [] : [403])];
    const codes = [...new Set([...endpoint.errors, ...general])].sort();
    const errors = codes.map((code): [string, object] => [
      String(code),
      { description: errorDescriptions[code], content: json('Error') },
    ]);
    (paths[path] ??= {})[endpoint.method] = {
      operationId: endpoint.operationId,
      summary: endpoint.summary,
      ...(endpoint.description && { description: endpoint.description }),
      ...(endpoint.public && { security: [] }),
      ...(parameters.length > 0 && { parameters }),
      ...(endpoint.body && { requestBody: { required: true, content: json(endpoint.body) } }),
      responses: {
        [String(status)]: { description: endpoint.summary, content: json(endpoint.response) },
        ...Object.fromEntries(errors),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'yj-inspect API',
      version: '1',
      description:
        'Inspections of youth justice services: cases, answers, judgements, discretion and ratings. ' +
        'Send `Authorization: Bearer <token>` (tokens from `yj-inspect tokens create`); errors are ' +
        '`{ "error": { "status", "message", "fields"? } }`.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearerToken: [] }],
    paths,
    components: {
      securitySchemes: { bearerToken: { type: 'http', scheme: 'bearer' } },
      schemas,
    },
  };
}
