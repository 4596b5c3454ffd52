import { describe, expect, it } from 'vitest';
import { parseFramework } from '../../../src/domain/framework/load.js';
import type { FrameworkFile } from '../../../src/domain/framework/schema.js';
import { getFramework } from '../../../src/platform/framework-registry.js';
import { exclusionReason, rateInspection } from '../../../src/domain/rating/index.js';
import type { Answer, AssessedCase } from '../../../src/domain/rating/types.js';

const framework2018 = getFramework('hmip-youth-2018');
const framework2021 = getFramework('hmip-youth-2021');
const reviewing = ['2.4.1', '2.4.2', '2.4.3'];
const yes: Answer = 'yes';
const notApplicable: Answer = 'n/a';

/** Every key question and prompt of 2.4 answered 'yes': only the case factors can make the sub-samples. */
const allYes = (): Record<string, Answer> =>
  Object.fromEntries(
    framework2018.standardById
      .get('2.4')!
      .keyQuestions.flatMap((kq) => [kq.id, ...kq.prompts.map((p) => p.id)])
      .map((id) => [id, yes]),
  );

const court = (i: number, factors: Record<string, boolean>, extra: Partial<AssessedCase> = {}): AssessedCase => ({
  ref: `court-${i + 1}`,
  domain: 'court',
  disposal: 'referralOrder',
  factors,
  answers: allYes(),
  ...extra,
});

const reviewingOf = (cases: AssessedCase[], framework = framework2018) =>
  rateInspection(framework, { keyQuestionFigures: {}, cases, judgements: {}, discretion: {} })
    .standards.find((s) => s.id === '2.4')!
    .keyQuestions.map((kq) => ({ id: kq.id, relevant: kq.relevant, yes: kq.yes }));

describe("2.4's three sub-samples (Merton, 2018)", () => {
  /**
   * Merton's nine court cases: eight needed reviewing; in eight the desistance factors changed, in seven
   * those of the child's safety, in five those of other people's safety. One case needed no review.
   */
  const mertonCourt = (): AssessedCase[] =>
    Array.from({ length: 9 }, (_, i) =>
      i === 8
        ? court(i, { reviewRequired: false })
        : court(i, {
            reviewRequired: true,
            reviewDesistance: true,
            reviewChildSafety: i < 7,
            reviewOtherPeopleSafety: i < 5,
          }),
    );

  it('gives 8, 7 and 5 relevant cases from the factors, every answer being yes', () => {
    expect(reviewingOf(mertonCourt())).toEqual([
      { id: '2.4.1', relevant: 8, yes: 8 },
      { id: '2.4.2', relevant: 7, yes: 7 },
      { id: '2.4.3', relevant: 5, yes: 5 },
    ]);
  });

  it("prints Merton's prompt tables' relevant cases for the sub-samples", () => {
    const cases = mertonCourt().map((c, i) =>
      // Two of the seven child-safety cases needed no adjustment of the plan: 'Where applicable' is n/a.
      i === 5 || i === 6 ? { ...c, answers: { ...c.answers, '2.4.2.3': notApplicable } } : c,
    );
    const standard = rateInspection(framework2018, {
      keyQuestionFigures: {},
      cases,
      judgements: {},
      discretion: {},
    }).standards.find((s) => s.id === '2.4')!;
    const prompts = Object.fromEntries(
      standard.keyQuestions.flatMap((kq) => kq.prompts!.map((p) => [p.id, p.relevant])),
    );
    expect(prompts).toMatchObject({ '2.4.1.1': 8, '2.4.2.1': 7, '2.4.2.3': 5, '2.4.3.1': 5 });
  });

  it('falls back to the single "review required" where a kind of change is not recorded', () => {
    const cases = Array.from({ length: 9 }, (_, i) => court(i, { reviewRequired: i < 8 }));
    expect(reviewingOf(cases).map((kq) => kq.relevant)).toEqual([8, 8, 8]);
    // A kind recorded on some cases only: those cases by it, the others by "review required".
    cases[0] = court(0, { reviewRequired: true, reviewOtherPeopleSafety: false });
    expect(reviewingOf(cases).map((kq) => kq.relevant)).toEqual([8, 8, 7]);
  });

  it('leaves the 2021 framework on its single "review required"', () => {
    const cases = Array.from({ length: 9 }, (_, i) =>
      court(i, { reviewRequired: i < 8, reviewDesistance: false }, { answers: {} }),
    );
    const answered = cases.map((c) => ({
      ...c,
      answers: Object.fromEntries(reviewing.map((id) => [id, yes])),
    }));
    expect(reviewingOf(answered, framework2021).map((kq) => kq.relevant)).toEqual([8, 8, 8]);
  });

  it('keeps one applicability note for the three, as the seed prints it', () => {
    const labels = new Set(framework2018.standardById.get('2.4')!.keyQuestions.map((kq) => kq.appliesTo!.label));
    expect([...labels]).toEqual([
      'We only expect to see evidence of reviewing in cases where there have been changes in factors related to desistance, keeping the child safe and/or keeping other people safe.',
    ]);
  });
});

describe("keeping other people safe by the inspector's RoSH judgement (Merton, Annexe 1)", () => {
  const planning = framework2018.keyQuestionById.get('2.3.3')!.keyQuestion.appliesTo!;

  it('leaves out a case the inspector deems low risk of serious harm, when no factor is recorded', () => {
    expect(exclusionReason(planning, { factors: {}, classifications: { rosh: 'low' } })).toBe(planning.label);
    expect(exclusionReason(planning, { factors: {}, classifications: { rosh: 'medium' } })).toBeNull();
    expect(exclusionReason(planning, { factors: {} })).toBeNull();
  });

  it('lets a factor recorded on the case decide over the classification', () => {
    const recorded = { factors: { otherPeopleSafety: true }, classifications: { rosh: 'low' } };
    expect(exclusionReason(planning, recorded)).toBeNull();
  });

  it('is the same rule in the 2021 framework', () => {
    const planning2021 = framework2021.keyQuestionById.get('2.3.3')!.keyQuestion.appliesTo!;
    expect(exclusionReason(planning2021, { factors: {}, classifications: { rosh: 'low' } })).toBe(planning2021.label);
    const safety2021 = framework2021.keyQuestionById.get('2.3.2')!.keyQuestion.appliesTo!;
    expect(exclusionReason(safety2021, { factors: {}, classifications: { swb: 'low', rosh: 'high' } })).toBe(
      safety2021.label,
    );
  });

  it('comes from the framework file: without the rule, a low classification leaves the answers to decide', () => {
    const file: FrameworkFile = structuredClone(framework2018.file);
    delete file.caseFactors.find((f) => f.id === 'otherPeopleSafety')!.whenNotRecorded;
    const bare = parseFramework(file, 'test').keyQuestionById.get('2.3.3')!.keyQuestion.appliesTo!;
    expect(exclusionReason(bare, { factors: {}, classifications: { rosh: 'low' } })).toBeNull();
  });
});

describe('case factors read from other factors', () => {
  const withSources = (edit: (file: FrameworkFile) => void) => {
    const file: FrameworkFile = structuredClone(framework2018.file);
    edit(file);
    return () => parseFramework(file, 'f.json');
  };
  const factor = (file: FrameworkFile, id: string) => file.caseFactors.find((f) => f.id === id)!;

  it('refuses an unknown source factor, naming where', () => {
    expect(withSources((f) => (factor(f, 'reviewDesistance').whenNotRecorded = [{ factor: 'nope' }]))).toThrow(
      /caseFactors\[3\]\.whenNotRecorded\[0\]\.factor.*unknown case factor "nope"/,
    );
  });

  it('refuses a factor read from itself, directly or round a loop', () => {
    expect(
      withSources((f) => (factor(f, 'reviewRequired').whenNotRecorded = [{ factor: 'reviewDesistance' }])),
    ).toThrow(/must not be read from itself/);
  });
});
