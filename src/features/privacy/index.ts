export { evidenceWarnings } from './evidence-warning.js';
