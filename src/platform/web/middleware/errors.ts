import type { ErrorRequestHandler, RequestHandler } from 'express';
import { uniqueViolationOf } from '../../db/unique.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
  UnavailableError,
  ValidationError,
} from '../../errors.js';

export const notFound: RequestHandler = (req, res) => {
  res.status(404);
  if (req.originalUrl.startsWith('/api/')) return res.json({ error: { status: 404, message: 'Not found' } });
  return res.render('errors/not-found.njk');
};

/** Service errors to pages and to uniform JSON; anything else is logged and shown without its internals. */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const api = req.originalUrl.startsWith('/api/');
  const send = (status: number, message: string, extra: Record<string, unknown> = {}) => {
    res.status(status);
    if (api) return res.json({ error: { status, message, ...extra } });
    return res.render(status === 404 ? 'errors/not-found.njk' : 'errors/problem.njk', { status, message });
  };
  if (error instanceof NotFoundError) return send(404, api ? 'Not found' : 'Page not found');
  if (error instanceof ForbiddenError) return send(403, error.message);
  if (error instanceof UnauthorizedError) {
    if (api) res.set('WWW-Authenticate', 'Bearer realm="yj-inspect"');
    return send(401, error.message);
  }
  if (error instanceof ValidationError)
    return send(400, 'There is a problem with the request', { fields: error.fields });
  if (error instanceof ConflictError) return send(409, error.message, { current: error.current });
  if (error instanceof UnavailableError) return send(503, error.message);
  const clash = uniqueViolationOf(error);
  if (clash) return send(409, `${clash.message}: nothing was saved`, { fields: { [clash.field]: clash.message } });
  const status = (error as { status?: number; type?: string }).status;
  if (status === 413) return send(413, 'The request is too large');
  if (status === 400 && (error as { type?: string }).type === 'entity.parse.failed')
    return send(400, `The request body is not valid JSON: ${(error as Error).message}`);
  // The request log's line for this request carries the id; this one carries the stack.
  req.log.error({ err: error, requestId: res.locals.requestId as string }, 'request failed');
  return send(500, 'Sorry, there is a problem with the service', { requestId: res.locals.requestId });
};
