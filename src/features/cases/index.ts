export { answersByCase, assessedCaseOf } from './service.js';
export type { CaseRow, CaseService } from './service.js';
export { caseAttributeOptions, factorFields, factorFieldsOf } from './attributes.js';
export type { CaseAttribute, FactorField } from './attributes.js';
