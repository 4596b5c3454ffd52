export { mailTransport } from './service/mail.js';
export { PlanImportError, readTable } from './service/transfer.js';
