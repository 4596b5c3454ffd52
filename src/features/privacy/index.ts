export { evidenceWarnings, heldBackEvidence } from './evidence-warning.js';
