import { afterAll } from 'vitest';

/**
 * A test file's changes to the environment end with it. The suite runs files one after another in the same
 * worker (`isolate: false` in vitest.config.ts), so a DATABASE_URL a CLI test set, or a `process.env` it
 * replaced, would otherwise reach the next file. Run before each file (setupFiles).
 */
const environment = process.env;
const before = { ...environment };
afterAll(() => {
  process.env = environment;
  for (const name of Object.keys(environment)) if (!(name in before)) delete environment[name];
  Object.assign(environment, before);
});
