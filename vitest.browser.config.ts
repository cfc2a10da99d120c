import { defineConfig } from 'vitest/config';

// Browser checks need Debian's chromium (.ci/run installs it); `npm test` never runs them.
export default defineConfig({
  test: {
    include: ['test-browser/**/*.test.ts'],
    testTimeout: 120_000,
  },
});
