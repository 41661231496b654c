import { defineConfig } from 'vitest/config';

/** The end-to-end tests against a real WordPress (`npm run test:e2e`). */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    fileParallelism: false,
  },
});
