import { defineConfig } from 'vitest/config';

/** Pure tests: no database, browser, server or child process (npm run test:unit, in seconds). */
const unit = [
  'test/domain/*.test.ts',
  'test/domain/{framework,privacy,rating,report,timeline}/**/*.test.ts',
  'test/domain/plans/{rag,status-words}.test.ts',
  'test/domain/sampling/{allocate,draw,population,sample-size}.test.ts',
  'test/cli/{input-errors,sample}.test.ts',
  'test/features/cases/case-import.test.ts',
  'test/features/planning/rules.test.ts',
  'test/policy/readme-matrix.test.ts',
];

/**
 * Files that add to what the process holds for everyone: a stored framework's Welsh is kept by its English
 * words for the whole process (src/platform/framework-registry.ts: the first version to bring a sentence
 * keeps it), and the translator test adds messages. Each runs in a process of its own, so that no other file
 * sees what it added, nor it what another file did.
 */
const alone = [
  'test/cli/frameworks-add.test.ts',
  'test/features/frameworks/*.test.ts',
  'test/platform/i18n/translator.test.ts',
];

export default defineConfig({
  test: {
    pool: 'forks',
    // Browser tests start Chromium and the embedded database opens in a second or two.
    testTimeout: 30_000,
    hookTimeout: 90_000,
    // Password hashes at a test's cost (64 KiB, one pass, instead of OWASP's 19 MiB and two): the suite makes
    // and checks thousands. Production refuses this (src/platform/config.ts); test/platform/passwords.test.ts
    // checks OWASP's cost is the default. Processes the tests start inherit it.
    env: { YJ_PASSWORD_HASH_MEMORY_KIB: '64', YJ_PASSWORD_HASH_PASSES: '1' },
    // Two files at a time on the two cores (vitest's default is one fewer than the cores), and each worker runs
    // its files one after another in one process, importing the application once rather than once a file:
    // together they take the suite from about 12 minutes to about 6 (CONTRIBUTING.md). Every file still opens
    // its own database; what a file changes in the environment ends with it (restore-environment.ts).
    maxWorkers: 2,
    isolate: false,
    setupFiles: ['test/support/restore-environment.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: unit } },
      // Everything else: the database, the web app, Chromium, spawned processes. `npm test` runs all three.
      { extends: true, test: { name: 'integration', include: ['test/**/*.test.ts'], exclude: [...unit, ...alone] } },
      { extends: true, test: { name: 'alone', include: alone, isolate: true } },
    ],
  },
});
