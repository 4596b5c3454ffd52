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
    ...overrides,
  };
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65_535)
    throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  if (Boolean(config.adminEmail) !== Boolean(config.adminPassword))
    throw new Error('YJ_ADMIN_EMAIL and YJ_ADMIN_PASSWORD go together: set both or neither');
  return config;
}
