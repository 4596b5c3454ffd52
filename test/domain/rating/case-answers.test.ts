import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getFramework } from '../../../src/platform/framework-registry.js';
import { rateInspection } from '../../../src/domain/rating/index.js';
import type { Answer, AssessedCase, Findings } from '../../../src/domain/rating/types.js';

type Counts = { relevant: number; yes: number };
const merton = JSON.parse(
  readFileSync(new URL('../../fixtures/merton-published-figures.json', import.meta.url), 'utf8'),
) as {
  keyQuestions: Record<string, Counts>;
  prompts: Record<string, Counts>;
};
const framework2018 = getFramework('hmip-youth-2018');
const framework2021 = getFramework('hmip-youth-2021');

const noFindings: Findings = { keyQuestionFigures: {}, cases: [], judgements: {}, discretion: {} };

/** The i-th case answers 'yes' while i < yes, 'no' while i < relevant, and 'n/a' after. */
const answerFor = (i: number, { relevant, yes }: Counts): Answer => (i < yes ? 'yes' : i < relevant ? 'no' : 'n/a');

/**
 * Merton's sample as case answers that give exactly its published tables: nine court cases and five
 * out-of-court cases, three of them youth conditional cautions (the report says so).
 */
function mertonCases(): AssessedCase[] {
  const build = (domain: string, count: number, disposalOf: (i: number) => string) =>
    Array.from({ length: count }, (_, i): AssessedCase => {
      const answers: Record<string, Answer> = {};
      for (const [id, counts] of [...Object.entries(merton.keyQuestions), ...Object.entries(merton.prompts)]) {
        const owner = framework2018.keyQuestionById.get(id) ?? framework2018.promptById.get(id)!;
        if (owner.standard.caseDomain === domain) answers[id] = answerFor(i, counts);
      }
      return { ref: `${domain}-${i + 1}`, domain, disposal: disposalOf(i), answers };
    });
  return [
    ...build('court', 9, (i) => (i % 2 === 0 ? 'referralOrder' : 'youthRehabilitationOrder')),
    ...build('outOfCourt', 5, (i) => (i < 3 ? 'youthConditionalCaution' : 'triage')),
  ];
}

describe("Merton's published tables from case answers", () => {
  const result = rateInspection(framework2018, { ...noFindings, cases: mertonCases() });
  const caseBased = result.standards.filter((s) => s.assessment === 'caseBased');

  it('counts every key question as published', () => {
    const counted = Object.fromEntries(
      caseBased.flatMap((s) => s.keyQuestions.map((kq) => [kq.id, { relevant: kq.relevant, yes: kq.yes }])),
    );
    expect(counted).toEqual(merton.keyQuestions);
  });

  it('counts every prompt as published', () => {
    const counted = Object.fromEntries(
      caseBased.flatMap((s) =>
        s.keyQuestions.flatMap((kq) => kq.prompts!.map((p) => [p.id, { relevant: p.relevant, yes: p.yes }])),
      ),
    );
    expect(counted).toEqual(merton.prompts);
  });

  it('gives the published ratings of the case-based standards', () => {
    expect(Object.fromEntries(caseBased.map((s) => [s.id, s.rating]))).toEqual({
      '2.1': 'Outstanding',
      '2.2': 'Outstanding',
      '2.3': 'Outstanding',
      '2.4': 'Outstanding',
      '3.1': 'Outstanding',
      '3.2': 'Good',
      '3.3': 'Good',
      '3.4': 'Outstanding',
    });
    expect(caseBased.every((s) => s.source === 'cases')).toBe(true);
  });

  it('has counts behind every discretion reason: 3.2 rests on 3 cases and one answer would change it', () => {
    const s32 = result.standards.find((s) => s.id === '3.2')!;
    expect(s32.limitingKeyQuestion).toBe('3.2.3'); // 2 of 3 = 67%
    expect(Object.fromEntries(s32.discretion!.reasons.map((r) => [r.code, r.status]))).toEqual({
      nearBoundary: 'applies',
      oneCaseChange: 'applies',
      smallSample: 'applies',
    });
  });
});

describe('sub-samples: which cases are relevant to a question', () => {
  const ooc = (
    ref: string,
    disposal: string | undefined,
    answers: Record<string, Answer>,
    factors?: Record<string, boolean>,
  ): AssessedCase => ({
    ref,
    domain: 'outOfCourt',
    ...(disposal !== undefined && { disposal }),
    ...(factors && { factors }),
    answers,
  });
  const keyQuestion = (cases: AssessedCase[], id: string, framework = framework2018) => {
    const result = rateInspection(framework, { ...noFindings, cases });
    return result.standards.flatMap((s) => s.keyQuestions).find((kq) => kq.id === id)!;
  };

  it('counts youth conditional cautions only for 3.4.2, and expects no answer from other disposals', () => {
    const kq = keyQuestion(
      [
        ooc('A', 'youthConditionalCaution', { '3.4.2': 'yes' }),
        ooc('B', 'youthConditionalCaution', { '3.4.2': 'no' }),
        ooc('C', 'triage', {}),
        ooc('D', 'communityResolution', { '3.4.2': 'n/a' }),
      ],
      '3.4.2',
    );
    expect(kq).toMatchObject({ relevant: 2, yes: 1, percent: 50, unanswered: 0 });
  });

  it('leaves a case with no child-safety factors out of keeping-the-child-safe planning', () => {
    const kq = keyQuestion(
      [
        ooc('A', 'triage', { '3.2.2': 'yes' }, { childSafety: true }),
        ooc('B', 'triage', {}, { childSafety: false }),
        ooc('C', 'triage', { '3.2.2': 'n/a' }), // factor unknown: the inspector's n/a decides
        ooc('D', 'triage', { '3.2.2': 'no' }),
      ],
      '3.2.2',
    );
    expect(kq).toMatchObject({ relevant: 2, yes: 1, percent: 50, unanswered: 0 });
  });

  it('counts a whereApplicable prompt only where it was answered yes or no', () => {
    const result = rateInspection(framework2018, {
      ...noFindings,
      cases: [
        ooc('A', 'triage', { '3.4.1': 'yes', '3.4.1.1': 'yes' }),
        ooc('B', 'triage', { '3.4.1': 'yes', '3.4.1.1': 'n/a' }),
        ooc('C', 'triage', { '3.4.1': 'no', '3.4.1.1': 'no' }),
      ],
    });
    const kq = result.standards.find((s) => s.id === '3.4')!.keyQuestions[0]!;
    expect(kq).toMatchObject({ relevant: 3, yes: 2, percent: 67 });
    expect(kq.prompts![0]).toMatchObject({ id: '3.4.1.1', relevant: 2, yes: 1, percent: 50 });
  });

  it('rates a standard on its other key questions when one has no relevant case', () => {
    const result = rateInspection(framework2018, {
      ...noFindings,
      cases: [ooc('A', 'triage', { '3.4.1': 'yes' }), ooc('B', 'outcome22', { '3.4.1': 'yes' })],
    });
    const s34 = result.standards.find((s) => s.id === '3.4')!;
    expect(s34.keyQuestions[1]).toMatchObject({ id: '3.4.2', relevant: 0, percent: null, band: null });
    expect(s34.rating).toBe('Outstanding');
    expect(s34.limitingKeyQuestion).toBe('3.4.1');
  });

  it('keeps court cases out of out-of-court standards', () => {
    const kq = keyQuestion(
      [{ ref: 'A', domain: 'court', answers: { '2.1.1': 'yes' } }, ooc('B', 'triage', { '3.1.1': 'no' })],
      '3.1.1',
      framework2021,
    );
    expect(kq).toMatchObject({ relevant: 1, yes: 0 });
  });
});

describe('incomplete inspections: no rating is invented from partial data', () => {
  const judged2021 = { '1.1': 'Good', '1.2': 'Good', '1.3': 'Good', '1.4': 'Good', '3.4': 'Good', '4.1': 'Good' };
  const figures2021 = Object.fromEntries(
    framework2021.standards
      .filter((s) => s.assessment === 'caseBased')
      .map((s) => [s.id, s.keyQuestions.map(() => ({ percent: 70 }))]),
  );

  it('is complete with every standard: score 24, Good', () => {
    const result = rateInspection(framework2021, {
      ...noFindings,
      keyQuestionFigures: figures2021,
      judgements: judged2021,
    });
    expect([result.score, result.overall, result.missing]).toEqual([24, 'Good', []]);
  });

  it('has no score and no overall rating while a judgement is missing, and says which', () => {
    const { '1.3': _left, ...judgements } = judged2021;
    const result = rateInspection(framework2021, { ...noFindings, keyQuestionFigures: figures2021, judgements });
    expect(result.score).toBeNull();
    expect(result.overall).toBeNull();
    expect(result.missing).toEqual([
      { standard: '1.3', title: 'Partnerships and services', what: 'no judgement recorded', blocksOverall: true },
    ]);
  });

  it('still rates overall without resettlement, which is rated separately', () => {
    const { '4.1': _left, ...judgements } = judged2021;
    const result = rateInspection(framework2021, { ...noFindings, keyQuestionFigures: figures2021, judgements });
    expect([result.score, result.overall]).toEqual([24, 'Good']);
    expect(result.missing).toEqual([
      {
        standard: '4.1',
        title: 'Resettlement policy and provision',
        what: 'no judgement recorded',
        blocksOverall: false,
      },
    ]);
    expect(result.separate[0]!.rating).toBeNull();
  });

  it('gives a provisional rating, not a rating, while cases are unanswered', () => {
    const { '2.1': _left, ...figures } = figures2021;
    const result = rateInspection(framework2021, {
      ...noFindings,
      keyQuestionFigures: figures,
      judgements: judged2021,
      cases: [
        { ref: 'A', domain: 'court', answers: { '2.1.1': 'yes', '2.1.2': 'yes', '2.1.3': 'yes' } },
        { ref: 'B', domain: 'court', answers: { '2.1.1': 'yes' } },
      ],
    });
    const s21 = result.standards.find((s) => s.id === '2.1')!;
    expect(s21).toMatchObject({
      rating: null,
      computedRating: null,
      provisionalRating: 'Outstanding',
      discretion: null,
    });
    expect(s21.missing).toBe('cases not yet answered: 2.1.2 (1), 2.1.3 (1)');
    expect(result.overall).toBeNull();
  });

  it('lists every standard with nothing to rate', () => {
    const result = rateInspection(framework2018, noFindings);
    expect(result.missing.map((m) => m.standard)).toEqual(framework2018.standards.map((s) => s.id));
    expect(result.missing.find((m) => m.standard === '2.1')!.what).toBe(
      'no key-question figures and no assessed cases',
    );
  });
});
