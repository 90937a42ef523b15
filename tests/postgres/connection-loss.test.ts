// Fault injection on a real PostgreSQL server: the server's connections are ended by the database
// (as in a restart or failover) while writers are busy. Runs only with TEST_DATABASE_URL (see
// jest.config.js): the embedded database has no connections to end.
import { Client } from 'pg';
import { testDatabaseServerUrl } from '../../packages/server/src/testing/test-database';
import { createKey } from '../testkit/cli';
import {
  createStorage,
  startServer,
  STARTUP_TIMEOUT_MS,
  type ServerProcess,
  type ServerStorage,
} from '../testkit/server';
import {
  checkStoredWrites,
  firstSuccessfulWrite,
  runWriters,
  type Outcome,
} from '../testkit/write-load';

const WRITERS = 8;
const LOAD_MS = 6_000;

let storage: ServerStorage;
let server: ServerProcess;
let editorKey: string;
let databaseUrl: string;

beforeAll(async () => {
  storage = await createStorage();
  databaseUrl = storage.env['DATABASE_URL'] as string;
  editorKey = await createKey(storage, 'editor', 'outage writer');
  server = await startServer(storage);
}, STARTUP_TIMEOUT_MS + 60_000);
afterAll(async () => {
  if (server?.process.exitCode === null) await server.stop();
  await storage?.dispose();
}, STARTUP_TIMEOUT_MS);

/** Ends every connection to the server's database, as `pg_ctl restart` or a failover would. */
async function terminateConnectionsUntil(done: () => boolean): Promise<number> {
  const admin = new Client({ connectionString: testDatabaseServerUrl() });
  admin.on('error', () => undefined);
  await admin.connect();
  const database = new URL(databaseUrl).pathname.slice(1);
  let terminated = 0;
  try {
    while (!done()) {
      const { rows } = await admin.query<{ ended: boolean }>(
        `select pg_terminate_backend(pid) as ended from pg_stat_activity
          where datname = $1 and pid <> pg_backend_pid()`,
        [database],
      );
      terminated += rows.filter((row) => row.ended).length;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await admin.end();
  }
  return terminated;
}

describe('the server while PostgreSQL ends its connections under write load', () => {
  let outcomes: Outcome[];
  let terminated: number;

  beforeAll(async () => {
    const stopAt = Date.now() + LOAD_MS;
    const done = () => Date.now() >= stopAt;
    [outcomes, terminated] = await Promise.all([
      runWriters({
        graphqlUrl: server.url,
        apiKey: editorKey,
        writers: WRITERS,
        done,
        runTag: 'kill',
      }),
      terminateConnectionsUntil(done),
    ]);
  }, STARTUP_TIMEOUT_MS);

  it('had its connections ended while writes were in flight', () => {
    expect(terminated).toBeGreaterThan(0);
    expect(outcomes.length).toBeGreaterThan(WRITERS);
  });

  it('keeps running', () => {
    expect(server.process.exitCode).toBeNull();
    expect(server.process.signalCode).toBeNull();
  });

  it('answers every write with success or SERVICE_UNAVAILABLE, HTTP 503 and Retry-After', () => {
    const others = outcomes.filter((outcome) => outcome.kind === 'other');
    expect(others.map((outcome) => outcome.detail)).toEqual([]);
    expect(outcomes.some((outcome) => outcome.kind === 'unavailable')).toBe(true);
  });

  it('has stored every acknowledged write, and no write only in part', async () => {
    const stored = await checkStoredWrites(databaseUrl, outcomes);
    expect(stored.lost).toEqual([]);
    expect(stored.partial).toEqual([]);
  });

  it('takes writes again once the connections are left alone, without a restart', async () => {
    const recovered = await firstSuccessfulWrite(server.url, editorKey, 'kill', 60_000);
    expect(recovered?.kind).toBe('ok');
    expect(server.process.exitCode).toBeNull();
  });

  it('still stops cleanly: every connection it lost went back to its pool', async () => {
    // Closing the pool waits for every checked-out connection; a leaked one makes the server
    // miss its shutdown deadline and exit with 1.
    expect(await server.stop()).toBe(0);
  });
});
