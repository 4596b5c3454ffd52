export { fieldErrors, inspectionKindLabels } from './service.js';
