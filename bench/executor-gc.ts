// Where a feed request's garbage collection comes from: the feed (bench/operations/feed.graphql)
// run in-process, one request at a time, on the bench database, four ways: the compiled executor
// called directly as Apollo's gateway interface calls it, the same executor through Apollo
// Server's executeOperation, the same again with what the request holds dropped after each
// answer (shared/context releaseAfterResponse, as the HTTP handler does), and Apollo Server with
// its own graphql-js executor. For each it
// prints CPU ms per request and, from V8's --trace-gc-nvp lines, the bytes allocated per request
// and the share of them still alive at the next scavenge (each one copied, then promoted to the
// old generation). Sequential requests keep almost nothing alive between scavenges, so a high
// share means something holds on to what earlier requests allocated until a full collection.
//
//   pnpm exec tsx --tsconfig packages/server/tsconfig.json bench/executor-gc.ts \
//       [--database dateline_bench_100k] [--requests 800] [--node-flags=--max-semi-space-size=64]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type * as ApolloModule from '../packages/server/node_modules/@apollo/server';
import type { GraphQLRequest } from '../packages/server/node_modules/@apollo/server';
import type * as ApolloDisabledModule from '../packages/server/node_modules/@apollo/server/plugin/disabled';
import { parse } from 'graphql';
import { pino } from 'pino';
import { createContainer } from '../packages/server/src/container';
import { openDatabase } from '../packages/server/src/db/client';
import { compiledExecution } from '../packages/server/src/graphql/compiled-execution';
import { releaseAfterResponse, type RequestContext } from '../packages/server/src/shared/context';

const ways = [
  'gateway-executor',
  'apollo-compiled',
  'apollo-compiled-released',
  'apollo-graphql-js',
] as const;
type Way = (typeof ways)[number];

const { values: args } = parseArgs({
  options: {
    database: { type: 'string', default: 'dateline_bench_100k' },
    pg: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432' },
    requests: { type: 'string', default: '800' },
    'node-flags': { type: 'string', default: '' },
    way: { type: 'string' },
  },
});

// Apollo Server is the server package's dependency, not the workspace root's.
type Apollo = typeof ApolloModule;
type ApolloDisabled = typeof ApolloDisabledModule;
const serverRequire = createRequire(join(__dirname, '../packages/server/package.json'));
const { ApolloServer } = serverRequire('@apollo/server') as Apollo;
const { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } =
  serverRequire('@apollo/server/plugin/disabled') as ApolloDisabled;

const document = readFileSync(join(__dirname, 'operations', 'feed.graphql'), 'utf8');
const request: GraphQLRequest = { query: document, operationName: 'BenchFeed', variables: {} };

/** Child: runs the feed `requests` times one way and prints CPU ms per request. */
async function runWay(way: Way): Promise<void> {
  const database = await openDatabase({
    databaseUrl: `${args.pg}/${args.database}`,
    dataDir: '',
  });
  const container = await createContainer(database.db);
  const logger = pino({ level: 'warn' });
  const context = (): RequestContext =>
    container.createContext({ requestId: 'bench', logger, viewer: null, clientAddress: '::1' });
  let once: () => Promise<unknown>;
  let apollo: InstanceType<typeof ApolloServer<RequestContext>> | undefined;
  if (way === 'gateway-executor') {
    // What Apollo Server hands the executor, less what the compiled executor does not read.
    const { executor } = await compiledExecution(container.schema).load({
      apollo: { keyHash: undefined, graphRef: undefined },
    });
    if (!executor) throw new Error('the gateway gave no executor');
    const parsed = parse(document);
    once = () =>
      executor({
        document: parsed,
        request,
        context: context(),
      } as unknown as Parameters<NonNullable<typeof executor>>[0]);
  } else {
    apollo = new ApolloServer<RequestContext>({
      ...(way === 'apollo-graphql-js'
        ? { schema: container.schema }
        : { gateway: compiledExecution(container.schema) }),
      plugins: [ApolloServerPluginCacheControlDisabled(), ApolloServerPluginLandingPageDisabled()],
    });
    await apollo.start();
    const server = apollo;
    once = async () => {
      const contextValue = context();
      await server.executeOperation(request, { contextValue });
      // What graphql/http-handler does once a response is written.
      if (way === 'apollo-compiled-released') releaseAfterResponse(contextValue);
    };
  }
  const requests = Number(args.requests);
  for (let i = 0; i < 100; i += 1) await once();
  process.stdout.write('MEASURE\n');
  const before = process.cpuUsage();
  for (let i = 0; i < requests; i += 1) await once();
  const used = process.cpuUsage(before);
  process.stdout.write(`CPU ${(used.user + used.system) / 1000 / requests}\n`);
  await apollo?.stop();
  await database.close();
}

/** Parent: runs each way in a child under --trace-gc-nvp and sums its scavenges. */
async function measure(way: Way): Promise<string> {
  const child = spawn(
    process.execPath,
    [
      '--trace-gc-nvp',
      ...args['node-flags'].split(' ').filter(Boolean),
      '--import',
      'tsx',
      __filename,
      ...process.argv.slice(2),
      '--way',
      way,
    ],
    {
      env: {
        ...process.env,
        TSX_TSCONFIG_PATH: join(__dirname, '../packages/server/tsconfig.json'),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => void (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`${way} exited with ${code}`);
  const measured = out.slice(out.indexOf('MEASURE\n'));
  let allocated = 0;
  let survived = 0;
  let pause = 0;
  for (const line of measured.split('\n')) {
    if (!/\bgc=s\b/.test(line)) continue;
    const field = (name: string) => Number(new RegExp(`\\b${name}=([\\d.]+)`).exec(line)?.[1] ?? 0);
    allocated += field('allocated');
    survived += field('new_space_survived');
    pause += field('pause');
  }
  const requests = Number(args.requests);
  const cpu = Number(/^CPU (\S+)$/m.exec(measured)?.[1]);
  return (
    `${way}: ${cpu.toFixed(3)} ms CPU/request, ${(allocated / requests / 1024).toFixed(0)} KB allocated/request, ` +
    `${allocated > 0 ? ((survived / allocated) * 100).toFixed(1) : '?'} % survived a scavenge, ` +
    `scavenges ${(pause / requests).toFixed(3)} ms/request`
  );
}

async function main(): Promise<void> {
  if (args.way) {
    if (!ways.includes(args.way as Way)) throw new Error(`--way is one of ${ways.join(', ')}`);
    await runWay(args.way as Way);
    return;
  }
  for (const way of ways) console.log(await measure(way));
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
