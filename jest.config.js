// One jest run covers every package: unit tests beside the code and end-to-end tests in tests/.
/** @type {import('jest').Config} */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  testMatch: ['<rootDir>/packages/*/src/**/__tests__/**/*.test.ts', '<rootDir>/tests/**/*.test.ts'],
  // tests/postgres inject faults into a PostgreSQL server (ending its connections, …) and start
  // several server instances on one database, which the embedded database cannot stand in for:
  // they run in the pass with TEST_DATABASE_URL only (CI runs the suite a second time with it),
  // rather than being skipped inside the files. tests/readme runs the README's commands on a fresh
  // clone with the embedded database the README uses: once, in the embedded pass, since the
  // PostgreSQL pass would only repeat its build.
  testPathIgnorePatterns: process.env.TEST_DATABASE_URL
    ? ['/node_modules/', '<rootDir>/tests/readme/']
    : [
        '/node_modules/',
        '<rootDir>/tests/postgres/',
        '<rootDir>/tests/realtime/instances\\.test\\.ts$',
      ],
  moduleNameMapper: {
    '^@dateline/(schema|sdk|extraction)$': '<rootDir>/packages/$1/src/index.ts',
  },
  // End-to-end suites start the built server (see tests/testkit/build.ts).
  globalSetup: '<rootDir>/tests/testkit/build.ts',
  // Tests and hooks start servers and create databases; on two busy cores (load 20) a server
  // start alone took over a minute, so no timeout here is tight (server start-up allows 180 s).
  testTimeout: 240_000,
  maxWorkers: 2,
};
