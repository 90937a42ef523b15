// A/B of two server builds on one database, for changes too small to see in one `pnpm bench`
// on a shared machine: both builds run side by side, each operation is loaded on them in
// alternating order for several rounds, and it prints req/s and server CPU ms/request per run and
// the median B/A ratios, and PostgreSQL's CPU ms/request: the CPU time of the database's backends
// over the measured window (only the loaded build's backends are busy then). It first checks that
// both answer every request body with the same bytes.
// A build is a copy of packages/server/dist one level below packages/server (so that its
// migrations and node_modules resolve): `cp -r packages/server/dist packages/server/dist-a`.
//
//   pnpm exec tsx --tsconfig packages/server/tsconfig.json bench/ab.ts \
//       --a packages/server/dist-a/main.js --b packages/server/dist/main.js [--database dateline_bench_100k]
//       [--operations feed,feed-vars,entity,entity-vars,upcoming,upcoming-vars] [--rounds 3]
//       [--duration 6] [--warmup 2] [--connections 32] [--entity 1] [--as-of 2025-03-01]
// `--a limit` loads bench/limit-server.ts as A (answers compared by their data, not bytes).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { operations, type Fixture } from './operations';
import {
  cpuMs,
  serverEnv,
  startLimitServer,
  startServer,
  stopServer,
  type Started,
} from './processes';
import { drawVariables, requestBodies } from './variables';

const { values: args } = parseArgs({
  options: {
    a: { type: 'string' },
    b: { type: 'string' },
    database: { type: 'string', default: 'dateline_bench_100k' },
    pg: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432' },
    operations: {
      type: 'string',
      default: 'feed,feed-vars,entity,entity-vars,upcoming,upcoming-vars',
    },
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '6' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '32' },
    entity: { type: 'string', default: '1' },
    'as-of': { type: 'string', default: '2025-03-01' },
    'node-flags-a': { type: 'string', default: '' },
    'node-flags-b': { type: 'string', default: '' },
  },
});
const url = `${args.pg}/${args.database}`;
const fixture: Fixture = {
  entityId: Number(args.entity),
  mentionedId: Number(args.entity),
  search: '',
  asOf: args['as-of'],
  upcoming: 0,
};

/** Starts a build's server (`main`) on the bench database; `limit` starts bench/limit-server.ts. */
function start(main: string, flags: string): Promise<Started> {
  if (main === 'limit') return startLimitServer(url);
  return startServer(main, [...flags.split(' ').filter(Boolean), resolve(main)], serverEnv(url));
}

/** The answer as compared: the bytes, or only the data when one side is the limit server. */
function comparable(answer: string): string {
  if (args.a !== 'limit' && args.b !== 'limit') return answer;
  const space = answer.indexOf(' ');
  return `${answer.slice(0, space)} ${JSON.stringify(JSON.parse(answer.slice(space + 1)))}`;
}

/** The backends connected to the bench database (other than `own`) and their CPU ms so far. */
async function backendCpu(own: Client): Promise<Map<number, number>> {
  const { rows } = await own.query<{ pid: number }>(
    `select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
  );
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      cpu.set(pid, cpuMs(pid));
    } catch {
      // Gone since the query.
    }
  }
  return cpu;
}

/** CPU ms the database's backends spent from `before` to now (a backend started since counts from 0). */
async function backendCpuSince(own: Client, before: Map<number, number>): Promise<number> {
  let total = 0;
  for (const [pid, ms] of await backendCpu(own)) total += ms - (before.get(pid) ?? 0);
  return total;
}

async function load(server: Started, bodies: string[], seconds: number, own: Client) {
  const pgBefore = await backendCpu(own);
  const before = cpuMs(server.child.pid);
  const result = await autocannon({
    url: server.url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request: autocannon.Request) => ({
          ...request,
          body: bodies[Math.floor(Math.random() * bodies.length)],
        }),
      },
    ],
    connections: Number(args.connections),
    duration: seconds,
  });
  if (result.errors + result.timeouts + result.non2xx > 0) throw new Error('failed requests');
  const requests = Math.max(1, result.requests.total);
  return {
    rps: result.requests.average,
    cpu: (cpuMs(server.child.pid) - before) / requests,
    pg: (await backendCpuSince(own, pgBefore)) / requests,
  };
}

async function text(server: Started, body: string): Promise<string> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return `${response.status} ${await response.text()}`;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function main() {
  const wanted = args.operations.split(',');
  const cases = new Map<string, string[]>();
  for (const operation of operations) {
    if (!wanted.includes(operation.key)) continue;
    cases.set(operation.key, [
      JSON.stringify({
        operationName: operation.operationName,
        query: operation.document,
        variables: operation.variables(fixture),
      }),
    ]);
  }
  const variableKeys = wanted.filter((key) => key.endsWith('-vars')).map((key) => key.slice(0, -5));
  if (variableKeys.length > 0) {
    for (const run of await drawVariables(url, variableKeys)) {
      cases.set(`${run.operation.key}-vars`, requestBodies(run));
    }
  }
  const own = new Client({ connectionString: url });
  await own.connect();
  const a = await start(args.a!, args['node-flags-a']);
  const b = await start(args.b!, args['node-flags-b']);
  try {
    for (const [key, bodies] of cases) {
      for (const body of bodies.slice(0, 40)) {
        const [fromA, fromB] = await Promise.all([text(a, body), text(b, body)]);
        if (comparable(fromA) !== comparable(fromB)) {
          throw new Error(
            `${key}: builds differ\nA: ${fromA.slice(0, 400)}\nB: ${fromB.slice(0, 400)}`,
          );
        }
        if (!fromA.startsWith('200 ') || fromA.includes('"errors"')) {
          throw new Error(`${key}: error answer ${fromA.slice(0, 400)}`);
        }
      }
    }
    process.stderr.write('both builds answer the same bytes\n');
    type Runs = {
      a: number[];
      b: number[];
      ca: number[];
      cb: number[];
      pa: number[];
      pb: number[];
    };
    const results = new Map<string, Runs>();
    for (let round = 0; round < Number(args.rounds); round += 1) {
      for (const [key, bodies] of cases) {
        const entry = results.get(key) ?? { a: [], b: [], ca: [], cb: [], pa: [], pb: [] };
        results.set(key, entry);
        const order = round % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const);
        for (const which of order) {
          const server = which === 'a' ? a : b;
          await load(server, bodies, Number(args.warmup), own);
          const measured = await load(server, bodies, Number(args.duration), own);
          entry[which].push(measured.rps);
          entry[which === 'a' ? 'ca' : 'cb'].push(measured.cpu);
          entry[which === 'a' ? 'pa' : 'pb'].push(measured.pg);
          process.stderr.write(
            `round ${round + 1} ${key} ${which}: ${measured.rps.toFixed(0)} req/s, ${measured.cpu.toFixed(2)} ms CPU/request, PostgreSQL ${measured.pg.toFixed(2)} ms\n`,
          );
        }
      }
    }
    for (const [key, entry] of results) {
      const ratios = entry.a.map((value, index) => entry.b[index]! / value);
      const cpuRatios = entry.ca.map((value, index) => entry.cb[index]! / value);
      const pgRatios = entry.pa.map((value, index) => entry.pb[index]! / value);
      console.log(
        `${key}: A ${entry.a.map((v) => v.toFixed(0)).join('/')} req/s (${entry.ca.map((v) => v.toFixed(2)).join('/')} ms), ` +
          `B ${entry.b.map((v) => v.toFixed(0)).join('/')} req/s (${entry.cb.map((v) => v.toFixed(2)).join('/')} ms); ` +
          `B/A req/s median ${median(ratios).toFixed(2)} [${ratios.map((r) => r.toFixed(2)).join(' ')}], ` +
          `CPU/request B/A median ${median(cpuRatios).toFixed(2)}; ` +
          `PostgreSQL ms/request A ${median(entry.pa).toFixed(2)} B ${median(entry.pb).toFixed(2)}, B/A median ${median(pgRatios).toFixed(2)}`,
      );
    }
  } finally {
    await Promise.all([a, b].map((server) => stopServer(server.child)));
    await own.end();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
