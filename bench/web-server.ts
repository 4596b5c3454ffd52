/**
 * The benchmarks' server process: the yj-inspect app and, beside it, a bare Express handler doing the same
 * single-row answer upsert on the same database. Prints one JSON line with what the benchmarks need: the
 * ports, the 60-case inspection, a bearer token and the session cookies of 8 signed-in inspectors.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import express from 'express';
import { loadConfig } from '../src/platform/config.js';
import { answers, inspections } from '../src/platform/db/core-tables.js';
import { openServices } from '../src/platform/server.js';
import { createApp } from '../src/platform/web/app.js';
import { sessionCookie } from '../src/platform/web/middleware/auth.js';
import { copyInspection, seedInspection } from './seed.js';

const dataDir = process.argv[2]!;
const { services } = await openServices(loadConfig(process.env, { dataDir }));
const { db } = services.database;

const admin = await services.users.create(null, {
  email: `bench-${randomBytes(4).toString('hex')}@example.org`,
  displayName: 'Bench',
  password: 'correct horse battery',
  isAdmin: true,
});
const organisation = await services.organisations.create(admin, {
  name: `Bench YJS ${randomBytes(4).toString('hex')}`,
});
const { inspectionId, caseIds } = await seedInspection(services, admin, organisation.id);
const token = await services.users.createApiToken(admin, admin.id, 'bench');
const cookies: string[] = [];
for (let i = 0; i < 8; i++) {
  const user = await services.users.create(null, {
    email: `inspector-${i}-${randomBytes(3).toString('hex')}@example.org`,
    displayName: `Inspector ${i}`,
    password: 'correct horse battery',
  });
  await services.inspections.addTeamMember(admin, inspectionId, user.id, 'inspector');
  cookies.push(`${sessionCookie}=${(await services.users.startSession(user.id)).token}`);
}

const app = createApp(services, { config: { production: true }, secret: 'bench' });
const appServer = app.listen(0, '127.0.0.1');

const bare = express();
bare.use(express.json());
bare.put('/bare/:caseId', async (req, res) => {
  const body = req.body as { answer: 'yes' | 'no'; evidence: string };
  await db
    .insert(answers)
    .values({ caseId: req.params.caseId, questionId: '2.1.1', answer: body.answer, evidence: body.evidence })
    .onConflictDoUpdate({
      target: [answers.caseId, answers.questionId],
      set: { answer: sql`excluded.answer`, evidence: sql`excluded.evidence` },
    });
  res.json({ ok: true });
});
bare.get('/memory', (_req, res) => {
  res.json({ rss: process.memoryUsage().rss });
});
// Loads the database with copies of the inspection, up to `to` inspections in all.
bare.post('/grow', async (req, res) => {
  const [{ count }] = (await db.select({ count: sql<number>`count(*)::int` }).from(inspections)) as [{ count: number }];
  await copyInspection(db, admin, services, inspectionId, Math.max(0, Number(req.query.to) - count));
  res.json({ inspections: Math.max(count, Number(req.query.to)) });
});
const bareServer = bare.listen(0, '127.0.0.1');
await new Promise((resolve) => setTimeout(resolve, 100));

console.log(
  JSON.stringify({
    kind: services.database.kind,
    appPort: (appServer.address() as AddressInfo).port,
    barePort: (bareServer.address() as AddressInfo).port,
    inspectionId,
    caseIds,
    courtCaseIds: caseIds.filter((_, i) => i % 2 === 0),
    token,
    cookies,
  }),
);
