import { describe, expect, it } from 'vitest';
import { loadConfig, owaspArgon2id, passwordHashingFrom } from '../../src/platform/config.js';
import { createPasswords } from '../../src/platform/passwords.js';

/** The cost argon2id wrote into a hash: memory in KiB and passes. */
const costOf = (hash: string) => {
  const [, memoryKib, passes] = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=1\$/.exec(hash) ?? [];
  return { memoryKib: Number(memoryKib), passes: Number(passes) };
};

describe('password hashing', () => {
  it("is OWASP's argon2id (19 MiB, two passes) unless a setting says otherwise", async () => {
    expect(owaspArgon2id).toEqual({ memoryKib: 19_456, passes: 2 });
    expect(passwordHashingFrom({})).toEqual(owaspArgon2id);
    expect(loadConfig({}).passwordHashing).toEqual(owaspArgon2id);
    expect(costOf(await createPasswords().hash('correct horse battery staple'))).toEqual(owaspArgon2id);
    expect(
      costOf(
        await createPasswords(
          loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/yj' }).passwordHashing,
        ).hash('x'),
      ),
    ).toEqual(owaspArgon2id);
  });

  it('takes a cheaper cost from the settings outside production (as the tests do), and refuses it in production', () => {
    const cheap = { YJ_PASSWORD_HASH_MEMORY_KIB: '64', YJ_PASSWORD_HASH_PASSES: '1' };
    expect(passwordHashingFrom(cheap)).toEqual({ memoryKib: 64, passes: 1 });
    expect(() => passwordHashingFrom({ ...cheap, NODE_ENV: 'production', DATABASE_URL: 'postgres://db/yj' })).toThrow(
      "In production (NODE_ENV=production) password hashes may not be cheaper than OWASP's argon2id settings: YJ_PASSWORD_HASH_MEMORY_KIB at least 19456, YJ_PASSWORD_HASH_PASSES at least 2",
    );
    expect(() =>
      loadConfig({ YJ_PASSWORD_HASH_PASSES: '1', NODE_ENV: 'production', DATABASE_URL: 'postgres://db/yj' }),
    ).toThrow(/YJ_PASSWORD_HASH_PASSES at least 2/);
    // A dearer cost is anyone's choice.
    expect(passwordHashingFrom({ NODE_ENV: 'production', YJ_PASSWORD_HASH_MEMORY_KIB: '65536' })).toEqual({
      memoryKib: 65_536,
      passes: 2,
    });
  });

  it('names a setting that is not a whole number in range', () => {
    expect(() => passwordHashingFrom({ YJ_PASSWORD_HASH_MEMORY_KIB: 'lots' })).toThrow(
      'The settings are not valid: YJ_PASSWORD_HASH_MEMORY_KIB must be a whole number from 8 to 4194304',
    );
    expect(() => passwordHashingFrom({ YJ_PASSWORD_HASH_PASSES: '0' })).toThrow(
      'YJ_PASSWORD_HASH_PASSES must be a whole number from 1 to 100',
    );
  });

  it('checks a hash made at any cost, and only with its own password', async () => {
    const owasp = createPasswords();
    const cheap = createPasswords({ memoryKib: 64, passes: 1 });
    const stored = await owasp.hash('correct horse battery staple');
    expect(costOf(await cheap.hash('x'))).toEqual({ memoryKib: 64, passes: 1 });
    expect(await cheap.matches(stored, 'correct horse battery staple')).toBe(true);
    expect(await cheap.matches(stored, 'correct horse battery stapler')).toBe(false);
    expect(await owasp.matches('not a hash', 'x')).toBe(false);
    expect(await owasp.matches(await owasp.nobodys(), '')).toBe(false);
  });

  it('is at the cheap cost under these tests, so that their users are made quickly', () => {
    expect(passwordHashingFrom()).toEqual({ memoryKib: 64, passes: 1 });
  });
});
