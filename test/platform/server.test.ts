import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/platform/config.js';
import { openServices, startServer } from '../../src/platform/server.js';
import { scratchDatabase } from '../support/database.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Start-up as `yj-inspect serve` does it, on this run's database (a fresh one on the server, if any). */
async function configFor() {
  const dataDir = mkdtempSync(join(tmpdir(), 'yj-server-'));
  dirs.push(dataDir);
  const env = { ...process.env, YJ_ADMIN_EMAIL: 'Chief@Example.org', YJ_ADMIN_PASSWORD: 'a long admin passphrase' };
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return { config: loadConfig(env, { dataDir, port: 0 }), drop: async () => {} };
  const scratch = await scratchDatabase(serverUrl, 'yj_server');
  return { config: loadConfig({ ...env, DATABASE_URL: scratch.url }, { dataDir, port: 0 }), drop: scratch.drop };
}

describe('starting the server', () => {
  it('creates the first administrator from YJ_ADMIN_EMAIL and YJ_ADMIN_PASSWORD, loads the demo once, and serves', async () => {
    const { config, drop } = await configFor();
    const lines: string[] = [];
    try {
      const first = await startServer(config, { demo: true, log: (line) => lines.push(line) });
      expect((await (await fetch(`${first.url}/health`)).json()) as object).toMatchObject({ status: 'UP' });
      await first.close();
      const second = await startServer(config, { demo: true, log: (line) => lines.push(line) });
      await second.close();

      expect(lines.filter((l) => l.startsWith('Created the administrator'))).toHaveLength(1);
      expect(lines.filter((l) => l.startsWith('Loaded the demo inspection'))).toHaveLength(1);
      if (!config.databaseUrl)
        expect(readFileSync(join(config.dataDir, 'demo-sign-in.txt'), 'utf8')).toContain('lead.inspector@demo.invalid');

      const { services, close } = await openServices(config);
      try {
        const admin = await services.users.authenticate('chief@example.org', 'a long admin passphrase');
        expect(admin?.isAdmin).toBe(true);
      } finally {
        await close();
      }
    } finally {
      await drop();
    }
  }, 60_000);

  it('builds the PDF renderer from the config, and closes its Chromium with the services: a command ends at once', async () => {
    const { config, drop } = await configFor();
    const launched: { browser: Browser; options: LaunchOptions | undefined }[] = [];
    const launch = chromium.launch.bind(chromium);
    const spy = vi.spyOn(chromium, 'launch').mockImplementation(async (options) => {
      const browser = await launch(options);
      launched.push({ browser, options });
      return browser;
    });
    try {
      const { services, close } = await openServices(config);
      try {
        const printed = await services.pdf.render('<!doctype html><p>Printed</p>', { format: 'A4' });
        expect(printed.subarray(0, 5).toString()).toBe('%PDF-');
      } finally {
        await close();
      }
      expect(launched).toHaveLength(1);
      expect(launched[0]!.options?.executablePath).toBe(config.chromiumPath);
      expect(launched[0]!.browser.isConnected()).toBe(false);
    } finally {
      spy.mockRestore();
      await drop();
    }
  }, 60_000);

  it('refuses half an administrator: YJ_ADMIN_EMAIL without YJ_ADMIN_PASSWORD', () => {
    expect(() => loadConfig({ YJ_ADMIN_EMAIL: 'a@example.org' })).toThrow(
      'YJ_ADMIN_EMAIL and YJ_ADMIN_PASSWORD go together',
    );
  });
});
