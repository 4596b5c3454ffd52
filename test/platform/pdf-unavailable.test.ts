import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportWorld } from '../features/report/world.js';

// A machine without Chromium: set before the app is imported (so every import of it is dynamic), as a server
// started without it would be.
process.env.CHROMIUM_PATH = '/nonexistent/chromium';
const { openReportWorld } = await import('../features/report/world.js');
const { signIn } = await import('../support/web.js');

let report: ReportWorld;
beforeAll(async () => {
  report = await openReportWorld();
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
