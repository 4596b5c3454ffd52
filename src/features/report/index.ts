export { reportFormats } from './service/outputs.js';
export { recommendationsOf } from './service/recommendations.js';
export type { Recommendation } from './service/recommendations.js';
