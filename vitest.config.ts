import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: one file per core keeps the stand-ins and the browser from starving each other.
    maxWorkers: 2,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // Projects extend the settings above.
    projects: [
      {
        extends: true,
        // `npm run test:unit`: no stand-ins, no data folder, no web build (test/fixtures/tiny and memory ports).
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: ['test/unit/**'],
          // Builds the web front end once before any of these files runs, so no two tests race to build it.
          globalSetup: ['./test/helpers/global-setup.ts'],
        },
      },
    ],
  },
});
