export type { TokenScope } from './users.js';
export { accountActivityOf } from './activity.js';
export { credentialIsLive } from './credentials.js';
