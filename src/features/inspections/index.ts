import type { createInspectionService } from './service.js';
export { fieldErrors, inspectionKindLabels } from './service.js';
export type InspectionService = ReturnType<typeof createInspectionService>;
