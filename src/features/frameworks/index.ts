export { createFrameworkService } from './service.js';
export type { FrameworkService } from './service.js';
/** Whether a framework (or a framework key) holds its words in a language: see views/language-notice.njk. */
export { frameworkHoldsLanguage as holdsLanguage } from '../../platform/framework-registry.js';
