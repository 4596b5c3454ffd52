/**
 * The rating engine against a minimal loop over the same answers (npm run bench).
 * Goal (issue 2): rating a 60-case inspection with every prompt answered within 3x of a loop that only counts
 * 'Yes' and relevant answers. Both are measured in this run, on this machine.
 */
import { getFramework } from '../src/platform/framework-registry.js';
import { rateInspection } from '../src/domain/rating/index.js';
import type { Answer, AssessedCase, Findings } from '../src/domain/rating/types.js';

const framework = getFramework('hmip-youth-2021');
const inspections = 10_000;
const casesPerInspection = 60;
const distinctInspections = 50; // generated once and cycled through, so memory stays small

/** A small seeded generator (mulberry32), so every run rates the same data. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function syntheticInspection(seed: number): Findings {
  const next = random(seed);
  const answer = (): Answer => {
    const r = next();
    return r < 0.7 ? 'yes' : r < 0.9 ? 'no' : 'n/a';
  };
  const cases: AssessedCase[] = Array.from({ length: casesPerInspection }, (_, i) => {
    const domain = i % 2 === 0 ? 'court' : 'outOfCourt';
    const answers: Record<string, Answer> = {};
    for (const standard of framework.standards) {
      if (standard.caseDomain !== domain || standard.assessment !== 'caseBased') continue;
      for (const keyQuestion of standard.keyQuestions) {
        answers[keyQuestion.id] = answer();
        for (const prompt of keyQuestion.prompts) answers[prompt.id] = answer();
      }
    }
    return { ref: `C${seed}-${i}`, domain, disposal: domain === 'court' ? 'referralOrder' : 'triage', answers };
  });
  return { keyQuestionFigures: {}, cases, judgements: {}, discretion: {} };
}

const pool = Array.from({ length: distinctInspections }, (_, i) => syntheticInspection(i + 1));
const answersPerInspection = pool[0]!.cases.reduce((n, c) => n + Object.keys(c.answers).length, 0);

/** Counts 'Yes' and relevant answers by walking each case's answers object. */
function minimalLoopForIn(): number {
  let checksum = 0;
  for (let i = 0; i < inspections; i++) {
    let yes = 0;
    let relevant = 0;
    for (const assessedCase of pool[i % distinctInspections]!.cases) {
      const answers = assessedCase.answers;
      for (const id in answers) {
        const value = answers[id];
        if (value === 'yes') yes++;
        if (value !== 'n/a') relevant++;
      }
    }
    checksum += yes + relevant;
  }
  return checksum;
}

/** The same, looking up by id each question of the case's domain, as the engine must. */
const questionIdsByDomain = new Map(
  framework.file.caseDomains.map((domain) => [
    domain.id,
    framework.standards
      .filter((s) => s.caseDomain === domain.id)
      .flatMap((s) => s.keyQuestions.flatMap((kq) => [kq.id, ...kq.prompts.map((p) => p.id)])),
  ]),
);
function minimalLoopById(): number {
  let checksum = 0;
  for (let i = 0; i < inspections; i++) {
    let yes = 0;
    let relevant = 0;
    for (const assessedCase of pool[i % distinctInspections]!.cases) {
      const answers = assessedCase.answers;
      for (const id of questionIdsByDomain.get(assessedCase.domain)!) {
        const value = answers[id];
        if (value === 'yes') yes++;
        else if (value === 'no') relevant++;
      }
    }
    checksum += yes * 2 + relevant;
  }
  return checksum;
}

function engine(): number {
  let checksum = 0;
  for (let i = 0; i < inspections; i++) {
    const result = rateInspection(framework, pool[i % distinctInspections]!);
    checksum += result.standards.length;
  }
  return checksum;
}

/** The median of a few timed runs, after one warm-up run. */
function measure(run: () => number): number {
  run();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  return times.sort((a, b) => a - b)[2]!;
}

const totalAnswers = answersPerInspection * inspections;
const forIn = measure(minimalLoopForIn);
const byId = measure(minimalLoopById);
// The baseline is the faster of the two minimal loops, so the ratio is never flattered.
const baseline = Math.min(forIn, byId);
const rating = measure(engine);
const perSecond = (seconds: number) => Math.round(totalAnswers / seconds).toLocaleString('en-GB');
const ratio = rating / baseline;

console.log(
  `${inspections.toLocaleString('en-GB')} inspections of ${casesPerInspection} cases, ${answersPerInspection} answers each (${framework.id})`,
);
console.log(`minimal loop, for..in over answers:     ${forIn.toFixed(3)} s, ${perSecond(forIn)} answers/s`);
console.log(`minimal loop, look-up by question id:   ${byId.toFixed(3)} s, ${perSecond(byId)} answers/s`);
console.log(`rating engine (rateInspection):         ${rating.toFixed(3)} s, ${perSecond(rating)} answers/s`);
console.log(`one inspection rated in ${((rating / inspections) * 1000).toFixed(3)} ms`);
console.log(`ratio engine / minimal loop: ${ratio.toFixed(2)}x (goal: 3x or less) ${ratio <= 3 ? 'MET' : 'NOT MET'}`);
