import { InputError, jsonPath, parseWith } from '../input/input-error.js';
import type { Applicability, Domain, FactorStep, Framework, KeyQuestion, Prompt, Standard } from './model.js';
import { checkLanguages } from './languages.js';
import { frameworkFileSchema, type FrameworkFile } from './schema.js';

/**
 * Validates a framework file (already parsed from JSON) and builds the look-ups the engine uses.
 * Throws an InputError naming the JSON path of the first problem.
 */
export function parseFramework(raw: unknown, source: string): Framework {
  return buildFramework(parseWith(frameworkFileSchema, raw, source), source);
}

function buildFramework(file: FrameworkFile, source: string): Framework {
  const fail = (path: PropertyKey[], problem: string): never => {
    throw new InputError(source, jsonPath(path), problem);
  };
  const uniqueIds = (items: readonly { id: string }[], path: PropertyKey[], what: string) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) fail([...path, i, 'id'], `duplicate ${what} id "${item.id}"`);
      seen.add(item.id);
    });
    return seen;
  };

  const scoreOf = new Map<string, number>();
  file.ratingScale.forEach(({ rating, score }, i) => {
    if (scoreOf.has(rating)) fail(['ratingScale', i, 'rating'], `duplicate rating "${rating}"`);
    if (i > 0 && score >= file.ratingScale[i - 1]!.score)
      fail(['ratingScale', i, 'score'], 'ratings must be listed best first, each scoring less than the one before');
    scoreOf.set(rating, score);
  });
  const knownRating = (rating: string, path: PropertyKey[]) => {
    if (!scoreOf.has(rating))
      fail(path, `unknown rating "${rating}" (the rating scale has ${[...scoreOf.keys()].join(', ')})`);
  };

  const bands = file.keyQuestionBands.bands;
  bands.forEach((band, i) => {
    knownRating(band.rating, ['keyQuestionBands', 'bands', i, 'rating']);
    if (i > 0 && band.minPercent >= bands[i - 1]!.minPercent)
      fail(['keyQuestionBands', 'bands', i, 'minPercent'], 'bands must be listed highest first');
  });
  if (bands.at(-1)!.minPercent !== 0)
    fail(['keyQuestionBands', 'bands', bands.length - 1, 'minPercent'], 'the lowest band must start at 0');
  if (!file.discretion.noteTemplate.includes('{rating}')) fail(['discretion', 'noteTemplate'], 'must contain {rating}');

  const caseDomains = uniqueIds(file.caseDomains, ['caseDomains'], 'case domain');
  const knownCaseDomain = (value: string, path: PropertyKey[]) => {
    if (!caseDomains.has(value)) fail(path, `unknown case domain "${value}"`);
  };
  file.disposalTypes.forEach((d, i) => knownCaseDomain(d.caseDomain, ['disposalTypes', i, 'caseDomain']));
  const disposals = uniqueIds(file.disposalTypes, ['disposalTypes'], 'disposal type');
  const factors = uniqueIds(file.caseFactors, ['caseFactors'], 'case factor');
  const factorSteps = resolveFactorSteps(file, fail);
  uniqueIds(file.applicability, ['applicability'], 'applicability');
  file.applicability.forEach(({ when }, i) => {
    if (when.kind === 'caseFactor' && !factors.has(when.factor))
      fail(['applicability', i, 'when', 'factor'], `unknown case factor "${when.factor}"`);
    if (when.kind === 'disposalIn')
      when.disposals.forEach((d, j) => {
        if (!disposals.has(d)) fail(['applicability', i, 'when', 'disposals', j], `unknown disposal type "${d}"`);
      });
  });
  const applicabilityById = new Map(
    file.applicability.map((a): [string, Applicability] => [
      a.id,
      a.when.kind === 'caseFactor' ? { ...a, factorSteps: factorSteps.get(a.when.factor)! } : a,
    ]),
  );
  const applicability = (value: string, path: PropertyKey[]) =>
    applicabilityById.get(value) ??
    fail(path, `unknown applicability "${value}" (known: ${[...applicabilityById.keys()].join(', ')})`);

  uniqueIds(file.domains, ['domains'], 'domain');
  const standardById = new Map<string, Standard>();
  const keyQuestionById = new Map<string, { standard: Standard; keyQuestion: KeyQuestion }>();
  const promptById = new Map<string, { standard: Standard; keyQuestion: KeyQuestion; prompt: Prompt }>();
  const claim = (questionId: string, path: PropertyKey[]) => {
    if (standardById.has(questionId) || keyQuestionById.has(questionId) || promptById.has(questionId))
      fail(path, `duplicate id "${questionId}"`);
  };
  const childOf = (childId: string, parentId: string, path: PropertyKey[]) => {
    if (!childId.startsWith(`${parentId}.`)) fail(path, `"${childId}" must be numbered under "${parentId}"`);
  };

  const domains: Domain[] = file.domains.map((d, di) => {
    const domainPath = ['domains', di];
    if (d.caseDomain !== undefined) knownCaseDomain(d.caseDomain, [...domainPath, 'caseDomain']);
    const standards = d.standards.map((s, si): Standard => {
      const path = [...domainPath, 'standards', si];
      childOf(s.id, d.id, [...path, 'id']);
      claim(s.id, [...path, 'id']);
      if (s.assessment === 'caseBased') {
        if (d.caseDomain === undefined)
          fail([...path, 'assessment'], `case-based standard ${s.id} is in domain ${d.id}, which has no caseDomain`);
        if (s.keyQuestions.length === 0)
          fail([...path, 'keyQuestions'], `case-based standard ${s.id} needs at least one key question`);
      }
      const standard: Standard = {
        id: s.id,
        title: s.title,
        statement: s.statement,
        assessment: s.assessment,
        inOverallScore: s.inOverallScore,
        domainId: d.id,
        ...(d.caseDomain !== undefined && { caseDomain: d.caseDomain }),
        keyQuestions: [],
      };
      standardById.set(s.id, standard);
      standard.keyQuestions = s.keyQuestions.map((kq, ki): KeyQuestion => {
        const kqPath = [...path, 'keyQuestions', ki];
        childOf(kq.id, s.id, [...kqPath, 'id']);
        claim(kq.id, [...kqPath, 'id']);
        if (s.assessment === 'judged' && (kq.appliesTo !== undefined || (kq.prompts?.length ?? 0) > 0))
          fail(kqPath, `key questions of judged standard ${s.id} have no applicability and no prompts`);
        if (s.assessment === 'caseBased' && kq.appliesTo === undefined)
          fail([...kqPath, 'appliesTo'], `key question ${kq.id} of a case-based standard needs appliesTo`);
        const keyQuestion: KeyQuestion = {
          id: kq.id,
          text: kq.text,
          ...(kq.aspect !== undefined && { aspect: kq.aspect }),
          ...(kq.appliesTo !== undefined && { appliesTo: applicability(kq.appliesTo, [...kqPath, 'appliesTo']) }),
          ...(kq.textFrom !== undefined && { textFrom: kq.textFrom }),
          prompts: [],
        };
        keyQuestionById.set(kq.id, { standard, keyQuestion });
        keyQuestion.prompts = (kq.prompts ?? []).map((p, pi): Prompt => {
          const promptPath = [...kqPath, 'prompts', pi];
          childOf(p.id, kq.id, [...promptPath, 'id']);
          claim(p.id, [...promptPath, 'id']);
          const prompt: Prompt = {
            id: p.id,
            text: p.text,
            appliesTo: applicability(p.appliesTo, [...promptPath, 'appliesTo']),
            ...(p.textFrom !== undefined && { textFrom: p.textFrom }),
          };
          promptById.set(p.id, { standard, keyQuestion, prompt });
          return prompt;
        });
        return keyQuestion;
      });
      return standard;
    });
    return {
      id: d.id,
      title: d.title,
      ...(d.caseDomain !== undefined && { caseDomain: d.caseDomain }),
      ...(d.footnote !== undefined && { footnote: d.footnote }),
      standards,
    };
  });

  const standards = domains.flatMap((d) => d.standards);
  const bestScore = file.ratingScale[0]!.score;
  const maxScore = standards.filter((s) => s.inOverallScore).length * bestScore;
  file.overallBands.forEach((band, i) => {
    knownRating(band.rating, ['overallBands', i, 'rating']);
    if (i > 0 && band.minScore >= file.overallBands[i - 1]!.minScore)
      fail(['overallBands', i, 'minScore'], 'overall bands must be listed highest first');
    if (band.minScore > maxScore)
      fail(['overallBands', i, 'minScore'], `${band.minScore} is above the maximum score ${maxScore}`);
  });
  if (file.overallBands.at(-1)!.minScore !== 0)
    fail(['overallBands', file.overallBands.length - 1, 'minScore'], 'the lowest overall band must start at 0');

  const languages = checkLanguages(file, source);

  return {
    id: file.id,
    title: file.title,
    publisher: file.publisher,
    languages,
    translations: file.translations ?? {},
    file,
    domains,
    standards,
    standardById,
    keyQuestionById,
    promptById,
    ratingScale: file.ratingScale,
    scoreOf,
    factorSteps,
    keyQuestionBands: file.keyQuestionBands,
    discretion: file.discretion,
    overallBands: file.overallBands,
    maxScore,
  };
}

/**
 * Each case factor's reading steps: its own record, then its `whenNotRecorded` sources in turn, a source factor
 * bringing its own steps (so 2.4's "changes in factors related to desistance", not recorded, reads the single
 * "review required", and that its own sources). A factor that leads back to itself is refused.
 */
function resolveFactorSteps(
  file: FrameworkFile,
  fail: (path: PropertyKey[], problem: string) => never,
): Map<string, FactorStep[]> {
  const index = new Map(file.caseFactors.map((f, i) => [f.id, i]));
  const resolved = new Map<string, FactorStep[]>();
  const resolve = (factorId: string, through: string[]): FactorStep[] => {
    const done = resolved.get(factorId);
    if (done) return done;
    const i = index.get(factorId)!;
    const steps: FactorStep[] = [{ factor: factorId }];
    file.caseFactors[i]!.whenNotRecorded?.forEach((source, j) => {
      const path = ['caseFactors', i, 'whenNotRecorded', j];
      if (!('factor' in source)) return steps.push(source);
      if (!index.has(source.factor)) fail([...path, 'factor'], `unknown case factor "${source.factor}"`);
      if (source.factor === factorId || through.includes(source.factor))
        fail([...path, 'factor'], `case factor "${factorId}" must not be read from itself`);
      steps.push(...resolve(source.factor, [...through, factorId]));
    });
    resolved.set(factorId, steps);
    return steps;
  };
  for (const f of file.caseFactors) resolve(f.id, []);
  return resolved;
}
