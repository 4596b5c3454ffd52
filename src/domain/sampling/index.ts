/** Planning the sample of an inspection: sizes, the stratified draw and its reports. Pure: no I/O. */
export { drawSample, type DomainDraw, type SampleOptions, type SamplePlan, type StratumDraw } from './draw.js';
export { normalCdf, normalQuantile } from './normal.js';
export { parsePopulationCsv, populationColumns, requiredColumns, type PopulationCase } from './population.js';
export { maxSeed } from './random.js';
export { sampleColumns, sampleJson, sampleRows, sampleText } from './report.js';
export {
  achievedMargin,
  defaultSplit,
  requiredSampleSize,
  SampleSizeError,
  splitSample,
  zFor,
  type Split,
} from './sample-size.js';
export { columnsFor, defaultStrata, isStratumVariable, stratumVariableNames, type StratumVariable } from './strata.js';
