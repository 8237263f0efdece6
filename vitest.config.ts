import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Integration suites share one DynamoDB Local and one s3rver started once.
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
  },
});
