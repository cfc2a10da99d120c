import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 120_000,
    // Hooks build what a file's tests share (a build, files read by one external run): the same bound.
    hookTimeout: 120_000,
    // Vitest's default is cores - 1, a single worker on the 2-core machines CI and developers have; much of the
    // suite waits on child processes (parsers, the packed package, the built CLI), so two workers fit.
    maxWorkers: 2,
    // Test files share their worker's module cache instead of importing the codec, the CLI and the runner
    // afresh each (~0.6 s of CPU per file, a sixth of the suite). Tests that need fresh modules say so
    // (vi.resetModules); spies are restored and process.exitCode reset where tests set them.
    isolate: false,
  },
});
