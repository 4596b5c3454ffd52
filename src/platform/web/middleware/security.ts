import { randomBytes, randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * A correlation id for every request, always our own: in the response header and in the audit trail. A client's
 * X-Request-Id is kept apart (res.locals.clientRequestId), so no client can choose what the audit trail records.
 */
export const requestId: RequestHandler = (req, res, next) => {
  const given = req.get('x-request-id');
  if (given && /^[\w-]{1,64}$/.test(given)) res.locals.clientRequestId = given;
  res.locals.requestId = randomUUID();
  res.set('x-request-id', res.locals.requestId as string);
  next();
};

/** Files that hold no data (GOV.UK Frontend's styles, scripts, fonts, images): the browser may keep them. */
const staticPrefixes = ['/assets/', '/stylesheets/', '/javascripts/', '/public/'];

/** Security headers with a per-request nonce: the only scripts that run are ours, and none inline but by nonce. */
export function securityHeaders(production: boolean): RequestHandler[] {
  return [
    (_req, res, next) => {
      res.locals.cspNonce = randomBytes(16).toString('base64');
      next();
    },
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: [
            "'self'",
            (_req, res) => `'nonce-${(res as unknown as { locals: { cspNonce: string } }).locals.cspNonce}'`,
          ],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: production ? [] : null,
        },
      },
      strictTransportSecurity: production,
    }),
    // Pages hold children's case data: never cached.
    (req, res, next) => {
      if (!staticPrefixes.some((prefix) => req.path.startsWith(prefix))) res.set('Cache-Control', 'no-store');
      next();
    },
  ];
}
