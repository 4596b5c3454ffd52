import type { Request, Response } from 'express';
import type { Config } from '../../platform/config.js';
import type { Actor } from '../../platform/audit.js';
import type { Services } from '../../platform/services.js';
import { cookieOptions, rotateCsrf, sessionCookie } from '../../platform/web/middleware/auth.js';

export interface AuthOptions {
  production: boolean;
  oidc?: Config['oidc'];
  /** Signs the single sign-on state cookie. */
  secret: string;
}

/** Only a local path: a returnTo of another site would make the sign-in page an open redirect. */
export const safeReturnTo = (value: unknown) =>
  typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.includes('\\')
    ? value
    : '/inspections';
export const keptId = (value: unknown) =>
  typeof value === 'string' && /^[0-9a-f-]{36}$/.test(value) ? value : undefined;

/**
 * Starts a session for a user who has just proved who they are. A new session and a new CSRF cookie: nothing
 * from before sign-in survives (session fixation). A form kept when the last session ended is offered back.
 */
export async function startSignedInSession(
  services: Services,
  req: Request,
  res: Response,
  actor: Actor,
  then: { returnTo: string; kept?: string | undefined; production: boolean },
) {
  const old = (req.cookies as Record<string, string | undefined>)[sessionCookie];
  if (old) await services.users.endSession(old);
  const session = await services.users.startSession(actor.id);
  // How long the session lasts, not the instant it ends: that instant is by the services' clock.
  const lasts = session.expiresAt.getTime() - services.clock.now().getTime();
  res.cookie(sessionCookie, session.token, cookieOptions(then.production, lasts));
  rotateCsrf(res, then.production);
  res.redirect(303, then.kept ? `/kept-forms/${then.kept}` : then.returnTo);
}
