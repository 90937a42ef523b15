// `pnpm drill:db-restart`: restarts the local PostgreSQL cluster while writers create articles
// through a real Dateline server, then prints what the writers saw and what the database kept.
// Not run by CI: it restarts the whole cluster, which blips everything else using it.
//
//   pnpm drill:db-restart [--pg postgres://postgres@127.0.0.1:5432/test] [--writers 8]
//                         [--before 3] [--after 15]
import { execFile, execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { parseArgs, promisify } from 'node:util';
import { createServerDatabase } from '../packages/server/src/testing/test-database';
import buildServer from '../tests/testkit/build';
import { createKey } from '../tests/testkit/cli';
import { startServer, type ServerStorage } from '../tests/testkit/server';
import { checkStoredWrites, runWriters, type Outcome } from '../tests/testkit/write-load';

const { values: args } = parseArgs({
  options: {
    pg: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
    writers: { type: 'string', default: '8' },
    before: { type: 'string', default: '3' },
    after: { type: 'string', default: '15' },
  },
});

const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

function isReady(): boolean {
  try {
    execFileSync('pg_isready', ['-h', '127.0.0.1'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Asynchronous: the writers run in this process and must keep going during the restart. */
async function cluster(action: 'restart' | 'start'): Promise<void> {
  const [version] = readdirSync('/etc/postgresql');
  if (!version) throw new Error('no PostgreSQL cluster under /etc/postgresql');
  await promisify(execFile)('pg_ctlcluster', [
    '--skip-systemctl-redirect',
    version,
    'main',
    action,
  ]);
}

async function drill(): Promise<void> {
  buildServer();
  const database = await createServerDatabase(args.pg);
  const storage: ServerStorage = {
    env: { DATABASE_URL: database.url },
    dispose: database.drop,
  };
  const editorKey = await createKey(storage, 'editor', 'restart drill');
  const server = await startServer(storage);
  try {
    let stop = false;
    const load = runWriters({
      graphqlUrl: server.url,
      apiKey: editorKey,
      writers: Number(args.writers),
      done: () => stop,
      runTag: `drill${Date.now()}`,
    });
    await sleep(Number(args.before));
    const restartAt = Date.now();
    await cluster('restart');
    const restartedAt = Date.now();
    await sleep(Number(args.after));
    stop = true;
    const outcomes = await load;
    const alive = server.process.exitCode === null && server.process.signalCode === null;
    const stored = await checkStoredWrites(database.url, outcomes);
    report(outcomes, stored, { restartAt, restartedAt, alive });
  } finally {
    await server.stop();
    if (!isReady()) await cluster('start');
    await storage.dispose();
  }
}

function report(
  outcomes: Outcome[],
  stored: { lost: string[]; partial: string[] },
  times: { restartAt: number; restartedAt: number; alive: boolean },
): void {
  const count = (kind: Outcome['kind']) => outcomes.filter((o) => o.kind === kind).length;
  // The outage starts with the first write that failed after the restart was issued; recovery is
  // the first write that started after that and succeeded.
  const firstFailure = outcomes
    .filter((o) => o.kind !== 'ok' && o.endedAt >= times.restartAt)
    .sort((a, b) => a.endedAt - b.endedAt)[0];
  const recovery = outcomes
    .filter((o) => o.kind === 'ok' && o.startedAt >= (firstFailure?.endedAt ?? times.restartAt))
    .sort((a, b) => a.endedAt - b.endedAt)[0];
  const seconds = (ms: number) => (ms / 1000).toFixed(2);
  const others = outcomes.filter((o) => o.kind === 'other');
  console.log(`
PostgreSQL restart drill (${args.writers} writers, createArticle over HTTP)
  requests ok:                         ${count('ok')}
  requests 503 SERVICE_UNAVAILABLE:    ${count('unavailable')}
  requests other:                      ${others.length}
  acknowledged writes lost:            ${stored.lost.length}
  writes stored only in part:          ${stored.partial.length}
  pg_ctlcluster restart took:          ${seconds(times.restartedAt - times.restartAt)} s
  restart to first successful write:   ${recovery ? `${seconds(recovery.endedAt - times.restartAt)} s` : 'none'}
  server alive:                        ${times.alive ? 'yes' : 'no'}`);
  for (const other of others.slice(0, 5)) console.log(`  other: ${other.detail}`);
  if (stored.lost.length > 0) console.log(`  lost: ${stored.lost.slice(0, 5).join(', ')}`);
}

drill().catch(async (error: unknown) => {
  console.error(error);
  if (!isReady()) await cluster('start');
  process.exit(1);
});
