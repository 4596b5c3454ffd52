export { answersByCase, assessedCaseOf } from './service.js';
export type { CaseRow, CaseService } from './service.js';
export { caseAttributeOptions } from './attributes.js';
export type { CaseAttribute } from './attributes.js';
