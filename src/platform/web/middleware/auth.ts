import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Actor } from '../../audit.js';
import type { FormFields } from '../forms.js';
import type { Services } from '../../services.js';
import { sessionRules } from '../../../policy/session-rules.js';

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

/** `maxAge` in milliseconds: the browser counts it on its own clock, whatever the services' clock says. */
export function cookieOptions(production: boolean, maxAge?: number) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: production, path: '/', ...(maxAge && { maxAge }) };
}

const readOnlyMethods = ['GET', 'HEAD', 'OPTIONS'];

export interface AuthenticateOptions {
  /**
   * The API writes whose own statement checks that the credential still holds (credentialIsLive): for them a
   * token seen in the last minute is taken from memory, which saves a round trip to the database.
   */
  checksCredentialItself?: (req: Request) => boolean;
}

/**
 * Finds the actor from the session cookie, or from a bearer token on the API. A token without the 'write'
 * scope is refused (403) on anything that changes data; a session that ended is remembered for requireSignIn.
 */
export function authenticate(services: Services, options: AuthenticateOptions = {}): RequestHandler {
  return async (req, res, next) => {
    // A token is a credential for the API only: on a page it counts for nothing, so the page asks for sign-in.
    const api = req.originalUrl.startsWith('/api/');
    const bearer = api ? /^Bearer (\S+)$/.exec(req.get('authorization') ?? '')?.[1] : undefined;
    if (bearer) {
      const found = options.checksCredentialItself?.(req)
        ? await services.users.apiTokenForCheckedWrite(bearer)
        : await services.users.apiTokenOf(bearer);
      if (found) {
        if (!readOnlyMethods.includes(req.method) && !found.scopes.includes('write')) {
          res.status(403).json({
            error: {
              status: 403,
              message: "This token may only read: create a token with the 'write' scope to change data",
            },
          });
          return;
        }
        req.actor = { ...found.actor, requestId: res.locals.requestId as string };
        req.authenticatedBy = 'token';
      }
    } else {
      const token = (req.cookies as Record<string, string | undefined>)[sessionCookie];
      const session = token ? await services.users.sessionOf(token) : null;
      if (session) {
        req.actor = { ...session.actor, requestId: res.locals.requestId as string };
        req.authenticatedBy = 'session';
        res.locals.actor = session.actor;
        res.locals.sessionSecondsLeft = Math.max(
          0,
          Math.round((session.endsAt.getTime() - services.clock.now().getTime()) / 1000),
        );
        res.locals.sessionWarningSeconds = sessionRules.warningMinutes * 60;
      } else if (token) {
        res.locals.sessionEnded = true;
      }
    }
    next();
  };
}

/** What a form posted, less its CSRF token (a new one comes with the page that sends it again). */
function keptFields(body: unknown): FormFields {
  const { _csrf: _ignored, ...fields } = (body ?? {}) as Record<string, unknown>;
  return fields as FormFields;
}

/**
 * Pages need a signed-in user: anyone else goes to the sign-in page, and comes back after. A form posted
 * after the session ended (30 minutes idle) is kept, so that nothing typed is lost: after signing in, its
 * user is offered to send it again.
 */
export function requireSignIn(services: Services): RequestHandler {
  return async (req, res, next) => {
    if (req.actor) return next();
    const returnTo = encodeURIComponent(req.originalUrl);
    const token = (req.cookies as Record<string, string | undefined>)[sessionCookie];
    if (req.method === 'POST' && token && res.locals.sessionEnded && req.is('application/x-www-form-urlencoded')) {
      const userId = await services.users.userOfEndedSession(token);
      if (userId) {
        const kept = await services.signIn.keepForm(userId, req.originalUrl, keptFields(req.body));
        return res.redirect(303, `/sign-in?returnTo=${returnTo}&kept=${kept}`);
      }
    }
    res.redirect(303, `/sign-in?returnTo=${returnTo}${res.locals.sessionEnded ? '&ended=1' : ''}`);
  };
}

/**
 * CSRF protection for every form: in each form, an HMAC under the app's secret of the session's token (before
 * sign-in, of a random cookie). A token is good for one session only: one planted by another site, or taken
 * from another session, does not match. Bearer-token API calls carry no cookies and need none.
 */
export function csrf(secret: string, production: boolean) {
  const tokenFor = (value: string) => createHmac('sha256', secret).update(value).digest('base64url');
  return (req: Request, res: Response, next: NextFunction) => {
    // The API accepts bearer tokens only (a cookie gets 401 there), so a cross-site request has nothing to ride on.
    if (req.path.startsWith('/api/')) return next();
    const cookies = req.cookies as Record<string, string | undefined>;
    const session = cookies[sessionCookie];
    let value = cookies[csrfCookie];
    if (!value || !/^[\w-]{43}$/.test(value)) {
      value = randomBytes(32).toString('base64url');
      res.cookie(csrfCookie, value, { ...cookieOptions(production), sameSite: 'strict' });
    }
    const signedIn = req.authenticatedBy === 'session' && session !== undefined;
    res.locals.csrfToken = tokenFor(signedIn ? `session:${session}` : `anonymous:${value}`);
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next();
    // Signed in: only this session's token. A session that has just ended still vouches for its own forms,
    // so that one posted after it can be kept (requireSignIn).
    const accepted = signedIn
      ? [`session:${session}`]
      : [`anonymous:${value}`, ...(session === undefined ? [] : [`session:${session}`])];
    const given = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.get('x-csrf-token');
    const matches = (bound: string) => {
      const expected = Buffer.from(tokenFor(bound));
      return (
        typeof given === 'string' && given.length === expected.length && timingSafeEqual(Buffer.from(given), expected)
      );
    };
    if (accepted.some(matches)) return next();
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
