// The realtime benchmark, part of `pnpm bench` (or alone: `pnpm exec tsx bench/realtime.ts
// [--subscribers 1000,5000] [--writes 20]`): two production Dateline instances on a fresh
// PostgreSQL database, subscribers spread over both (50 per WebSocket, half of the connections
// with a reader key and half with an editor key, each subscription one of three documents, so
// six shapes per instance), and a burst of concurrent article writes spread over both instances.
// For each subscriber count it reports the delivery latency from commit to client (p50/p99/max),
// lost and duplicated events, and the servers' resident memory per subscriber.
//
// Commit time is when a LISTEN connection on the same channel as the servers hears the event's
// notification (PostgreSQL sends it at commit), in a worker thread so that the main thread's
// busy WebSocket reads do not delay it. The client reads the protocol with `ws` directly and
// only timestamps each message on arrival, parsing them after the burst, so that the client's
// own cost stays out of the figures as far as possible.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { Client } from 'pg';
import { format, resolveConfig } from 'prettier';
import WebSocket from 'ws';
import { cpuMs, startServer } from './processes';

const ROOT = join(__dirname, '..');
const SERVER = join(ROOT, 'packages/server/dist');
const PER_CONNECTION = 50;
const EVENTS_CHANNEL = 'dateline_events';
const DOCUMENTS = [
  'subscription { articleCreated { id headline } }',
  'subscription { articleCreated { id headline publishedAt source { name } } }',
  'subscription { articleCreated { id headline entities(first: 3) { nodes { name kind } } } }',
];

export interface RealtimeResult {
  subscribers: number;
  writes: number;
  p50: number;
  p99: number;
  max: number;
  lost: number;
  duplicated: number;
  /** Resident memory the servers grew by, per subscriber. */
  rssPerSubscriberKb: number;
  /** The machine's one-minute load average when the burst started. */
  loadAverage: number;
  /** CPU both servers used from the burst to the last delivery (the writes included), in ms. */
  serverCpuMs: number;
}

interface Server {
  url: string;
  child: ChildProcess;
}

const now = () => performance.timeOrigin + performance.now();

function start(url: string): Promise<Server> {
  return startServer(
    'Dateline',
    [join(SERVER, 'main.js')],
    {
      PATH: process.env['PATH'] ?? '',
      PORT: '0',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      DATABASE_URL: url,
      DATELINE_RATE_LIMIT: '0',
      DATELINE_WS_SUBSCRIPTIONS_PER_KEY: '100000',
    },
    join(ROOT, 'packages/server'),
  );
}

function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

function createKey(url: string, role: string): string {
  const result = spawnSync(
    process.execPath,
    [join(SERVER, 'cli.js'), 'keys', 'create', '--role', role, '--name', `bench ${role}`],
    {
      cwd: join(ROOT, 'packages/server'),
      env: { PATH: process.env['PATH'] ?? '', DATABASE_URL: url, LOG_LEVEL: 'warn' },
    },
  );
  const match = /Key \(shown only now; store it safely\): (\S+)/.exec(result.stdout.toString());
  if (!match) throw new Error(result.stderr.toString());
  return match[1] as string;
}

/** Commit times of events, heard with LISTEN on a thread of its own. */
function commitClock(url: string): { stop(): Promise<Map<number, number>>; ready: Promise<void> } {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const { Client } = require(workerData.pg);
     const heard = [];
     const client = new Client({ connectionString: workerData.url });
     client.on('notification', (n) => heard.push([Number(n.payload), performance.timeOrigin + performance.now()]));
     client.connect().then(() => client.query('LISTEN ${EVENTS_CHANNEL}')).then(() => parentPort.postMessage('ready'));
     parentPort.on('message', () => client.end().then(() => parentPort.postMessage(heard)));`,
    { eval: true, workerData: { url, pg: require.resolve('pg') } },
  );
  const ready = new Promise<void>((resolve) => worker.once('message', () => resolve()));
  return {
    ready,
    stop: async () => {
      const heard = await new Promise<[number, number][]>((resolve) => {
        worker.once('message', resolve);
        worker.postMessage('stop');
      });
      await worker.terminate();
      return new Map(heard);
    },
  };
}

interface Connection {
  socket: WebSocket;
  /** Every message after the subscriptions were taken, with its arrival time. */
  arrivals: [number, Buffer][];
}

/** Opens a graphql-ws connection and takes `count` subscriptions on it. */
async function connect(httpUrl: string, key: string, first: number, count: number) {
  const socket = new WebSocket(httpUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const connection: Connection = { socket, arrivals: [] };
  let probed: () => void = () => undefined;
  const taken = new Promise<void>((resolve) => (probed = resolve));
  let acked: () => void = () => undefined;
  const ack = new Promise<void>((resolve) => (acked = resolve));
  socket.on('message', (data: Buffer) => {
    const at = now();
    if (data.includes('"type":"next"')) connection.arrivals.push([at, data]);
    else if (data.includes('"connection_ack"')) acked();
    else if (data.includes('"id":"probe"')) probed();
    else if (data.includes('"type":"error"')) console.error(`subscription error: ${String(data)}`);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ type: 'connection_init', payload: { apiKey: key } }));
  await ack;
  for (let index = 0; index < count; index += 1) {
    const query = DOCUMENTS[(first + index) % DOCUMENTS.length] as string;
    socket.send(JSON.stringify({ id: `s${index}`, type: 'subscribe', payload: { query } }));
  }
  // An invalid operation after them: its error comes back once the server has handled them.
  socket.send(
    JSON.stringify({ id: 'probe', type: 'subscribe', payload: { query: 'subscription { x }' } }),
  );
  await taken;
  return connection;
}

async function measure(
  servers: Server[],
  keys: string[],
  url: string,
  count: number,
  writes: number,
  serial: { next: number },
): Promise<RealtimeResult> {
  const before = servers.map((server) => rssBytes(server.child.pid as number));
  const connections: Connection[] = [];
  for (let first = 0; first < count; first += PER_CONNECTION) {
    const index = connections.length;
    connections.push(
      await connect(
        (servers[index % servers.length] as Server).url,
        keys[Math.floor(index / servers.length) % keys.length] as string,
        first,
        Math.min(PER_CONNECTION, count - first),
      ),
    );
  }
  // Each server has answered every connection's probe; give its last joins a moment more.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const after = servers.map((server) => rssBytes(server.child.pid as number));
  const clock = commitClock(url);
  await clock.ready;
  const headlines: string[] = [];
  const loadAverage = loadavg()[0] ?? NaN;
  const cpuBefore = servers.map((server) => cpuMs(server.child.pid as number));
  await Promise.all(
    Array.from({ length: writes }, async (_, index) => {
      serial.next += 1;
      const headline = `Bench article ${serial.next}`;
      headlines.push(headline);
      const response = await fetch((servers[index % servers.length] as Server).url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${keys[1]}` },
        body: JSON.stringify({
          query:
            'mutation ($input: CreateArticleInput!) { createArticle(input: $input) { created } }',
          variables: {
            input: {
              headline,
              body: `${headline}: the harbour board reopened the quay.`,
              publishedAt: '2024-04-02T08:00:00Z',
              mentions: [{ entity: { name: 'Harbour Board', kind: 'ORGANIZATION' } }],
            },
          },
        }),
      });
      const body = (await response.json()) as { errors?: unknown };
      if (body.errors) throw new Error(`write failed: ${JSON.stringify(body.errors)}`);
    }),
  );
  const expected = count * writes;
  const received = () => connections.reduce((sum, c) => sum + c.arrivals.length, 0);
  const deadline = Date.now() + 60_000;
  while (received() < expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const cpuAfter = servers.map((server) => cpuMs(server.child.pid as number));
  // Anything late or twice arrives within this.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const committed = await clock.stop();

  // Which event each headline is, to look its commit time up.
  const client = new Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ id: string; headline: string }>(
    `select e.id, a.headline from events e join articles a on a.id = (e.payload->>'id')::int
     where e.topic = 'article.created' and a.headline = any($1)`,
    [headlines],
  );
  await client.end();
  const commitOf = new Map(rows.map((row) => [row.headline, committed.get(Number(row.id))]));

  const arrivals = new Map<string, number[]>();
  for (const connection of connections) {
    for (const [at, data] of connection.arrivals) {
      const message = JSON.parse(data.toString()) as {
        payload: { data?: { articleCreated?: { headline: string } } };
      };
      const headline = message.payload.data?.articleCreated?.headline ?? '(no data)';
      const list = arrivals.get(headline) ?? [];
      list.push(at);
      arrivals.set(headline, list);
    }
  }
  const latencies: number[] = [];
  let lost = 0;
  let duplicated = 0;
  for (const headline of headlines) {
    const list = arrivals.get(headline) ?? [];
    lost += Math.max(0, count - list.length);
    duplicated += Math.max(0, list.length - count);
    const commit = commitOf.get(headline);
    if (commit === undefined) throw new Error(`no commit heard for "${headline}"`);
    for (const at of list) latencies.push(at - commit);
  }
  latencies.sort((a, b) => a - b);
  for (const connection of connections) connection.socket.close();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const grown = after.reduce((sum, v) => sum + v, 0) - before.reduce((sum, v) => sum + v, 0);
  return {
    subscribers: count,
    writes,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    lost,
    duplicated,
    rssPerSubscriberKb: grown / count / 1024,
    loadAverage,
    serverCpuMs: cpuAfter.reduce((sum, v) => sum + v, 0) - cpuBefore.reduce((sum, v) => sum + v, 0),
  };
}

/** Runs the realtime benchmark on a fresh database at `pg` (its server URL, no database). */
export async function benchRealtime(
  pg: string,
  counts: readonly number[] = [1000, 5000],
  writes = 20,
): Promise<RealtimeResult[]> {
  const database = `dateline_bench_realtime_${process.pid}`;
  const url = `${pg}/${database}`;
  spawnSync('psql', [`${pg}/postgres`, '-c', `create database ${database}`]);
  const servers: Server[] = [];
  const results: RealtimeResult[] = [];
  const stop = async () => {
    for (const server of servers) server.child.kill('SIGTERM');
    await Promise.all(
      servers.map(
        (server) =>
          new Promise((resolve) => {
            if (server.child.exitCode !== null) resolve(undefined);
            else server.child.once('exit', resolve);
          }),
      ),
    );
    servers.length = 0;
  };
  try {
    const serial = { next: 0 };
    let keys: string[] | undefined;
    for (const count of counts) {
      // Fresh servers for each count, so that memory per subscriber starts from the same place.
      servers.push(await start(url), await start(url));
      keys ??= [createKey(url, 'reader'), createKey(url, 'editor')];
      const result = await measure(servers, keys, url, count, writes, serial);
      await stop();
      console.log(
        `realtime: ${count} subscribers, ${writes} writes: commit→client p50 ${result.p50.toFixed(0)} ms, p99 ${result.p99.toFixed(0)} ms, lost ${result.lost}, duplicated ${result.duplicated}, ${result.rssPerSubscriberKb.toFixed(1)} kB RSS per subscriber, server CPU ${result.serverCpuMs} ms (load average ${result.loadAverage.toFixed(1)})`,
      );
      results.push(result);
    }
  } finally {
    await stop();
    spawnSync('psql', [`${pg}/postgres`, '-c', `drop database if exists ${database}`]);
  }
  return results;
}

const fixed = (value: number) => (value >= 10 ? value.toFixed(0) : value.toFixed(1));

/** The realtime section of bench/RESULTS.md. */
export function realtimeSection(results: readonly RealtimeResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.subscribers.toLocaleString('en-US')} | ${r.writes} | ${fixed(r.p50)} | ${fixed(r.p99)} | ${fixed(r.max)} | ${r.lost} | ${r.duplicated} | ${r.rssPerSubscriberKb.toFixed(1)} | ${r.serverCpuMs} (${((r.serverCpuMs * 1000) / (r.subscribers * r.writes)).toFixed(0)} µs) | ${r.loadAverage.toFixed(1)} |`,
  );
  const largest = results[results.length - 1];
  const verdict = largest
    ? `**p99 ≤ 250 ms at ${largest.subscribers.toLocaleString('en-US')} subscribers with nothing lost or duplicated: ${largest.p99 <= 250 && largest.lost === 0 && largest.duplicated === 0 ? 'met' : 'not met'}** (p99 ${fixed(largest.p99)} ms, lost ${largest.lost}, duplicated ${largest.duplicated}).`
    : '';
  return [
    REALTIME_START,
    '## Realtime (subscriptions)',
    '',
    `Two production instances (\`node packages/server/dist/main.js\`) on a fresh PostgreSQL database; subscribers spread over both, ${PER_CONNECTION} per WebSocket, connections alternating between a reader and an editor key, each subscription one of ${DOCUMENTS.length} \`articleCreated\` documents (so ${DOCUMENTS.length * 2} shapes per instance); then a burst of concurrent \`createArticle\` writes spread over both instances. Latency is from commit (a LISTEN connection in a thread of the benchmark hearing the event's notification) to the client reading the message; memory is the servers' resident memory grown while taking the subscriptions, per subscriber (fresh servers for each count); server CPU is what both servers used from the start of the burst to the last delivery, the writes included, and per delivered event. The load average says how busy the shared machine was: latency on a machine loaded beyond its cores measures its scheduler as much as Dateline, CPU per delivery does not. Generated data, one run on the shared 2-core machine (the servers, PostgreSQL and the client share the cores).`,
    '',
    `| subscribers | writes | p50 ms | p99 ms | max ms | lost | duplicated | RSS kB / subscriber | server CPU ms (per delivery) | load average (${cpus().length} cores) |`,
    '| ----------: | -----: | -----: | -----: | -----: | ---: | ---------: | ------------------: | ---------------------------: | ---------------------: |',
    ...rows,
    '',
    verdict,
    REALTIME_END,
  ].join('\n');
}

const REALTIME_START = '<!-- realtime: written by bench/realtime.ts -->';
const REALTIME_END = '<!-- realtime end -->';
const NOTES_MARKER = '<!-- Hand-written notes below this line';

/** Puts the realtime section into RESULTS.md, before the hand-written notes, replacing an older one. */
export async function writeRealtimeSection(
  resultsPath: string,
  results: readonly RealtimeResult[],
): Promise<void> {
  const previous = existsSync(resultsPath) ? readFileSync(resultsPath, 'utf8') : '';
  const section = realtimeSection(results);
  let text: string;
  const start = previous.indexOf(REALTIME_START);
  const end = previous.indexOf(REALTIME_END);
  if (start >= 0 && end > start) {
    text = previous.slice(0, start) + section + previous.slice(end + REALTIME_END.length);
  } else if (previous.includes(NOTES_MARKER)) {
    const at = previous.indexOf(NOTES_MARKER);
    text = `${previous.slice(0, at)}${section}\n\n${previous.slice(at)}`;
  } else {
    text = `${previous.trimEnd()}\n\n${section}\n`;
  }
  // Tables aligned the way the rest of the file is (and `pnpm check` wants).
  const config = (await resolveConfig(resultsPath)) ?? {};
  writeFileSync(resultsPath, await format(text, { ...config, parser: 'markdown' }));
}

/** `pnpm bench` runs this through benchRealtime; run alone, it builds the server first. */
async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      subscribers: { type: 'string', default: '1000,5000' },
      writes: { type: 'string', default: '20' },
      pg: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432' },
      write: { type: 'boolean', default: false },
    },
  });
  spawnSync('pnpm', ['exec', 'tsc', '-b', 'packages/server'], { cwd: ROOT, stdio: 'inherit' });
  const results = await benchRealtime(
    args.pg,
    args.subscribers.split(',').map(Number),
    Number(args.writes),
  );
  if (args.write) await writeRealtimeSection(join(__dirname, 'RESULTS.md'), results);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
