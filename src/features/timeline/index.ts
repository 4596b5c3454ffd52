export { timelineOf } from './service.js';
