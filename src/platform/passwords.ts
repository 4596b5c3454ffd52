import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { owaspArgon2id, type PasswordHashing } from './config.js';

/**
 * Hashing and checking passwords, with the cost of the configuration (YJ_PASSWORD_HASH_*), built once in the
 * composition root. A stored hash carries its own cost, so a hash made at one cost is checked at any other.
 */
export function createPasswords(settings: PasswordHashing = owaspArgon2id) {
  const options = { memoryCost: settings.memoryKib, timeCost: settings.passes, parallelism: 1 };
  let unknown: Promise<string> | undefined;
  return {
    settings,
    hash: (password: string) => hash(password, options),
    /** Whether the password is the one hashed; false for a hash that cannot be read. */
    matches: (stored: string, password: string) => verify(stored, password).catch(() => false),
    /**
     * A hash of a password nobody knows: checking a sign-in for an unknown email against it takes as long
     * as checking a wrong password.
     */
    nobodys: () => (unknown ??= hash(randomBytes(16).toString('hex'), options)),
  };
}

export type Passwords = ReturnType<typeof createPasswords>;
