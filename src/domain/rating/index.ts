export { rateInspection } from './rate-inspection.js';
export { DiscretionError } from './discretion.js';
export { exclusionReason } from './applicability.js';
export { wholePercent, bandOf, overallRatingOf } from './bands.js';
export type * from './types.js';
