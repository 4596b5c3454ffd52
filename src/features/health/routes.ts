import type { Express } from 'express';
import { sql } from 'drizzle-orm';
import type { Services } from '../../platform/services.js';

/** Monitoring, before everything else: no session, no CSRF, no database for /ping. */
export function registerHealthRoutes(app: Express, services: Services) {
  app.get('/ping', (_req, res) => {
    res.json({ status: 'UP' });
  });
  app.get('/health', async (_req, res) => {
    try {
      await services.database.db.execute(sql`select 1`);
      res.json({ status: 'UP', database: services.database.kind });
    } catch {
      res.status(503).json({ status: 'DOWN', database: services.database.kind });
    }
  });
  app.get('/info', (_req, res) => {
    res.json({ name: 'yj-inspect', database: services.database.kind });
  });
}
