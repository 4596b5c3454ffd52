import type { Database } from '../../../platform/db/connect.js';
import type { Passwords } from '../../../platform/passwords.js';
import { systemClock, type Clock } from '../../../platform/clock.js';
import { createUserService } from '../users.js';
import { createAdministrationService } from './administration.js';
import { createSignInService } from './sign-in.js';
import { createSingleSignOnService } from './single-sign-on.js';

/** Users, signing in, and user administration: one user service shared by the other two. */
export function createAccountServices(db: Database, passwords: Passwords, clock: Clock = systemClock) {
  const users = createUserService(db, passwords, clock);
  return {
    users,
    signIn: createSignInService(db, users, clock),
    administration: createAdministrationService(db, users, clock),
    singleSignOn: createSingleSignOnService(db, clock),
  };
}
