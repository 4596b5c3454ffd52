export type { TokenScope } from './users.js';
export { accountActivityOf } from './activity.js';
export { credentialHolds, credentialIsLive } from './credentials.js';
export { newUserSchema } from './users.js';
export { passwordProblem } from './service/passwords.js';
