import { resolve } from 'node:path';

/** All configuration, from the environment, in one typed place. Production fails fast on what it must have. */
export interface Config {
  port: number;
  /** PostgreSQL server URL; without it, the embedded database in dataDir. */
  databaseUrl?: string;
  dataDir: string;
  production: boolean;
  /** The first administrator, created at start when given. */
  adminEmail?: string;
  adminPassword?: string;
  /** Single sign-on with an OpenID Connect provider, alongside local accounts (YJ_OIDC_*). */
  oidc?: OidcConfig;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** This app's callback as registered with the provider: https://…/sign-in/oidc/callback */
  redirectUri: string;
  /** For the button: "Sign in with {name}". */
  name: string;
  /** New users from the provider join this service (by name), with defaultRole. */
  organisation?: string;
  /** Email domains the provider may sign in; empty: any. */
  allowedDomains: string[];
  defaultRole: string;
}

function oidcFrom(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  const { YJ_OIDC_ISSUER: issuer, YJ_OIDC_CLIENT_ID: clientId, YJ_OIDC_REDIRECT_URI: redirectUri } = env;
  if (!issuer && !clientId && !redirectUri) return undefined;
  if (!issuer || !clientId || !redirectUri)
    throw new Error('YJ_OIDC_ISSUER, YJ_OIDC_CLIENT_ID and YJ_OIDC_REDIRECT_URI go together: set all three or none');
  return {
    issuer,
    clientId,
    ...(env.YJ_OIDC_CLIENT_SECRET && { clientSecret: env.YJ_OIDC_CLIENT_SECRET }),
    redirectUri,
    name: env.YJ_OIDC_NAME ?? 'your organisation account',
    ...(env.YJ_OIDC_ORGANISATION && { organisation: env.YJ_OIDC_ORGANISATION }),
    allowedDomains: (env.YJ_OIDC_ALLOWED_DOMAINS ?? '')
      .split(',')
      .map((d) => d.trim().toLowerCase())
      .filter(Boolean),
    defaultRole: env.YJ_OIDC_DEFAULT_ROLE ?? 'auditor',
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const production = env.NODE_ENV === 'production';
  const config: Config = {
    port: Number(env.PORT ?? 3000),
    ...(env.DATABASE_URL && { databaseUrl: env.DATABASE_URL }),
    dataDir: resolve(env.YJ_DATA_DIR ?? '.data'),
    production,
    ...(env.YJ_ADMIN_EMAIL && { adminEmail: env.YJ_ADMIN_EMAIL }),
    ...(env.YJ_ADMIN_PASSWORD && { adminPassword: env.YJ_ADMIN_PASSWORD }),
    ...(oidcFrom(env) && { oidc: oidcFrom(env) }),
    ...overrides,
  };
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65_535)
    throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  if (Boolean(config.adminEmail) !== Boolean(config.adminPassword))
    throw new Error('YJ_ADMIN_EMAIL and YJ_ADMIN_PASSWORD go together: set both or neither');
  return config;
}
