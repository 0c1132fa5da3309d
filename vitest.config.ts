import { defineConfig } from 'vitest/config';

const oxc = { decorator: { legacy: true, emitDecoratorMetadata: true } };
// `#src/*` resolves to the TypeScript sources under test, to dist/ at run time (package.json "imports").
const conditions = ['mina-source', 'node', 'development|production'];
const resolve = { conditions };
const ssr = { resolve: { conditions } };

export default defineConfig({
  oxc,
  resolve,
  ssr,
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        oxc,
        resolve,
        ssr,
        test: {
          name: 'unit',
          include: [
            'src/**/*.spec.ts',
            'scripts/**/*.spec.ts',
            'test/bench/**/*.spec.ts',
            'packages/*/src/**/*.spec.ts',
            'admin/src/**/*.spec.ts',
          ],
          environment: 'node',
        },
      },
      {
        oxc,
        resolve,
        ssr,
        test: {
          name: 'e2e',
          include: ['test/**/*.e2e-spec.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
      {
        // Processes that fault tests spawn and kill; run only by those tests, never on their own.
        oxc,
        resolve,
        ssr,
        test: {
          name: 'child',
          include: ['test/**/*.e2e-child.ts'],
          environment: 'node',
          testTimeout: 600_000,
        },
      },
    ],
  },
});
