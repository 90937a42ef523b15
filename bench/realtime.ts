// `pnpm exec tsx bench/realtime.ts [--subscribers 1000,5000] [--writes 20]`: two Dateline
// instances on one PostgreSQL database, subscribers spread over both, a burst of concurrent
// writes on one of them. Reports, per subscriber count, the delivery latency from sending the
// write to each subscriber receiving it (p50/p99, so it includes the write itself), lost and
// duplicated events, and the servers' resident memory per subscriber.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

const ROOT = join(__dirname, '..');
const { values: args } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '1000,5000' },
    writes: { type: 'string', default: '20' },
    pg: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432' },
  },
});
const counts = args.subscribers.split(',').map(Number);
const writes = Number(args.writes);
const database = `dateline_bench_realtime_${process.pid}`;
const url = `${args.pg}/${database}`;

interface Server {
  url: string;
  child: ChildProcess;
}

function start(): Promise<Server> {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', 'src/main.ts'], {
    cwd: join(ROOT, 'packages/server'),
    env: {
      PATH: process.env['PATH'] ?? '',
      PORT: '0',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      DATABASE_URL: url,
      DATELINE_RATE_LIMIT: '0',
      DATELINE_WS_SUBSCRIPTIONS_PER_KEY: '100000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Dateline GraphQL API: (\S+)/.exec(output);
      if (match) resolve({ url: match[1] as string, child });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

function createKey(): string {
  const result = spawnSync(
    process.execPath,
    ['--require', 'tsx/cjs', 'src/cli.ts', 'keys', 'create', '--role', 'editor', '--name', 'bench'],
    {
      cwd: join(ROOT, 'packages/server'),
      env: { PATH: process.env['PATH'] ?? '', DATABASE_URL: url, LOG_LEVEL: 'warn' },
    },
  );
  const match = /Key \(shown only now; store it safely\): (\S+)/.exec(result.stdout.toString());
  if (!match) throw new Error(result.stderr.toString());
  return match[1] as string;
}

async function main(): Promise<void> {
  spawnSync('psql', [args.pg + '/postgres', '-c', `create database ${database}`]);
  const servers = [await start(), await start()];
  const key = createKey();
  let serial = 0;
  try {
    for (const count of counts) {
      const before = servers.map((server) => rssBytes(server.child.pid as number));
      // One connection per 50 subscriptions, as a real fan-out of browser tabs would not share.
      const arrivals = new Map<string, number[]>();
      const clients: Client[] = [];
      let taken = 0;
      for (let index = 0; index < count; index += 1) {
        if (index % 50 === 0) {
          const server = servers[clients.length % 2] as Server;
          clients.push(
            createClient({
              url: server.url.replace(/^http/, 'ws'),
              webSocketImpl: WebSocket,
              lazy: false,
              retryAttempts: 0,
            }),
          );
        }
        const client = clients[clients.length - 1] as Client;
        client.subscribe<{ articleCreated: { headline: string } }>(
          { query: 'subscription { articleCreated { headline } }' },
          {
            next: (result) => {
              const headline = result.data?.articleCreated.headline as string;
              const list = arrivals.get(headline) ?? [];
              list.push(performance.now());
              arrivals.set(headline, list);
            },
            error: (error) => console.error('subscription error', error),
            complete: () => undefined,
          },
        );
        taken += 1;
      }
      // Let every subscription be taken: the servers' counts are not exposed, so wait generously.
      await new Promise((resolve) => setTimeout(resolve, 2000 + count));
      const after = servers.map((server) => rssBytes(server.child.pid as number));
      const sent = new Map<string, number>();
      await Promise.all(
        Array.from({ length: writes }, async () => {
          serial += 1;
          const headline = `Bench article ${serial}`;
          sent.set(headline, performance.now());
          const response = await fetch(servers[0]!.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
            body: JSON.stringify({
              query:
                'mutation ($input: CreateArticleInput!) { createArticle(input: $input) { created } }',
              variables: {
                input: {
                  headline,
                  body: `${headline}: the harbour reopened.`,
                  publishedAt: '2024-04-02T08:00:00Z',
                },
              },
            }),
          });
          await response.json();
        }),
      );
      const expected = count * writes;
      const deadline = Date.now() + 60_000;
      const received = () => [...arrivals.values()].reduce((sum, list) => sum + list.length, 0);
      while (received() < expected && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const latencies: number[] = [];
      let lost = 0;
      let duplicated = 0;
      for (const [headline, at] of sent) {
        const list = arrivals.get(headline) ?? [];
        lost += Math.max(0, count - list.length);
        duplicated += Math.max(0, list.length - count);
        for (const time of list) latencies.push(time - at);
      }
      latencies.sort((a, b) => a - b);
      const perSubscriber =
        (after.reduce((sum, value) => sum + value, 0) -
          before.reduce((sum, value) => sum + value, 0)) /
        taken;
      const line = `${count} subscribers (2 instances), ${writes} concurrent writes: p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, lost ${lost}, duplicated ${duplicated}, server RSS ${(perSubscriber / 1024).toFixed(1)} kB per subscriber`;
      console.log(line);
      for (const client of clients) await client.dispose();
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  } finally {
    for (const server of servers) server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    spawnSync('psql', [args.pg + '/postgres', '-c', `drop database if exists ${database}`]);
  }
}

void main();
