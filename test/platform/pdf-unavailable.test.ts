import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.js';
import { createPdfRenderer } from '../../src/platform/pdf.js';
import { openReportWorld, type ReportWorld } from '../features/report/world.js';
import { signIn } from '../support/web.js';

// A machine without Chromium: the renderer made from its config, as a server started without it would make it.
const config = loadConfig({ CHROMIUM_PATH: '/nonexistent/chromium' });

let report: ReportWorld;
beforeAll(async () => {
  report = await openReportWorld({ pdf: createPdfRenderer(config) });
});
afterAll(() => report.world.close());

describe('a PDF where Chromium is not installed', () => {
  it('says what is missing and how to install it, with 503, instead of a bare error', async () => {
    const lead = await signIn(report.world, 'lead@example.org');
    const response = await lead.get(`/inspections/${report.inspectionId}/report.pdf`);
    expect(response.status).toBe(503);
    expect(response.text).toContain('PDFs are printed by Chromium, which is not installed here');
    expect(response.text).toContain('/nonexistent/chromium');
    // The other formats do not need it.
    expect((await lead.get(`/inspections/${report.inspectionId}/report.xlsx`)).status).toBe(200);
  });
});
