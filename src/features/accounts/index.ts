export type { TokenScope } from './users.js';
export { accountActivityOf } from './activity.js';
