/** The inspection timeline: pure date rules, no I/O. */
export * from '../dates.js';
export * from './propose.js';
export * from './rules.js';
