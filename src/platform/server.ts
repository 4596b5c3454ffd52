import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Config } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/connect.js';
import { lockDataDir } from './db/data-dir-lock.js';
import { appSettings } from './db/core-tables.js';
import { seedDemo } from '../demo/demo.js';
import { createServices, type Services } from './services.js';
import { createApp } from './web/app.js';
import { createLogger } from './logger.js';
import { createMailer } from './mail.js';
import { createPdfRenderer } from './pdf.js';
import { createPasswords } from './passwords.js';

/**
 * Opens the database for a command or the server: the embedded one is locked to this process first, so no
 * second process can open (and corrupt) the same data directory. The PDF renderer and the mailer are built here
 * from the config, once, and closed with the database: a command that printed a PDF does not hang on Chromium.
 */
export async function openServices(
  config: Config,
): Promise<{ services: Services; close: () => Promise<void>; lock?: ReturnType<typeof lockDataDir> }> {
  const lock = config.databaseUrl ? undefined : lockDataDir(config.dataDir);
  const logger = createLogger(config.logLevel);
  let database: DatabaseHandle;
  try {
    database = await openDatabase({
      ...(config.databaseUrl && { url: config.databaseUrl }),
      ...(config.migrationDatabaseUrl && { migrationUrl: config.migrationDatabaseUrl }),
      dataDir: config.dataDir,
      logger,
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const pdf = createPdfRenderer(config);
  const mailer = createMailer(config.mail);
  const services = createServices(database, {
    logger,
    pdf,
    mailer,
    passwords: createPasswords(config.passwordHashing),
    ...(config.publicUrl && { publicUrl: config.publicUrl }),
    localUrl: `http://localhost:${config.port}`,
  });
  // The services' own framework versions, findable by id before any request or command needs one.
  await services.frameworks.loadAll();
  return {
    services,
    ...(lock && { lock }),
    close: async () => {
      await pdf.close();
      mailer?.transport.close?.();
      await database.close();
      lock?.release();
    },
  };
}

/** The secret that signs CSRF tokens: made once, kept in the database. */
async function appSecret(services: Services): Promise<string> {
  const { db } = services.database;
  const [stored] = await db.select().from(appSettings).where(eq(appSettings.key, 'secret'));
  if (stored) return stored.value;
  const secret = randomBytes(32).toString('base64url');
  await db.insert(appSettings).values({ key: 'secret', value: secret }).onConflictDoNothing();
  const [kept] = await db.select().from(appSettings).where(eq(appSettings.key, 'secret'));
  return kept!.value;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Starts the web application; with `demo`, loads the demo inspection first if it is not there. */
export async function startServer(
  config: Config,
  options: { demo: boolean; log: (line: string) => void },
): Promise<RunningServer> {
  const opened = await openServices(config);
  const { services } = opened;
  if (config.adminEmail && config.adminPassword && !(await services.users.findByEmail(config.adminEmail))) {
    await services.users.create(null, {
      email: config.adminEmail,
      displayName: 'Administrator',
      password: config.adminPassword,
      isAdmin: true,
    });
    options.log(`Created the administrator ${config.adminEmail}.`);
  }
  if (options.demo) {
    const signIn = await seedDemo(services.database.db, services.users);
    if (signIn) {
      const text = `Demo sign-in: ${signIn.email} / ${signIn.password}`;
      if (services.database.kind === 'embedded')
        writeFileSync(join(config.dataDir, 'demo-sign-in.txt'), `${text}\n`, { mode: 0o600 });
      options.log(`Loaded the demo inspection (synthetic cases reproducing the Hackney 2023 report). ${text}`);
    } else if (services.database.kind === 'embedded') {
      options.log(`The demo inspection is loaded; its sign-in is in ${join(config.dataDir, 'demo-sign-in.txt')}.`);
    }
  }
  const app = createApp(services, { config, logger: services.logger, secret: await appSecret(services) });
  const server = app.listen(config.port);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  }).catch(async (error: unknown) => {
    await opened.close();
    throw error;
  });
  const url = `http://localhost:${(server.address() as AddressInfo).port}`;
  opened.lock?.update(url);
  options.log(
    `yj-inspect is running at ${url} on the ${services.database.kind} database (${services.database.location}).`,
  );
  return {
    url,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await opened.close();
    },
  };
}
