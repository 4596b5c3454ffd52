import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Actor } from '../../services/audit.js';
import type { Services } from '../../services/index.js';

export const sessionCookie = 'yj_session';
const csrfCookie = 'yj_csrf';

declare module 'express-serve-static-core' {
  interface Request {
    /** The signed-in user (web) or the token's user (API); undefined when anonymous. */
    actor?: Actor;
    /** How the actor was authenticated: cookie requests need a CSRF token, bearer requests do not. */
    authenticatedBy?: 'session' | 'token';
  }
}

export function cookieOptions(production: boolean, expires?: Date) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: production, path: '/', ...(expires && { expires }) };
}

/** Finds the actor from the session cookie, or from a bearer token on the API. */
export function authenticate(services: Services): RequestHandler {
  return async (req, res, next) => {
    const bearer = /^Bearer (\S+)$/.exec(req.get('authorization') ?? '')?.[1];
    if (bearer) {
      const actor = await services.users.userForApiToken(bearer);
      if (actor) {
        req.actor = { ...actor, requestId: res.locals.requestId as string };
        req.authenticatedBy = 'token';
      }
    } else {
      const token = (req.cookies as Record<string, string | undefined>)[sessionCookie];
      const actor = token ? await services.users.userForSession(token) : null;
      if (actor) {
        req.actor = { ...actor, requestId: res.locals.requestId as string };
        req.authenticatedBy = 'session';
        res.locals.actor = actor;
      }
    }
    next();
  };
}

/** Pages need a signed-in user: anyone else goes to the sign-in page, and comes back after. */
export const requireSignIn: RequestHandler = (req, res, next) => {
  if (req.actor) return next();
  res.redirect(303, `/sign-in?returnTo=${encodeURIComponent(req.originalUrl)}`);
};

/**
 * CSRF protection for every form: a random cookie and, in each form, its HMAC under the app's secret.
 * A cross-site page can neither read the cookie nor compute the token. Bearer-token API calls carry no
 * cookies and need none.
 */
export function csrf(secret: string, production: boolean) {
  const tokenFor = (value: string) => createHmac('sha256', secret).update(value).digest('base64url');
  return (req: Request, res: Response, next: NextFunction) => {
    // The API accepts bearer tokens only (a cookie gets 401 there), so a cross-site request has nothing to ride on.
    if (req.path.startsWith('/api/')) return next();
    let value = (req.cookies as Record<string, string | undefined>)[csrfCookie];
    if (!value || !/^[\w-]{43}$/.test(value)) {
      value = randomBytes(32).toString('base64url');
      res.cookie(csrfCookie, value, { ...cookieOptions(production), sameSite: 'strict' });
    }
    res.locals.csrfToken = tokenFor(value);
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next();
    const given = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.get('x-csrf-token');
    const expected = Buffer.from(tokenFor(value));
    if (typeof given === 'string' && given.length === expected.length && timingSafeEqual(Buffer.from(given), expected))
      return next();
    res.status(403);
    if (req.path.startsWith('/api/'))
      return res.json({
        error: { status: 403, message: 'Missing or invalid CSRF token: send a bearer token, or the form token' },
      });
    return res.render('errors/csrf.njk');
  };
}

/** After sign-in, a new CSRF cookie: nothing chosen before authentication survives it. */
export function rotateCsrf(res: Response, production: boolean) {
  res.cookie(csrfCookie, randomBytes(32).toString('base64url'), { ...cookieOptions(production), sameSite: 'strict' });
}
