import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isMalformedId, uniqueViolationOf } from '../../db/unique.js';
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
    return res.render(status === 404 ? 'errors/not-found.njk' : 'errors/problem.njk', { status, message, ...extra });
  };
  // An id that is not a UUID names nothing that could exist: the same 404 as an id that does not exist.
  if (error instanceof NotFoundError || isMalformedId(error)) return send(404, api ? 'Not found' : 'Page not found');
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
  const { status, type } = error as { status?: number; type?: string };
  if (status === 413) return send(413, 'The request is too large');
  if (status === 400 && type === 'entity.parse.failed')
    return send(400, `The request body is not valid JSON: ${(error as Error).message}`);
  if (status === 415 && type === 'charset.unsupported')
    return send(415, 'Send the body as UTF-8 (Content-Type: …; charset=utf-8): other character sets are not read');
  if (status === 415 && type === 'encoding.unsupported')
    return send(415, 'The Content-Encoding is not supported: send the body plain, or compressed with gzip or deflate');
  // A path whose %-escapes are not UTF-8 text names nothing that exists.
  if (error instanceof URIError) return send(404, api ? 'Not found' : 'Page not found');
  // The body parser's other refusals (a broken gzip body, a request cut short, a path that is not URL-encoded).
  if (status && status >= 400 && status < 500 && (error as { expose?: boolean }).expose)
    return send(status, `The request cannot be read: ${(error as Error).message}`);
  // The request log's line for this request carries the id; this one carries the stack.
  req.log.error({ err: error, requestId: res.locals.requestId as string }, 'request failed');
  return send(500, 'Sorry, there is a problem with the service', { requestId: res.locals.requestId });
};
