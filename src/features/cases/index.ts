export { assessedCaseOf } from './assessed.js';
export { answersByCase, storedAnswersByCase } from './answers.js';
export { auditNewCases } from './new-cases.js';
export type { StoredAnswer } from './answers.js';
export type { CaseRow } from './assessed.js';
export type { CaseService } from './service.js';
export { caseAttributeOptions, factorFields, factorFieldsOf } from './attributes.js';
export type { CaseAttribute, FactorField } from './attributes.js';
