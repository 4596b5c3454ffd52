import { chromium, type Browser, type LaunchOptions } from 'playwright-core';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/platform/config.js';
import { createPdfRenderer } from '../../src/platform/pdf.js';

/** Every Chromium launched here, with what it was launched with. */
const launched: { browser: Browser; options: LaunchOptions | undefined }[] = [];
const launch = chromium.launch.bind(chromium);
vi.spyOn(chromium, 'launch').mockImplementation(async (options) => {
  const browser = await launch(options);
  launched.push({ browser, options });
  return browser;
});
beforeEach(() => {
  launched.length = 0;
});
afterAll(() => vi.restoreAllMocks());

const page = (text: string) => `<!doctype html><html lang="en"><body><p>${text}</p></body></html>`;
const a4 = { format: 'A4' } as const;

describe('the PDF renderer', () => {
  it('prints the PDFs of a process with one Chromium, at the config’s path, until it is closed', async () => {
    const { chromiumPath } = loadConfig();
    const pdf = createPdfRenderer({ chromiumPath });
    try {
      const [first, second] = await Promise.all([pdf.render(page('first'), a4), pdf.render(page('second'), a4)]);
      const third = await pdf.render(page('third'), { ...a4, landscape: true, media: 'print' });
      for (const printed of [first, second, third]) expect(printed.subarray(0, 5).toString()).toBe('%PDF-');
      expect(launched).toHaveLength(1);
      expect(launched[0]!.options?.executablePath).toBe(chromiumPath);

      await pdf.close();
      expect(launched[0]!.browser.isConnected()).toBe(false);
      // Printing after closing launches a new one.
      await pdf.render(page('fourth'), a4);
      expect(launched).toHaveLength(2);
    } finally {
      await pdf.close();
    }
    expect(launched[1]!.browser.isConnected()).toBe(false);
  }, 60_000);

  it('gives each renderer its own Chromium: closing one leaves the other printing', async () => {
    const { chromiumPath } = loadConfig();
    const [one, other] = [createPdfRenderer({ chromiumPath }), createPdfRenderer({ chromiumPath })];
    try {
      await one.render(page('one'), a4);
      await other.render(page('other'), a4);
      expect(launched).toHaveLength(2);
      await one.close();
      expect((await other.render(page('still'), a4)).subarray(0, 5).toString()).toBe('%PDF-');
      expect(launched).toHaveLength(2);
    } finally {
      await Promise.all([one.close(), other.close()]);
    }
  }, 60_000);
});
