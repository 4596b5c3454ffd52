/** Planning the sample of an inspection: sizes, the stratified draw and its reports. Pure: no I/O. */
export { drawSample, type DomainDraw, type SampleOptions, type SamplePlan, type StratumDraw } from './draw.js';
export { normalCdf, normalQuantile } from './normal.js';
export { parsePopulationCsv, readMappedPopulation, proposeMapping, readDate } from './mapped-population.js';
export { populationColumns, requiredColumns, type PopulationCase } from './population.js';
export { maxSeed } from './random.js';
export { sampleColumns, sampleJson, sampleRows, sampleText } from './report.js';
export {
  achievedMargin,
  defaultSizing,
  defaultSplit,
  planSampleSize,
  sizings,
  requiredSampleSize,
  SampleSizeError,
  splitSample,
  zFor,
  type Sizing,
  type Split,
} from './sample-size.js';
export { columnsFor, defaultStrata, isStratumVariable, stratumVariableNames, type StratumVariable } from './strata.js';
