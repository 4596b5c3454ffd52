export { casesToNextBand } from './next-band.js';
export type { CasesToNextBand } from './next-band.js';
export { predictBands, predictionAssumptions, minimumRelevantCases } from './prediction.js';
export type { Prediction, BandProbability, KeyQuestionCounts } from './prediction.js';
export { chooseRoundCases, shareOut } from './selection.js';
export type { CaseSelection, ChosenCases } from './selection.js';
export { trendsOf, limitingKeyQuestion } from './trend.js';
export type { RoundCounts, Trend, TrendMemo, TrendPoint } from './trend.js';
