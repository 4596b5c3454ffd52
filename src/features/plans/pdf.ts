import { withSharedChromium } from '../../platform/pdf.js';

/** A self-contained HTML page (inline styles, no external assets) printed to an A4 landscape PDF by the report's Chromium. */
export function htmlToPdf(html: string): Promise<Buffer> {
  return withSharedChromium(async (browser) => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      // No network: the page is complete in itself, and nothing in it may fetch anything.
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({
        format: 'A4',
        landscape: true,
        printBackground: true,
        margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' },
      });
    } finally {
      await context.close();
    }
  });
}
