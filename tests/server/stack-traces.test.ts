import { codes, post } from '../testkit/graphql';
import {
  createStorage,
  runSql,
  serverForSuite,
  startServer,
  type ServerProcess,
  type ServerStorage,
} from '../testkit/server';

// No NODE_ENV at all, as `pnpm start` from the README runs it.
let storage: ServerStorage;
let server: ServerProcess;
const plain = () => server;
beforeAll(async () => {
  storage = await createStorage();
  server = await startServer(storage);
}, 240_000);
afterAll(async () => {
  await server.stop();
  await storage.dispose();
});
const development = serverForSuite({ NODE_ENV: 'development' });

const INVALID = '{ articles { nodes { colour } } }';

describe('stack traces in error responses', () => {
  it('are left out when NODE_ENV is not set', async () => {
    const response = await post(plain().url, INVALID);
    expect(codes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(JSON.stringify(response.body)).not.toMatch(/stacktrace|exception|\.ts:\d+/);
  });

  it('hide an unexpected failure behind a request id when NODE_ENV is not set', async () => {
    // A schema the server does not expect: every quote query now fails inside PostgreSQL.
    await runSql(storage, 'alter table quotes rename column text to words');
    const response = await post(plain().url, '{ quotes(first: 1) { nodes { text } } }');
    const [error] = response.body.errors ?? [];
    expect(error?.extensions?.['code']).toBe('INTERNAL_SERVER_ERROR');
    expect(Object.keys(error?.extensions ?? {}).sort()).toEqual(['code', 'requestId']);
    expect(JSON.stringify(response.body)).not.toMatch(/stacktrace|exception|\.ts:\d+|byte/);
  });

  it('are included when NODE_ENV=development is set', async () => {
    const response = await post(development().url, INVALID);
    expect(codes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(response.body.errors![0]!.extensions!['stacktrace']).toEqual(
      expect.arrayContaining([expect.stringMatching(/GraphQLError/)]),
    );
  });
});
