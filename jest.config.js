// Prisma's client loads its query compiler with import(); jest needs --experimental-vm-modules (see package.json test:jest).
// Tests run TypeScript through ts-jest without type checking (`npm run typecheck` does that once).

// One migrated template database per run (cloned by each test file); only projects that use the
// database name it, so running the web app's component tests alone does not wait for Postgres.
const database = {
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
};

// Nothing may leave the machine: every project runs with the egress guard (test/egress), and a
// refused connection fails the test that made it.
const egress = { setupFilesAfterEnv: ['<rootDir>/test/egress/jest-setup.ts'] };

/** @type {import('jest').Config} */
const services = {
  displayName: 'services',
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/subgraphs', '<rootDir>/gateway', '<rootDir>/composition', '<rootDir>/test', '<rootDir>/bench'],
  testMatch: ['**/*.test.ts'],
  // Prisma's generated client imports its siblings as './x.js'.
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^sanitize-html$': '<rootDir>/test/support/native/sanitize-html.js',
  },
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  ...database,
  ...egress,
};

// The same service tests on the embedded default (PGlite, as `npm start` runs without DATABASE_URL):
// a representative set covering every subgraph, the gateway and the subscription paths.
/** @type {import('jest').Config} */
const embedded = {
  ...services,
  displayName: 'embedded',
  testMatch: process.env.BODEGA_EMBEDDED_ALL ? services.testMatch : require('./test/embedded-suite.js'),
  setupFiles: ['<rootDir>/test/use-embedded-database.ts'],
  globalSetup: '<rootDir>/test/global-setup-embedded.ts',
  globalTeardown: '<rootDir>/test/global-teardown-embedded.ts',
};

/** @type {import('jest').Config} */
const web = {
  displayName: 'web',
  // Component tests render into jsdom; a file can ask for node with a @jest-environment docblock.
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/web/src'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { diagnostics: false, tsconfig: { jsx: 'react-jsx', module: 'commonjs', target: 'ES2022', esModuleInterop: true } }],
  },
  moduleNameMapper: { '\\.css$': '<rootDir>/web/test/style-stub.js' },
  globalTeardown: '<rootDir>/test/egress/global-teardown.ts',
  ...egress,
};

/** @type {import('jest').Config} */
const e2e = {
  displayName: 'e2e',
  testEnvironment: 'node',
  roots: ['<rootDir>/web/e2e'],
  testMatch: ['**/*.e2e.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false, tsconfig: { module: 'commonjs', target: 'ES2022', esModuleInterop: true } }] },
  ...database,
  ...egress,
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [services, embedded, web, e2e],
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  testTimeout: 30_000,
  maxWorkers: 2,
};
