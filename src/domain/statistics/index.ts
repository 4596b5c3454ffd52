export { wilsonInterval, newcombeDifference, zFor } from './proportion.js';
export type { ProportionInterval, DifferenceInterval } from './proportion.js';
export { betaBinomialPmf, betaBinomialDistribution } from './beta-binomial.js';
