export { PlanImportError, readTable } from './service/transfer.js';
export { htmlToPdf } from './pdf.js';
export { targetedActionsOf } from './queries.js';
