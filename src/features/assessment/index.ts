export { caseQuestions, standardsOfCase } from './service.js';
export type { CaseQuestion } from './service.js';
