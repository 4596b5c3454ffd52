import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { loadConfig } from './config.js';
import { UnavailableError } from './errors.js';

/** Debian's Chromium, as the machine has it (`apt-get install chromium`); no downloaded browser. */
export const chromiumPath = loadConfig().chromiumPath;

/** Headless Chromium for the report's PDF (and the browser tests), with nothing that calls out to the network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * One Chromium shared by the PDFs a process makes: launching costs more than printing a report. It closes
 * itself after a short idle time, so that a server does not keep it for nothing, and `closeSharedChromium`
 * lets a command close it at once.
 */
const idleMilliseconds = 15_000;
let shared: Promise<Browser> | undefined;
let inUse = 0;
let idleTimer: NodeJS.Timeout | undefined;

export async function withSharedChromium<T>(use: (browser: Browser) => Promise<T>): Promise<T> {
  clearTimeout(idleTimer);
  inUse++;
  try {
    shared ??= launchChromium().then((browser) => {
      browser.once('disconnected', () => {
        shared = undefined;
      });
      return browser;
    });
    const browser = await shared.catch((error: unknown) => {
      shared = undefined;
      if (!existsSync(chromiumPath))
        throw new UnavailableError(
          `PDFs are printed by Chromium, which is not installed here (${chromiumPath}): install Debian's chromium, or set CHROMIUM_PATH`,
        );
      throw error;
    });
    return await use(browser);
  } finally {
    inUse--;
    if (inUse === 0) idleTimer = setTimeout(() => void closeSharedChromium(), idleMilliseconds);
  }
}

export async function closeSharedChromium(): Promise<void> {
  clearTimeout(idleTimer);
  const browser = shared;
  shared = undefined;
  if (browser) await (await browser).close();
}
