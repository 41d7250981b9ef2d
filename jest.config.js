/**
 * One jest run for everything: unit specs (`*.spec.ts`), integration specs against a real PostgreSQL
 * (`*.int-spec.ts`, `tests/api`), and browser tests (`tests/browser`, playwright-core + Debian's Chromium).
 * The global setup starts an embedded PostgreSQL unless DATABASE_URL is set; each test file then gets its
 * own database on that server.
 */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs', ignoreDynamic: true },
  sourceMaps: 'inline',
};

/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: [
    '<rootDir>/{apps,libs}/**/*.spec.ts',
    '<rootDir>/{apps,libs}/**/*.int-spec.ts',
    '<rootDir>/tests/{api,browser}/**/*.test.ts',
  ],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.(ts|js|mjs)$': ['@swc/jest', swc] },
  // Pinia 4 and a few of its dependencies ship only ES modules; swc turns them into CommonJS for jest.
  transformIgnorePatterns: ['/node_modules/(?!(pinia|nostics|perfect-debounce)/)'],
  moduleNameMapper: {
    '^@ringi/contracts$': '<rootDir>/libs/contracts/src/index.ts',
    '^@ringi/domain$': '<rootDir>/libs/domain/src/index.ts',
    '^@ringi/migrations/(.*)$': '<rootDir>/migrations/$1',
  },
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  // Browser tests drive two devices through whole features; a loaded 2-core machine needs the margin.
  testTimeout: 120_000,
  maxWorkers: 2,
};
