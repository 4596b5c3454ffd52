import { resolve } from 'node:path';
import { z } from 'zod';

/** All configuration, from the environment, in one typed place. Production fails fast on what it must have. */
export interface Config {
  port: number;
  /** PostgreSQL server URL; without it, the embedded database in dataDir. */
  databaseUrl?: string;
  /** The tables' owner on the same server, for migrations (`yj-inspect db migrate`); the server runs as databaseUrl's role. */
  migrationDatabaseUrl?: string;
  dataDir: string;
  production: boolean;
  /** The first administrator, created at start when given. */
  adminEmail?: string;
  adminPassword?: string;
  /** Single sign-on with an OpenID Connect provider, alongside local accounts (YJ_OIDC_*). */
  oidc?: OidcConfig;
  /** pino's level: fatal, error, warn, info, debug, trace or silent. */
  logLevel: string;
  /** Re-read templates on every render, while editing them. */
  reloadTemplates: boolean;
  /** The Chromium that prints PDFs. */
  chromiumPath: string;
  /** Email for the plan digest and invitations; without it no email is sent. */
  mail?: MailSettings;
  /** The address people reach the application at, for the links in emails (YJ_PUBLIC_URL). */
  publicUrl?: string;
  /** argon2id's cost for new password hashes (YJ_PASSWORD_HASH_MEMORY_KIB, YJ_PASSWORD_HASH_PASSES). */
  passwordHashing: PasswordHashing;
}

/** argon2id's cost for new password hashes: memory in KiB and passes. */
export interface PasswordHashing {
  memoryKib: number;
  passes: number;
}

/** OWASP's argon2id settings: 19 MiB, two passes. Production may not go below them. */
export const owaspArgon2id: PasswordHashing = { memoryKib: 19_456, passes: 2 };

export interface MailSettings {
  url: string;
  from: string;
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

const text = z.string().trim().min(1).optional().catch(undefined);
/** An optional whole number from min to max, given as text. */
const whole = (min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? undefined : Number(v)))
    .refine(
      (n) => n === undefined || (Number.isInteger(n) && n >= min && n <= max),
      `must be a whole number from ${min} to ${max}`,
    );
const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Every environment variable the application reads, and its rule: the README's table lists the same. Only
 * this module reads the environment; the rest is given a Config.
 */
const environmentSchema = z.object({
  NODE_ENV: text,
  PORT: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? 3000 : Number(v)))
    .refine((n) => Number.isInteger(n) && n >= 0 && n <= 65_535, 'must be a port number'),
  DATABASE_URL: text,
  MIGRATION_DATABASE_URL: text,
  YJ_DATA_DIR: text,
  YJ_ADMIN_EMAIL: text,
  YJ_ADMIN_PASSWORD: text,
  YJ_OIDC_ISSUER: text,
  YJ_OIDC_CLIENT_ID: text,
  YJ_OIDC_CLIENT_SECRET: text,
  YJ_OIDC_REDIRECT_URI: text,
  YJ_OIDC_NAME: text,
  YJ_OIDC_ORGANISATION: text,
  YJ_OIDC_ALLOWED_DOMAINS: text,
  YJ_OIDC_DEFAULT_ROLE: text,
  LOG_LEVEL: z.enum(logLevels, `must be one of ${logLevels.join(', ')}`).optional(),
  YJ_RELOAD_TEMPLATES: text,
  CHROMIUM_PATH: text,
  YJ_SMTP_URL: z
    .url('must be a URL like smtp://user:password@mail.example.org:587')
    .refine((u) => /^smtps?:\/\//.test(u), 'must start smtp:// or smtps://')
    .optional(),
  YJ_MAIL_FROM: text,
  YJ_PUBLIC_URL: z
    .url('must be a URL like https://inspect.example.org')
    .refine((u) => /^https?:\/\//.test(u), 'must start http:// or https://')
    .optional(),
  YJ_PASSWORD_HASH_MEMORY_KIB: whole(8, 4_194_304),
  YJ_PASSWORD_HASH_PASSES: whole(1, 100),
  VITEST: text,
});
type Environment = z.infer<typeof environmentSchema>;

/** What a production server cannot start without: a real database, so that nothing is kept in a local directory by accident. */
const requiredInProduction = ['DATABASE_URL'] as const;

function oidcFrom(env: Environment): OidcConfig | undefined {
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

/** The environment checked against its schema: every bad setting named in one message. */
function environment(given: NodeJS.ProcessEnv): Environment {
  const parsed = environmentSchema.safeParse(given);
  if (!parsed.success)
    throw new Error(
      `The settings are not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

/**
 * A setting whose name is given at run time: the new user's password, from the variable that
 * `yj-inspect users add --password-env NAME` names (never on the command line). Read here, like every setting.
 */
export function namedSetting(name: string, given: NodeJS.ProcessEnv = process.env): string | undefined {
  return given[name] || undefined;
}

/**
 * The cost of new password hashes: OWASP's argon2id settings unless YJ_PASSWORD_HASH_MEMORY_KIB or
 * YJ_PASSWORD_HASH_PASSES say otherwise. A cheaper cost is for tests only (vitest.config.ts sets one): in
 * production a setting below OWASP's stops the start.
 */
export function passwordHashingFrom(given: NodeJS.ProcessEnv = process.env): PasswordHashing {
  const env = environment(given);
  const hashing = {
    memoryKib: env.YJ_PASSWORD_HASH_MEMORY_KIB ?? owaspArgon2id.memoryKib,
    passes: env.YJ_PASSWORD_HASH_PASSES ?? owaspArgon2id.passes,
  };
  if (
    env.NODE_ENV === 'production' &&
    (hashing.memoryKib < owaspArgon2id.memoryKib || hashing.passes < owaspArgon2id.passes)
  )
    throw new Error(
      `In production (NODE_ENV=production) password hashes may not be cheaper than OWASP's argon2id settings: YJ_PASSWORD_HASH_MEMORY_KIB at least ${owaspArgon2id.memoryKib}, YJ_PASSWORD_HASH_PASSES at least ${owaspArgon2id.passes}`,
    );
  return hashing;
}

export function loadConfig(given: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const env = environment(given);
  const production = env.NODE_ENV === 'production';
  if (production) {
    const missing = requiredInProduction.filter((name) => !env[name]);
    if (missing.length)
      throw new Error(
        `In production (NODE_ENV=production) these settings are required and missing: ${missing.join(', ')}`,
      );
  }
  const oidc = oidcFrom(env);
  const config: Config = {
    port: env.PORT,
    ...(env.DATABASE_URL && { databaseUrl: env.DATABASE_URL }),
    ...(env.MIGRATION_DATABASE_URL && { migrationDatabaseUrl: env.MIGRATION_DATABASE_URL }),
    dataDir: resolve(env.YJ_DATA_DIR ?? '.data'),
    production,
    ...(env.YJ_ADMIN_EMAIL && { adminEmail: env.YJ_ADMIN_EMAIL }),
    ...(env.YJ_ADMIN_PASSWORD && { adminPassword: env.YJ_ADMIN_PASSWORD }),
    ...(oidc && { oidc }),
    // Tests are quiet unless LOG_LEVEL asks otherwise.
    logLevel: env.LOG_LEVEL ?? (env.VITEST ? 'silent' : 'info'),
    reloadTemplates: env.YJ_RELOAD_TEMPLATES === '1',
    chromiumPath: env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    ...(env.YJ_SMTP_URL && {
      mail: { url: env.YJ_SMTP_URL, from: env.YJ_MAIL_FROM ?? 'yj-inspect <no-reply@localhost>' },
    }),
    ...(env.YJ_PUBLIC_URL && { publicUrl: env.YJ_PUBLIC_URL.replace(/\/$/, '') }),
    passwordHashing: passwordHashingFrom(given),
    ...overrides,
  };
  if (Boolean(config.adminEmail) !== Boolean(config.adminPassword))
    throw new Error('YJ_ADMIN_EMAIL and YJ_ADMIN_PASSWORD go together: set both or neither');
  return config;
}
