// The SDK as npm users get it: packed with pnpm, installed with npm into a project outside the
// workspace, then run as an ES module and as CommonJS against the real server, and type-checked
// by tsc --strict as a TypeScript consumer would (including code that must not compile).
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createStorage,
  startServer,
  type ServerProcess,
  type ServerStorage,
} from '../testkit/server';

const sdkDir = path.join(__dirname, '..', '..', 'packages', 'sdk');
const bin = (name: string): string => path.join(sdkDir, 'node_modules', '.bin', name);
const tsc = require.resolve('typescript/bin/tsc');

// Scripts a user would write from the README; they print what they found as JSON.
const SCRIPT_BODY = `
const url = process.env.DATELINE_URL;
const dateline = createClient({ url });
const { entities } = await dateline.entities({ search: 'Mosery', kinds: ['PERSON'] });
const speaker = entities.nodes[0];
const quotes = [];
for await (const quote of dateline.paginate.quotes({ speaker: speaker.id })) quotes.push(quote.text);
const pending = [];
for await (const deadline of dateline.paginate.deadlines({ statuses: ['PENDING'] })) {
  pending.push(deadline.dueOn + ' ' + deadline.description);
}
let code;
try {
  await dateline.article({ id: '%%%' });
} catch (error) {
  code = error instanceof DatelineError && error.code === ErrorCode.InvalidId ? error.code : String(error);
}
`;

const ESM_SCRIPT = `import { createClient, DatelineError, ErrorCode, QuotesDocument } from '@dateline/sdk';
import { Client, cacheExchange, fetchExchange } from '@urql/core';
${SCRIPT_BODY}
// urql sends queries as GET by default, which Apollo Server's CSRF protection refuses.
const urql = new Client({ url, exchanges: [cacheExchange, fetchExchange], preferGetMethod: false });
const viaUrql = await urql.query(QuotesDocument, { speaker: speaker.id }).toPromise();
console.log(JSON.stringify({
  resolved: import.meta.resolve('@dateline/sdk'),
  speaker: speaker.name, quotes, pending, code,
  urql: viaUrql.data?.quotes.totalCount ?? viaUrql.error?.message,
}));
`;

const CJS_SCRIPT = `const { createClient, DatelineError, ErrorCode } = require('@dateline/sdk');
(async () => {
${SCRIPT_BODY}
  console.log(JSON.stringify({
    resolved: require.resolve('@dateline/sdk'),
    speaker: speaker.name, quotes, pending, code,
  }));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
`;

const CONSUMER_ESM = `import { Client as UrqlClient, cacheExchange, fetchExchange } from '@urql/core';
import {
  createClient,
  DatelineError,
  ErrorCode,
  isDatelineError,
  QuotesDocument,
  type DeadlineStatus,
  type QuotesQuery,
  type QuotesQueryVariables,
} from '@dateline/sdk';

// A key that may be missing (process.env.X), passed as is under exactOptionalPropertyTypes.
declare const apiKey: string | undefined;

const dateline = createClient({
  url: 'http://127.0.0.1:4000/graphql',
  apiKey,
  timeoutMs: 5_000,
  retries: { max: 3, baseDelayMs: 200 },
});

export async function quotesBy(name: string): Promise<string[]> {
  const { entities } = await dateline.entities({ search: name, kinds: ['PERSON'] });
  const speaker = entities.nodes[0];
  if (!speaker) return [];
  const lines: string[] = [];
  for await (const quote of dateline.paginate.quotes({ speaker: speaker.id })) {
    lines.push(\`\${quote.text} (\${quote.channel ?? 'unknown'}, via \${quote.via?.name ?? 'nobody'})\`);
  }
  return lines;
}

export async function pending(signal: AbortSignal): Promise<{ due: string; what: string }[]> {
  const statuses: DeadlineStatus[] = ['PENDING'];
  const list: { due: string; what: string }[] = [];
  for await (const deadline of dateline.paginate.deadlines({ statuses }, { signal })) {
    list.push({ due: deadline.dueOn, what: deadline.description });
  }
  return list;
}

export function explain(error: unknown): string {
  if (error instanceof DatelineError) {
    if (error.code === ErrorCode.Unauthenticated) return 'check the API key';
    if (error.kind === 'timeout') return 'the server is slow';
    return \`\${error.code ?? error.kind} \${error.requestId ?? ''}\`;
  }
  return isDatelineError(error) ? 'another copy of the SDK' : 'not ours';
}

const urql = new UrqlClient({
  url: 'http://127.0.0.1:4000/graphql',
  exchanges: [cacheExchange, fetchExchange],
  preferGetMethod: false,
});

export async function viaUrql(speaker: string): Promise<QuotesQuery['quotes']['nodes']> {
  const variables: QuotesQueryVariables = { speaker, first: 5 };
  const result = await urql.query(QuotesDocument, variables).toPromise();
  return result.data?.quotes.nodes ?? [];
}
`;

const CONSUMER_CJS = `import { createClient, ErrorCode, type Client } from '@dateline/sdk';

export const client: Client = createClient({ url: 'http://127.0.0.1:4000/graphql' });
export const retryable: ErrorCode[] = [ErrorCode.RateLimited];
`;

// Every line marked "wrong" must fail to compile, and nothing else may.
const CONSUMER_WRONG = `import { Client as UrqlClient, cacheExchange, fetchExchange } from '@urql/core';
import { createClient, QuotesDocument } from '@dateline/sdk';

const dateline = createClient({ url: 'http://127.0.0.1:4000/graphql' });
const urql = new UrqlClient({ url: 'http://x/graphql', exchanges: [cacheExchange, fetchExchange] });

export const a = dateline.articles({ first: 'ten' }); // wrong: first is an Int
export const b = dateline.deadlines({ statuses: ['SOON'] }); // wrong: not a DeadlineStatus
export const c = dateline.quote({}); // wrong: id is required
export const d = dateline.paginate.quotes({ direct: 'yes' }); // wrong: direct is a Boolean
export const e = urql.query(QuotesDocument, { first: '5' }); // wrong: first is an Int
`;

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  // Leave out what pnpm puts in the environment of the test run, so npm behaves as for a user.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_)/i.test(key)),
  );
  return spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 240_000 });
}

function succeed(result: SpawnSyncReturns<string>): string {
  if (result.status !== 0) {
    throw new Error(`exit ${result.status}:\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

interface ScriptOutput {
  resolved: string;
  speaker: string;
  quotes: string[];
  pending: string[];
  code: string;
  urql?: number | string;
}

let project: string;
let tarball: string;
let storage: ServerStorage;
let server: ServerProcess;

beforeAll(async () => {
  project = mkdtempSync(path.join(tmpdir(), 'dateline-sdk-consumer-'));
  succeed(run('pnpm', ['pack', '--pack-destination', project], sdkDir));
  const packed = readdirSync(project).find((file) => file.endsWith('.tgz'));
  if (!packed) throw new Error('pnpm pack wrote no tarball');
  tarball = path.join(project, packed);

  writeFileSync(
    path.join(project, 'package.json'),
    JSON.stringify({ name: 'dateline-consumer', private: true, type: 'module' }),
  );
  succeed(
    run(
      'npm',
      ['install', '--no-audit', '--no-fund', tarball, 'graphql@^16', '@urql/core@^6'],
      project,
    ),
  );
  writeFileSync(path.join(project, 'script.mjs'), ESM_SCRIPT);
  writeFileSync(path.join(project, 'script.cjs'), CJS_SCRIPT);
  writeFileSync(path.join(project, 'consumer.mts'), CONSUMER_ESM);
  writeFileSync(path.join(project, 'consumer.cts'), CONSUMER_CJS);
  writeFileSync(path.join(project, 'wrong.mts'), CONSUMER_WRONG);
  const compilerOptions = {
    strict: true,
    exactOptionalPropertyTypes: true,
    noEmit: true,
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2022', 'DOM'],
    types: [],
  };
  writeFileSync(
    path.join(project, 'tsconfig.json'),
    JSON.stringify({ compilerOptions, files: ['consumer.mts', 'consumer.cts'] }),
  );
  writeFileSync(
    path.join(project, 'tsconfig.wrong.json'),
    JSON.stringify({ compilerOptions, files: ['wrong.mts'] }),
  );

  storage = await createStorage();
  server = await startServer(storage);
}, 300_000);

afterAll(async () => {
  await server?.stop();
  await storage?.dispose();
  if (project) rmSync(project, { recursive: true, force: true });
});

function runScript(file: string): ScriptOutput {
  const result = spawnSync(process.execPath, [file], {
    cwd: project,
    env: { PATH: process.env['PATH'] ?? '', DATELINE_URL: server.url },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(succeed(result)) as ScriptOutput;
}

const expectedFindings = {
  speaker: 'Adam Mosseri',
  quotes: [
    expect.stringContaining('far from enthused') as unknown,
    'If countries start to silo Internet within them,',
    'the risks of a fragmented Internet',
  ],
  pending: ["2020-09-20 ByteDance must sell TikTok's US business"],
  code: 'INVALID_ID',
};

describe('the packed SDK', () => {
  it('ships the builds, the SDL and the README, and none of the sources or workspace links', () => {
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
    expect(files).toEqual(
      expect.arrayContaining([
        'package/package.json',
        'package/README.md',
        'package/dist/esm/index.js',
        'package/dist/esm/index.d.ts',
        'package/dist/cjs/index.js',
        'package/dist/cjs/index.d.ts',
        'package/dist/schema.graphql',
      ]),
    );
    expect(files.filter((file) => /\/src\/|tsbuildinfo|test-types|__tests__/.test(file))).toEqual(
      [],
    );
    const manifest = readFileSync(
      path.join(project, 'node_modules', '@dateline', 'sdk', 'package.json'),
      'utf8',
    );
    expect(manifest).not.toContain('workspace:');
    expect(JSON.parse(manifest)).toMatchObject({
      peerDependencies: { graphql: '^16.0.0' },
      sideEffects: false,
    });
  });

  it('passes publint and arethetypeswrong', () => {
    expect(succeed(run(bin('publint'), ['run', tarball, '--strict'], sdkDir))).toContain(
      'All good',
    );
    const attw = run(
      bin('attw'),
      [tarball, '--format', 'ascii', '--exclude-entrypoints', './schema.graphql'],
      sdkDir,
    );
    expect(succeed(attw)).toContain('No problems found');
  });

  it('runs as an ES module: lists Mosseri’s quotes and the pending deadlines, and serves urql', () => {
    const output = runScript('script.mjs');
    expect(output.resolved).toMatch(/node_modules\/@dateline\/sdk\/dist\/esm\/index\.js$/);
    expect(output).toMatchObject(expectedFindings);
    expect(output.urql).toBe(3);
  });

  it('runs as CommonJS through require with the same results', () => {
    const output = runScript('script.cjs');
    expect(output.resolved).toMatch(/node_modules\/@dateline\/sdk\/dist\/cjs\/index\.js$/);
    expect(output).toMatchObject(expectedFindings);
  });

  it('type-checks under tsc --strict for ES module and CommonJS consumers, with urql', () => {
    const result = run(process.execPath, [tsc, '-p', 'tsconfig.json'], project);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('refuses to compile variables of the wrong type, and only those', () => {
    const result = run(process.execPath, [tsc, '-p', 'tsconfig.wrong.json'], project);
    expect(result.status).not.toBe(0);
    const failing = new Set(
      [...result.stdout.matchAll(/^wrong\.mts\((\d+),\d+\): error TS\d+/gm)].map((match) =>
        Number(match[1]),
      ),
    );
    const marked = CONSUMER_WRONG.split('\n').flatMap((line, index) =>
      line.includes('// wrong') ? [index + 1] : [],
    );
    expect([...failing].sort((x, y) => x - y)).toEqual(marked);
  });

  it('exports the SDL for teams that run their own codegen', () => {
    const shipped = readFileSync(
      path.join(project, 'node_modules', '@dateline', 'sdk', 'dist', 'schema.graphql'),
      'utf8',
    );
    const resolved = succeed(
      run(process.execPath, ['-p', "require.resolve('@dateline/sdk/schema.graphql')"], project),
    ).trim();
    expect(resolved).toMatch(/dist\/schema\.graphql$/);
    expect(shipped).toBe(readFileSync(path.join(sdkDir, '..', 'schema', 'schema.graphql'), 'utf8'));
  });

  it('keeps the client core under 10 kB minified and gzipped, and prints the sizes', () => {
    const output = succeed(run(process.execPath, ['scripts/size.mjs'], sdkDir));
    console.log(output);
    expect(output).toMatch(
      /client core .*: [\d.]+ kB minified, [\d.]+ kB gzip \(budget 10\.0 kB\)/,
    );
  });
});
