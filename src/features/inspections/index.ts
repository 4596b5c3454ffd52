import type { createInspectionService } from './service.js';
export { inspectionKindLabels } from './service.js';
/** Kept for the features that still import it from here (qa, moderation): the platform's one mapper. */
export { fieldErrors } from '../../platform/field-errors.js';
export type InspectionService = ReturnType<typeof createInspectionService>;
