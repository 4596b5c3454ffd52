import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Express, Response } from 'express';
import * as client from 'openid-client';
import type { OidcConfig } from '../../platform/config.js';
import { t } from '../../platform/i18n/index.js';
import type { Services } from '../../platform/services.js';
import { cookieOptions } from '../../platform/web/middleware/auth.js';
import { keptId, safeReturnTo, startSignedInSession, type AuthOptions } from './session-start.js';

const stateCookie = 'yj_oidc';
const stateMinutes = 10;

interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
  /** A form kept when the last session ended, offered back after sign-in. */
  kept?: string;
  expires: number;
}

/** The provider's configuration, discovered once (and again after a failure). */
function discoveryOf(oidc: OidcConfig) {
  let discovered: Promise<client.Configuration> | undefined;
  return () => {
    discovered ??= client
      .discovery(
        new URL(oidc.issuer),
        oidc.clientId,
        oidc.clientSecret,
        undefined,
        // Plain http only for a provider on this machine (tests, development); anywhere else, https.
        ['localhost', '127.0.0.1', '[::1]'].includes(new URL(oidc.issuer).hostname)
          ? { execute: [client.allowInsecureRequests] }
          : undefined,
      )
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  };
}

/**
 * Single sign-on: OpenID Connect, authorization code with PKCE, state and nonce. What the callback must check
 * travels in a short-lived cookie signed with the app's secret (httpOnly; SameSite=Lax so that it comes back
 * on the provider's redirect).
 */
export function registerSingleSignOnRoutes(
  app: Express,
  services: Services,
  options: AuthOptions & { oidc: OidcConfig },
) {
  const { oidc, production, secret } = options;
  const configuration = discoveryOf(oidc);
  const sign = (payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');
  const cookiePath = { ...cookieOptions(production), path: '/sign-in/oidc' };

  function pendingFrom(cookie: string | undefined): PendingSignIn | null {
    const [payload, signature] = (cookie ?? '').split('.');
    if (!payload || !signature) return null;
    const expected = Buffer.from(sign(payload));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const pending = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as PendingSignIn;
    return pending.expires > services.clock.now().getTime() ? pending : null;
  }

  const refuse = (res: Response, message: string) =>
    res.status(400).render('accounts/views/sign-in.njk', {
      oidcName: oidc.name,
      values: {},
      returnTo: '/inspections',
      errors: { list: [{ text: t(message), href: '#oidc' }], byField: {} },
    });

  // A link, not a form: the browser follows it to the provider (a form's redirect would meet CSP form-action).
  app.get('/sign-in/oidc', async (req, res) => {
    const pending: PendingSignIn = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      returnTo: safeReturnTo(req.query.returnTo),
      ...(keptId(req.query.kept) && { kept: keptId(req.query.kept) }),
      expires: services.clock.now().getTime() + stateMinutes * 60_000,
    };
    const url = client.buildAuthorizationUrl(await configuration(), {
      redirect_uri: oidc.redirectUri,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    const payload = Buffer.from(JSON.stringify(pending)).toString('base64url');
    res.cookie(stateCookie, `${payload}.${sign(payload)}`, { ...cookiePath, maxAge: stateMinutes * 60_000 });
    res.redirect(303, url.href);
  });

  app.get('/sign-in/oidc/callback', async (req, res) => {
    const pending = pendingFrom((req.cookies as Record<string, string | undefined>)[stateCookie]);
    res.clearCookie(stateCookie, cookiePath);
    if (!pending) return refuse(res, `Signing in with ${oidc.name} took too long or was not started here: try again`);
    const query = new URL(req.originalUrl, 'http://callback').search;
    let claims: Record<string, unknown> & { iss: string; sub: string };
    try {
      const tokens = await client.authorizationCodeGrant(
        await configuration(),
        new URL(`${oidc.redirectUri}${query}`),
        {
          pkceCodeVerifier: pending.verifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        },
      );
      claims = tokens.claims()!;
      // Providers that follow the spec strictly put email and name in the userinfo response, not the ID token.
      if (typeof claims.email !== 'string')
        claims = { ...claims, ...(await client.fetchUserInfo(await configuration(), tokens.access_token, claims.sub)) };
    } catch {
      // A wrong state or nonce, a replayed or expired code: the person can only start again.
      return refuse(res, `Signing in with ${oidc.name} did not succeed: try again`);
    }
    const result = await services.singleSignOn.userForIdentity(
      {
        issuer: claims.iss,
        subject: claims.sub,
        ...(typeof claims.email === 'string' && { email: claims.email }),
        ...(typeof claims.email_verified === 'boolean' && { emailVerified: claims.email_verified }),
        ...(typeof claims.name === 'string' && { name: claims.name }),
      },
      oidc,
      res.locals.requestId as string | undefined,
    );
    if (result.outcome === 'refused') return refuse(res, result.reason);
    await startSignedInSession(services, req, res, result.actor, {
      returnTo: pending.returnTo,
      kept: pending.kept,
      production,
    });
  });
}
