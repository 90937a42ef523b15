// Prints the minified + gzipped size of what a browser bundle pays for the SDK, graphql excluded
// (an app that speaks GraphQL has it already), and fails when a case passes its budget. Run by
// `pnpm check`.
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUDGET_BYTES = 10_000;
const ONE_QUERY_BUDGET_BYTES = 8_000;

const entries = [
  {
    name: 'client core (transport, errors, retries, pagination)',
    code: `export { createTransport } from './src/core/transport.ts';
export { DatelineError, isDatelineError } from './src/core/errors.ts';
export { paginate } from './src/core/paginate.ts';`,
    budget: BUDGET_BYTES,
  },
  {
    name: 'one operation function (quotes) on a transport, as a one-query app imports it',
    code: `export { createTransport, quotes, DatelineError } from './src/index.ts';`,
    budget: ONE_QUERY_BUDGET_BYTES,
  },
  {
    name: 'createClient with every generated method and document',
    code: `export { createClient, DatelineError, ErrorCode } from './src/index.ts';`,
  },
  {
    name: 'one TypedDocumentNode (quotes), as Apollo Client or urql users import it',
    code: `export { QuotesDocument } from './src/index.ts';`,
  },
];

let over = false;
for (const entry of entries) {
  const result = await build({
    stdin: { contents: entry.code, resolveDir: root, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external: ['graphql', '@graphql-typed-document-node/core'],
    write: false,
    logLevel: 'error',
  });
  const code = result.outputFiles[0].contents;
  const gzip = gzipSync(code, { level: 9 }).length;
  const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
  const verdict =
    entry.budget === undefined
      ? ''
      : gzip <= entry.budget
        ? ` (budget ${kb(entry.budget)})`
        : ` OVER BUDGET ${kb(entry.budget)}`;
  if (entry.budget !== undefined && gzip > entry.budget) over = true;
  console.log(`${entry.name}: ${kb(code.length)} minified, ${kb(gzip)} gzip${verdict}`);
}
process.exit(over ? 1 : 0);
