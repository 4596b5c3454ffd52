import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../src/platform/db/connect.js';
import { createServices, type Services } from '../../../src/platform/services.js';
import { seedDemo } from '../../../src/demo/demo.js';
import { openTestDatabase } from '../../support/database.js';

interface Word {
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
}
/** The PDF's pages as poppler reads them: each page's width and its words with their right edges. */
let pages: { width: number; words: Word[]; text: string }[] = [];
let database: DatabaseHandle;
let services: Services;
let dir: string;

beforeAll(async () => {
  database = await openTestDatabase();
  services = createServices(database);
  const signIn = await seedDemo(database.db, services.users);
  const actor = (await services.users.authenticate(signIn!.email, signIn!.password))!;
  const hackney = (await services.inspections.list(actor)).find((i) => i.title.includes('Hackney'))!;
  const { body } = await services.report.download(actor, hackney.id, 'pdf');
  dir = mkdtempSync(join(tmpdir(), 'yj-report-pdf-'));
  writeFileSync(join(dir, 'report.pdf'), body);
  execFileSync('pdftotext', ['-bbox', join(dir, 'report.pdf'), join(dir, 'words.html')]);
  const xml = readFileSync(join(dir, 'words.html'), 'utf8');
  pages = [...xml.matchAll(/<page width="([\d.]+)"[^>]*>([\s\S]*?)<\/page>/g)].map((p) => {
    const words = [
      ...p[2]!.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g),
    ].map((w) => ({
      text: w[4]!.replace(/&amp;/g, '&').replace(/&#39;/g, "'"),
      xMin: Number(w[1]),
      yMin: Number(w[2]),
      xMax: Number(w[3]),
    }));
    return { width: Number(p[1]), words, text: words.map((w) => w.text).join(' ') };
  });
}, 180_000);
afterAll(async () => {
  await services.pdf.close();
  rmSync(dir, { recursive: true, force: true });
  await database.close();
});

describe('the report as a PDF', () => {
  it('keeps the ratings box on one page, from the score to resettlement and its footnote', () => {
    const boxPage = pages.find((p) => p.text.includes('Score 25/36'));
    expect(boxPage).toBeDefined();
    expect(boxPage!.text).toContain('4.1 Resettlement policy and provision Good');
    expect(boxPage!.text).toContain('1 The rating for resettlement does not influence the overall YJS rating.');
  });

  it('prints every entry of the contents whole, with no stray list numbers', () => {
    const contents = pages.find((p) => p.text.includes('Contents'))!;
    for (const entry of [
      '3.3. Implementation and delivery',
      '3.4. Out-of-court disposal policy and provision',
      '4.1. Resettlement policy and provision',
      'Further information',
    ])
      expect(contents.text).toContain(entry);
    expect(contents.words.map((w) => w.text)).not.toContain('0.');
  });

  it("prints a 100% bar's figure inside the chart, where the chart would cut it off", () => {
    // The chart's band labels are centred on known points of its 640-unit width (render/chart.ts): "Minority"
    // on 0-50% (x 207.5), "Large majority" on 80-100% (x 565). From them, where the chart's right edge falls.
    const charted = pages.filter(
      (p) =>
        p.text.includes('Our rating') && p.words.some((w) => w.text === 'Minority') && !p.text.includes('Annexe 1'),
    );
    expect(charted.length).toBeGreaterThan(1);
    let checked = 0;
    for (const page of charted) {
      page.words.forEach((minority, i) => {
        if (minority.text !== 'Minority') return;
        const large = page.words.findIndex(
          (w, k) => k > i && w.text === 'Large' && page.words[k + 1]?.text === 'majority',
        );
        // The chart runs from its band labels down to its axis labels ("0%").
        const bottom = page.words.find((w, k) => k > i && w.text === '0%')!.yMin;
        const a = (minority.xMin + minority.xMax) / 2;
        const b = (page.words[large]!.xMin + page.words[large + 1]!.xMax) / 2;
        const edge = a + ((b - a) * (640 - 207.5)) / (565 - 207.5);
        for (const word of page.words.filter((w) => w.text === '100%' && w.yMin > minority.yMin && w.yMin < bottom)) {
          expect(word.xMax).toBeLessThanOrEqual(edge);
          checked += 1;
        }
      });
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  });
});
