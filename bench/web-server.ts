/**
 * The benchmark's server process: the yj-inspect app and, beside it, a bare Express handler doing the same
 * single-row answer upsert on the same database. Prints one JSON line with what the benchmark needs.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import express from 'express';
import { loadConfig } from '../src/platform/config.js';
import { answers } from '../src/platform/db/core-tables.js';
import { openServices } from '../src/platform/server.js';
import { createApp } from '../src/platform/web/app.js';

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
const inspection = await services.inspections.create(admin, {
  organisationId: organisation.id,
  framework: 'hmip-youth-2021',
  kind: 'internalAudit',
});
const framework = (await services.ratings.rate(admin, inspection.id)).framework;
const caseIds: string[] = [];
for (let i = 0; i < 60; i++) {
  const domain = i % 2 === 0 ? 'court' : 'outOfCourt';
  const row = await services.cases.add(admin, inspection.id, { ref: `B${i}`, domain });
  caseIds.push(row.id);
  const given: Record<string, 'yes' | 'no' | 'n/a'> = {};
  for (const standard of framework.standards.filter((s) => s.caseDomain === domain && s.assessment === 'caseBased'))
    for (const keyQuestion of standard.keyQuestions) {
      given[keyQuestion.id] = (i + keyQuestion.id.length) % 4 === 0 ? 'no' : 'yes';
      for (const prompt of keyQuestion.prompts) given[prompt.id] = 'yes';
    }
  await services.assessment.save(admin, inspection.id, row.id, { answers: given });
}
const token = await services.users.createApiToken(admin, admin.id, 'bench');

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
const bareServer = bare.listen(0, '127.0.0.1');
await new Promise((resolve) => setTimeout(resolve, 100));

console.log(
  JSON.stringify({
    kind: services.database.kind,
    appPort: (appServer.address() as AddressInfo).port,
    barePort: (bareServer.address() as AddressInfo).port,
    inspectionId: inspection.id,
    caseIds,
    courtCaseIds: caseIds.filter((_, i) => i % 2 === 0),
    token,
  }),
);
