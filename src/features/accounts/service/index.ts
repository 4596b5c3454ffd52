import type { Database } from '../../../platform/db/connect.js';
import type { Passwords } from '../../../platform/passwords.js';
import { createUserService } from '../users.js';
import { createAdministrationService } from './administration.js';
import { createSignInService } from './sign-in.js';
import { createSingleSignOnService } from './single-sign-on.js';

/** Users, signing in, and user administration: one user service shared by the other two. */
export function createAccountServices(db: Database, passwords: Passwords) {
  const users = createUserService(db, passwords);
  return {
    users,
    signIn: createSignInService(db, users),
    administration: createAdministrationService(db, users),
    singleSignOn: createSingleSignOnService(db),
  };
}
