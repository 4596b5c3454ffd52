import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { UnavailableError } from './errors.js';

/** Headless Chromium (Debian's, `apt-get install chromium`; no downloaded browser) with nothing that calls out to the network. */
export function launchChromium(chromiumPath: string): Promise<Browser> {
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

/** How a page is printed: Chromium's PDF options, and the print stylesheet where the page has one. */
export type PrintOptions = NonNullable<Parameters<Page['pdf']>[0]> & { media?: 'print' };

/** Prints self-contained HTML pages to PDF; built once by the composition root and closed with it. */
export interface PdfRenderer {
  render(html: string, options: PrintOptions): Promise<Buffer>;
  /** Closes its Chromium now (a command that is done), rather than after the idle time. */
  close(): Promise<void>;
}

/** How long the shared Chromium stays open with nothing to print. */
const idleMilliseconds = 15_000;

/**
 * The PDF renderer at `chromiumPath` (config.ts). One Chromium is shared by the PDFs it prints: launching costs
 * more than printing a report. It closes itself after a short idle time, so that a server does not keep it for
 * nothing.
 */
export function createPdfRenderer(settings: { chromiumPath: string }): PdfRenderer {
  const { chromiumPath } = settings;
  let shared: Promise<Browser> | undefined;
  let inUse = 0;
  let idleTimer: NodeJS.Timeout | undefined;

  async function close(): Promise<void> {
    clearTimeout(idleTimer);
    const browser = shared;
    shared = undefined;
    if (browser) await (await browser.catch(() => undefined))?.close();
  }

  async function withChromium<T>(use: (browser: Browser) => Promise<T>): Promise<T> {
    clearTimeout(idleTimer);
    inUse++;
    try {
      shared ??= launchChromium(chromiumPath).then((browser) => {
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
      if (inUse === 0) idleTimer = setTimeout(() => void close(), idleMilliseconds);
    }
  }

  return {
    render: (html, { media, ...pdfOptions }) =>
      withChromium(async (browser) => {
        const context = await browser.newContext();
        try {
          const page = await context.newPage();
          // No network: the page is complete in itself, and nothing in it may fetch anything.
          await page.route('**/*', (route) => route.abort());
          await page.setContent(html, { waitUntil: 'load' });
          if (media) await page.emulateMedia({ media });
          return await page.pdf(pdfOptions);
        } finally {
          await context.close();
        }
      }),
    close,
  };
}
