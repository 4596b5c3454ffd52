import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    // Browser tests start Chromium and the embedded database opens in a second or two.
    testTimeout: 30_000,
    hookTimeout: 90_000,
  },
});
