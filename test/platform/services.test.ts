import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PdfRenderer, PrintOptions } from '../../src/platform/pdf.js';
import { openReportWorld, type ReportWorld } from '../features/report/world.js';
import { binaryBody, signIn } from '../support/web.js';

/** A renderer double: it keeps what it was asked to print and answers with bytes of its own. */
const printed: { html: string; options: PrintOptions }[] = [];
const double: PdfRenderer = {
  render: (html, options) => {
    printed.push({ html, options });
    return Promise.resolve(Buffer.from(`%PDF-double-${printed.length}`));
  },
  close: () => Promise.resolve(),
};

let report: ReportWorld;
beforeAll(async () => {
  report = await openReportWorld({ pdf: double });
}, 120_000);
afterAll(() => report.world.close());

const download = (agent: Awaited<ReturnType<typeof signIn>>, path: string) =>
  agent.agent.get(path).buffer(true).parse(binaryBody);

describe('the composition root passes its one PDF renderer to every feature that prints', () => {
  it('prints the report, the plan board’s report and the QA board’s report with the renderer it was given', async () => {
    const admin = await signIn(report.world, 'admin@example.org');
    printed.length = 0;

    const reportPdf = await download(admin, `/inspections/${report.inspectionId}/report.pdf`);
    expect(reportPdf.status).toBe(200);
    expect((reportPdf.body as Buffer).toString()).toBe('%PDF-double-1');
    expect(printed[0]!.html).toContain('Hackney');
    expect(printed[0]!.options).toMatchObject({ media: 'print', format: 'A4', outline: true });

    const [plan] = await report.world.services.plans.plans.list(report.admin);
    const planPdf = await download(admin, `/plans/${plan!.id}/report.pdf?asOf=2024-03-31`);
    expect(planPdf.status).toBe(200);
    expect((planPdf.body as Buffer).toString()).toBe('%PDF-double-2');
    expect(printed[1]!.html).toContain(plan!.title);
    expect(printed[1]!.options).toMatchObject({ format: 'A4', landscape: true });

    const { organisationId } = await report.world.services.inspections.get(report.admin, report.inspectionId);
    const qaPdf = await download(admin, `/services/${organisationId}/qa/board-report.pdf?quarter=2026-Q1`);
    expect(qaPdf.status).toBe(200);
    expect((qaPdf.body as Buffer).toString()).toBe('%PDF-double-3');
    expect(printed[2]!.options).toMatchObject({ format: 'A4', landscape: true });
    expect(printed).toHaveLength(3);
  });

  it('is the one the services’ bag holds, for the routes to print with', () => {
    expect(report.world.services.pdf).toBe(double);
  });
});
