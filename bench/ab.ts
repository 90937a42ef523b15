// A/B of two server builds on one database, for changes too small to see in one `pnpm bench`
// on a shared machine: both builds run side by side, each operation is loaded on them in
// alternating order for several rounds, and it prints req/s and server CPU ms/request per run and
// the median B/A ratios. It first checks that both answer every request body with the same bytes.
// A build is a copy of packages/server/dist one level below packages/server (so that its
// migrations and node_modules resolve): `cp -r packages/server/dist packages/server/dist-a`.
//
//   pnpm exec tsx --tsconfig packages/server/tsconfig.json bench/ab.ts \
//       --a packages/server/dist-a/main.js --b packages/server/dist/main.js [--database dateline_bench_100k]
//       [--operations feed,feed-vars,entity,entity-vars,upcoming,upcoming-vars] [--rounds 3]
//       [--duration 6] [--warmup 2] [--connections 32] [--entity 1] [--as-of 2025-03-01]
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { operations, type Fixture } from './operations';
import { cpuMs, serverEnv, startServer, stopServer, type Started } from './processes';
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

/** Starts a build's server (`main`) on the bench database. */
function start(main: string, flags: string): Promise<Started> {
  return startServer(main, [...flags.split(' ').filter(Boolean), resolve(main)], serverEnv(url));
}

async function load(server: Started, bodies: string[], seconds: number) {
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
  return {
    rps: result.requests.average,
    cpu: (cpuMs(server.child.pid) - before) / Math.max(1, result.requests.total),
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
  const a = await start(args.a!, args['node-flags-a']);
  const b = await start(args.b!, args['node-flags-b']);
  try {
    for (const [key, bodies] of cases) {
      for (const body of bodies.slice(0, 40)) {
        const [fromA, fromB] = await Promise.all([text(a, body), text(b, body)]);
        if (fromA !== fromB) {
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
    const results = new Map<string, { a: number[]; b: number[]; ca: number[]; cb: number[] }>();
    for (let round = 0; round < Number(args.rounds); round += 1) {
      for (const [key, bodies] of cases) {
        const entry = results.get(key) ?? { a: [], b: [], ca: [], cb: [] };
        results.set(key, entry);
        const order = round % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const);
        for (const which of order) {
          const server = which === 'a' ? a : b;
          await load(server, bodies, Number(args.warmup));
          const measured = await load(server, bodies, Number(args.duration));
          entry[which].push(measured.rps);
          entry[which === 'a' ? 'ca' : 'cb'].push(measured.cpu);
          process.stderr.write(
            `round ${round + 1} ${key} ${which}: ${measured.rps.toFixed(0)} req/s, ${measured.cpu.toFixed(2)} ms CPU/request\n`,
          );
        }
      }
    }
    for (const [key, entry] of results) {
      const ratios = entry.a.map((value, index) => entry.b[index]! / value);
      const cpuRatios = entry.ca.map((value, index) => entry.cb[index]! / value);
      console.log(
        `${key}: A ${entry.a.map((v) => v.toFixed(0)).join('/')} req/s (${entry.ca.map((v) => v.toFixed(2)).join('/')} ms), ` +
          `B ${entry.b.map((v) => v.toFixed(0)).join('/')} req/s (${entry.cb.map((v) => v.toFixed(2)).join('/')} ms); ` +
          `B/A req/s median ${median(ratios).toFixed(2)} [${ratios.map((r) => r.toFixed(2)).join(' ')}], ` +
          `CPU/request B/A median ${median(cpuRatios).toFixed(2)}`,
      );
    }
  } finally {
    await Promise.all([a, b].map((server) => stopServer(server.child)));
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
