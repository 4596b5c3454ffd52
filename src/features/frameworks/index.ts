export { createFrameworkService } from './service.js';
export type { FrameworkService } from './service.js';
