export type { TokenScope } from './users.js';
export { accountActivityOf } from './activity.js';
export { credentialHolds, credentialIsLive } from './credentials.js';
export { argon2Options, newUserSchema } from './users.js';
export { passwordProblem } from './service/passwords.js';
