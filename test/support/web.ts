import { readFileSync } from 'node:fs';
import type { Response as AgentResponse } from 'superagent';
import type { Express } from 'express';
import supertest from 'supertest';
import type { DatabaseHandle } from '../../src/platform/db/connect.js';
import type { Actor } from '../../src/platform/audit.js';
import { createServices, type Services } from '../../src/platform/services.js';
import type { ServiceRole } from '../../src/policy/policy.js';
import { createApp } from '../../src/platform/web/app.js';
import { openTestDatabase } from './database.js';

export interface TestWorld {
  database: DatabaseHandle;
  services: Services;
  app: Express;
  close(): Promise<void>;
}

/**
 * The web application on a fresh test database (PGlite in memory, or DATABASE_URL's server), with the services
 * built from what `built` gives (createServices' defaults otherwise: the system clock, say, unless
 * `built.clock` is a `fixedClock`). Closing it closes its PDF renderer too.
 */
export async function openTestWorld(built: Parameters<typeof createServices>[1] = {}): Promise<TestWorld> {
  const database = await openTestDatabase();
  const services = createServices(database, built);
  const app = createApp(services, { config: { production: false }, secret: 'test-secret' });
  return {
    database,
    services,
    app,
    close: async () => {
      await services.pdf.close();
      await database.close();
    },
  };
}

const password = 'correct horse battery staple';

/** A user with a password, optionally a member of an organisation. */
export async function addUser(
  world: TestWorld,
  email: string,
  options: { organisationId?: string; isAdmin?: boolean; role?: ServiceRole } = {},
): Promise<Actor> {
  const user = await world.services.users.create(null, {
    email,
    displayName: email.split('@')[0]!,
    password,
    isAdmin: options.isAdmin ?? false,
  });
  if (options.organisationId)
    await world.services.users.addMembership(null, user.id, options.organisationId, options.role);
  return user;
}

/** The CSRF token of the form on a page. */
export function csrfTokenOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no CSRF token on the page');
  return token;
}

/**
 * A browser-like client signed in as the user: it keeps cookies, and `post` sends a form with the CSRF
 * token of the page it was on (fetched first from `formPage`, as a person would open the form).
 */
export async function signIn(world: TestWorld, email: string) {
  const agent = supertest.agent(world.app);
  const page = await agent.get('/sign-in');
  const response = await agent
    .post('/sign-in')
    .type('form')
    .send({ email, password, _csrf: csrfTokenOf(page.text) });
  if (response.status !== 303) throw new Error(`sign-in failed: ${response.status}`);
  return {
    agent,
    get: (path: string) => agent.get(path),
    async post(formPage: string, path: string, form: Record<string, string | string[]>) {
      const page = await agent.get(formPage);
      return agent
        .post(path)
        .type('form')
        .send({ ...form, _csrf: csrfTokenOf(page.text) });
    },
  };
}

/** The page's text as a person reads it: no tags, entities decoded, spaces collapsed. */
export const pageText = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('&#39;', "'")
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&')
    .replace(/\s+/g, ' ')
    .replace(/ ([,.;:)])/g, '$1');

/** Collects a download's bytes as a Buffer: `await agent.get(path).buffer(true).parse(binaryBody)`. */
export const binaryBody = (res: AgentResponse, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * A feature's catalogue sentences (no values, not short words) that its English page shows, and those of them
 * the Welsh page still shows in English.
 */
export function englishLeft(folder: string, english: string, welsh: string): { shown: number; left: string[] } {
  const catalogue = JSON.parse(
    readFileSync(new URL(`../../src/features/${folder}/locales/en.json`, import.meta.url), 'utf8'),
  ) as Record<string, string>;
  const shown = Object.values(catalogue).filter(
    (text) => !text.includes('{{') && text.length > 12 && pageText(english).includes(text),
  );
  return { shown: shown.length, left: shown.filter((text) => pageText(welsh).includes(text)) };
}
