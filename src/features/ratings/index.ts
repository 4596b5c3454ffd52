export { createRatingService } from './service.js';
export type { RatingService } from './service.js';
export { keepRatingSnapshot } from './snapshots.js';
