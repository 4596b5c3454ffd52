import type { PdfRenderer } from '../../platform/pdf.js';

/** A self-contained HTML page (inline styles, no external assets) printed to an A4 landscape PDF. */
export function htmlToPdf(pdf: PdfRenderer, html: string): Promise<Buffer> {
  return pdf.render(html, {
    format: 'A4',
    landscape: true,
    printBackground: true,
    margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' },
  });
}
