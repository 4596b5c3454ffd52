import type { Framework, Standard } from '../framework/model.js';
import { exclusionReason } from './applicability.js';
import { bandOf, wholePercent } from './bands.js';
import type { AssessedCase, KeyQuestionFigure, KeyQuestionResult, PromptFigure, PromptResult } from './types.js';

function figureResult(
  framework: Framework,
  question: { id: string; text: string },
  relevant: number | null,
  yes: number | null,
  percent: number | null,
): KeyQuestionResult {
  const band = percent === null ? null : bandOf(framework, percent);
  return {
    id: question.id,
    text: question.text,
    relevant,
    yes,
    percent,
    band: band?.label ?? null,
    rating: band?.rating ?? null,
    limiting: false,
    unanswered: 0,
  };
}

function percentOf(framework: Framework, yes: number, relevant: number): number | null {
  return relevant === 0 ? null : wholePercent(yes, relevant, framework.keyQuestionBands.rounding);
}

/** Key questions from published figures, in framework order (the figures are already validated). */
export function keyQuestionsFromFigures(
  framework: Framework,
  standard: Standard,
  figures: readonly KeyQuestionFigure[],
  promptFigures: Readonly<Record<string, readonly PromptFigure[]>> = {},
): KeyQuestionResult[] {
  return standard.keyQuestions.map((keyQuestion, i) => {
    const figure = figures[i]!;
    if ('percent' in figure) return figureResult(framework, keyQuestion, null, null, figure.percent);
    const percent = percentOf(framework, figure.yes, figure.relevant);
    const result = figureResult(framework, keyQuestion, figure.relevant, figure.yes, percent);
    const prompts = promptFigures[keyQuestion.id];
    if (prompts)
      result.prompts = keyQuestion.prompts.map((prompt, j): PromptResult => {
        const { relevant, yes } = prompts[j]!;
        return { id: prompt.id, text: prompt.text, relevant, yes, percent: percentOf(framework, yes, relevant) };
      });
    return result;
  });
}

/**
 * Key questions counted from case answers: a case is relevant when the question may apply to it and the
 * answer is 'yes' or 'no'. A key question's figure comes from the key-question answers (the inspector's
 * overall judgement), never from its prompts.
 */
export function keyQuestionsFromCases(
  framework: Framework,
  standard: Standard,
  domainCases: readonly AssessedCase[],
): KeyQuestionResult[] {
  return standard.keyQuestions.map((keyQuestion) => {
    let relevant = 0;
    let yes = 0;
    let unanswered = 0;
    const promptCounts = keyQuestion.prompts.map(() => ({ relevant: 0, yes: 0 }));
    for (const assessedCase of domainCases) {
      if (keyQuestion.appliesTo && exclusionReason(keyQuestion.appliesTo, assessedCase) !== null) continue;
      const answer = assessedCase.answers[keyQuestion.id];
      if (answer === undefined) unanswered++;
      else if (answer !== 'n/a') {
        relevant++;
        if (answer === 'yes') yes++;
      }
      keyQuestion.prompts.forEach((prompt, i) => {
        const promptAnswer = assessedCase.answers[prompt.id];
        if (promptAnswer === undefined || promptAnswer === 'n/a') return;
        if (exclusionReason(prompt.appliesTo, assessedCase) !== null) return;
        const counts = promptCounts[i]!;
        counts.relevant++;
        if (promptAnswer === 'yes') counts.yes++;
      });
    }
    const result = figureResult(framework, keyQuestion, relevant, yes, percentOf(framework, yes, relevant));
    result.unanswered = unanswered;
    result.prompts = keyQuestion.prompts.map((prompt, i): PromptResult => ({
      id: prompt.id,
      text: prompt.text,
      ...promptCounts[i]!,
      percent: percentOf(framework, promptCounts[i]!.yes, promptCounts[i]!.relevant),
    }));
    return result;
  });
}

/** The key question that sets the rating: the lowest whole percentage, then the lowest exact proportion. */
export function markLimiting(keyQuestions: KeyQuestionResult[]): KeyQuestionResult | null {
  const rated = keyQuestions.filter((kq) => kq.percent !== null);
  if (rated.length === 0) return null;
  const lowest = Math.min(...rated.map((kq) => kq.percent!));
  const tied = rated.filter((kq) => kq.percent === lowest);
  for (const kq of tied) kq.limiting = true;
  return tied.reduce((a, b) => (a.yes !== null && b.yes !== null && b.yes * a.relevant! < a.yes * b.relevant! ? b : a));
}
