export { casesToNextBand } from './next-band.js';
export type { CasesToNextBand } from './next-band.js';
export { predictBands, predictionAssumptions, minimumRelevantCases } from './prediction.js';
export type { Prediction, BandProbability, KeyQuestionCounts } from './prediction.js';
