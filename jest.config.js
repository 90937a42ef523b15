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
  moduleNameMapper: {
    '^@dateline/(schema|sdk)$': '<rootDir>/packages/$1/src/index.ts',
  },
  // Several server instances need one shared database, which the embedded one cannot be: tests
  // that start two instances run only against the PostgreSQL of TEST_DATABASE_URL.
  testPathIgnorePatterns: [
    '/node_modules/',
    ...(process.env.TEST_DATABASE_URL ? [] : ['<rootDir>/tests/realtime/instances\\.test\\.ts$']),
  ],
  testTimeout: 60_000,
  maxWorkers: 2,
};
