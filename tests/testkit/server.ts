// Starts the real Dateline server as a child process, on the embedded database in a temporary
// directory, or on a fresh database of the TEST_DATABASE_URL server.
import { spawn, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  createServerDatabase,
  runStatement,
  testDatabaseServerUrl,
} from '../../packages/server/src/testing/test-database';

const serverDir = path.join(__dirname, '..', '..', 'packages', 'server');

/**
 * The built server (tests/testkit/build.ts brings it up to date before jest runs): starting it
 * costs no TypeScript transpiling, which on a busy machine took most of a minute per start.
 */
export const serverEntry = path.join(serverDir, 'dist', 'main.js');

/** Generous: two cores at a load of 20 start a server many times slower than an idle laptop. */
export const STARTUP_TIMEOUT_MS = 180_000;

export interface ServerStorage {
  env: Record<string, string>;
  dispose(): Promise<void>;
}

/** Where a server keeps its data; outlives the processes started on it. */
export async function createStorage(): Promise<ServerStorage> {
  const serverUrl = testDatabaseServerUrl();
  if (serverUrl) {
    const { url, drop } = await createServerDatabase(serverUrl);
    return { env: { DATABASE_URL: url, DATELINE_SEED_SAMPLE: 'true' }, dispose: drop };
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dateline-e2e-'));
  return {
    env: { DATELINE_DATA_DIR: dataDir },
    dispose: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })),
  };
}

export interface ServerProcess {
  url: string;
  origin: string;
  process: ChildProcess;
  output: () => string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

export async function startServer(
  storage: ServerStorage,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--enable-source-maps', serverEntry], {
    cwd: serverDir,
    env: {
      PATH: process.env['PATH'] ?? '',
      PORT: '0',
      LOG_LEVEL: 'warn',
      ...storage.env,
      ...env,
    },
    // The IPC channel closes when this process dies, however it dies (SIGKILL included), and the
    // server shuts down when it does: no server outlives the test run that started it.
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const { stdout, stderr } = child as ChildProcessByStdio<null, Readable, Readable>;
  let output = '';
  stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in ${STARTUP_TIMEOUT_MS / 1000} s:\n${output}`)),
      STARTUP_TIMEOUT_MS,
    );
    const onData = (): void => {
      const match = /Dateline GraphQL API: (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        stdout.off('data', onData);
        resolve(match[1] as string);
      }
    };
    stdout.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready:\n${output}`));
    });
  });
  return {
    url,
    origin: new URL(url).origin,
    process: child,
    output: () => output,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/**
 * Starts a server on fresh storage before the calling suite's tests and stops it after them;
 * the returned function gives the running server.
 */
export function serverForSuite(env: Record<string, string> = {}): () => ServerProcess {
  let storage: ServerStorage | undefined;
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    storage = await createStorage();
    server = await startServer(storage, env);
  }, STARTUP_TIMEOUT_MS + 30_000);
  afterAll(async () => {
    await server?.stop();
    await storage?.dispose();
  }, STARTUP_TIMEOUT_MS);
  return () => {
    if (!server) throw new Error('The suite server has not started.');
    return server;
  };
}

/**
 * Runs SQL on a running server's database from outside it, as an operator would (psql, or the
 * embedded database's socket): the way a test breaks the schema under a live server to see how
 * it reports a failure it did not expect.
 */
export async function runSql(storage: ServerStorage, statement: string): Promise<void> {
  await runStatement(
    { databaseUrl: storage.env['DATABASE_URL'], dataDir: storage.env['DATELINE_DATA_DIR'] ?? '' },
    statement,
  );
}
