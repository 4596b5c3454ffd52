import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main.js';
import { getFramework } from '../../../src/platform/framework-registry.js';
import { rateInspection } from '../../../src/domain/rating/index.js';
import type { Findings, KeyQuestionFigure } from '../../../src/domain/rating/types.js';

interface SeedInspection {
  seed: string;
  service: string;
  framework: string;
  keyQuestions: Record<string, KeyQuestionFigure[]>;
  ratings: Record<string, string>;
  score: number;
  overall: string;
  discretionApplied: Record<string, { from: string; to: string; note: string }>;
}

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/seed-inspections.json', import.meta.url), 'utf8')) as {
  inspections: SeedInspection[];
};

/** The example findings file written for each seed report. */
const exampleFileOf: Record<string, string> = {
  '001_186cc0b69ab95ae3.txt': 'merton-2021.json',
  '000_9a1bb97a05433c2a.txt': 'havering-2022.json',
  '003_2cf65a3437cca4b2.txt': 'hackney-2023.json',
  '002_a7d1d7ce6fdeac37.txt': 'ealing-2023.json',
  '004_488acf302360533f.txt': 'southwark-2023.json',
};

/** The published figures as findings: case-based standards from their key questions, the rest as judged. */
function findingsOf(seed: SeedInspection): Findings {
  const framework = getFramework(seed.framework);
  const judged = framework.standards.filter((s) => s.assessment === 'judged').map((s) => s.id);
  return {
    service: seed.service,
    keyQuestionFigures: seed.keyQuestions,
    cases: [],
    judgements: Object.fromEntries(judged.map((id) => [id, seed.ratings[id]!])),
    discretion: Object.fromEntries(
      Object.entries(seed.discretionApplied).map(([id, d]) => [
        id,
        { rating: d.to, rationale: 'the overall quality of work' },
      ]),
    ),
  };
}

describe.each(fixture.inspections.map((seed) => [seed.service, seed] as const))('%s', (_service, seed) => {
  const framework = getFramework(seed.framework);
  const result = rateInspection(framework, findingsOf(seed));

  it('reproduces every published standard rating', () => {
    const ratings = Object.fromEntries(result.standards.map((s) => [s.id, s.rating]));
    expect(ratings).toEqual(seed.ratings);
  });

  it('reproduces the published score and overall rating', () => {
    expect(result.score).toBe(seed.score);
    expect(result.maxScore).toBe(36);
    expect(result.overall).toBe(seed.overall);
    expect(result.missing).toEqual([]);
  });

  it('computes each case-based rating from its lowest key question, before any discretion', () => {
    for (const [standardId, figures] of Object.entries(seed.keyQuestions)) {
      const standard = result.standards.find((s) => s.id === standardId)!;
      const percents = figures.map((f) => ('percent' in f ? f.percent : Math.round((100 * f.yes) / f.relevant)));
      const lowest = standard.keyQuestions.find((kq) => kq.id === standard.limitingKeyQuestion)!;
      expect(lowest.percent).toBe(Math.min(...percents));
      const applied = seed.discretionApplied[standardId];
      expect(standard.computedRating).toBe(applied ? applied.from : seed.ratings[standardId]);
    }
  });

  it('prints the discretion note the report prints, and only where the report has one', () => {
    const notes = Object.fromEntries(
      result.standards.filter((s) => s.discretion?.applied).map((s) => [s.id, s.discretion!.applied!.note]),
    );
    expect(notes).toEqual(Object.fromEntries(Object.entries(seed.discretionApplied).map(([id, d]) => [id, d.note])));
  });

  it('prints the published ratings box from the example findings file', async () => {
    const out: string[] = [];
    const status = await runCli(['rate', exampleFileOf[seed.seed]!], {
      stdout: (text) => out.push(text),
      stderr: (text) => out.push(text),
      cwd: new URL('../../../examples/findings/', import.meta.url).pathname,
    });
    expect(status).toBe(0);
    const text = out.join('');
    expect(text).toContain(`${seed.service}\n`);
    expect(text).toContain(`Score ${seed.score}/36\n`);
    expect(text).toMatch(new RegExp(`^Overall rating +${seed.overall}$`, 'm'));
    for (const standard of framework.standards)
      expect(text).toMatch(
        new RegExp(`^${standard.id.replace('.', '\\.')} ${standard.title} +${seed.ratings[standard.id]}[¹²]?$`, 'm'),
      );
  });
});

describe('Hackney, the one published professional discretion', () => {
  const seed = fixture.inspections.find((s) => s.service.startsWith('Hackney'))!;
  const result = rateInspection(getFramework(seed.framework), findingsOf(seed));
  const standard = (id: string) => result.standards.find((s) => s.id === id)!;

  it('3.3 (78%) is computed Good, eligible for discretion, and Outstanding once the recorded discretion is applied', () => {
    const s33 = standard('3.3');
    expect(s33.limitingKeyQuestion).toBe('3.3.2');
    expect(s33.computedRating).toBe('Good');
    expect(s33.discretion!.eligible).toBe(true);
    expect(s33.discretion!.reasons.find((r) => r.code === 'nearBoundary')).toMatchObject({ status: 'applies' });
    expect(s33.discretion!.reasons.find((r) => r.code === 'oneCaseChange')!.status).toBe('unknown');
    expect(s33.discretion!.reasons.find((r) => r.code === 'smallSample')!.status).toBe('unknown');
    expect(s33.rating).toBe('Outstanding');
    expect(s33.score).toBe(3);
  });

  it('2.1 at 65% (11 of 17 rounds up) is Good, with no discretion applied', () => {
    const s21 = standard('2.1');
    expect(s21.keyQuestions.map((kq) => kq.percent)).toEqual([76, 65, 71]);
    expect(s21.rating).toBe('Good');
    expect(s21.discretion!.applied).toBeNull();
  });

  it('without the recorded decision, 3.3 stays Good and the score is one lower', () => {
    const withoutDecision = rateInspection(getFramework(seed.framework), { ...findingsOf(seed), discretion: {} });
    expect(withoutDecision.standards.find((s) => s.id === '3.3')!.rating).toBe('Good');
    expect(withoutDecision.score).toBe(24);
  });
});
