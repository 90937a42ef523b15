// Builds the published package: CommonJS (dist/cjs) and ES modules (dist/esm), each with its own
// declarations, from two runs of tsc over the same sources. No bundler: what ships is tsc's
// output file for file, so declarations and code cannot disagree and ESM consumers tree-shake.
import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

// The build info lives in dist too, so this also makes both builds start from nothing.
rmSync(dist, { recursive: true, force: true });

for (const config of ['tsconfig.build.json', 'tsconfig.esm.json']) {
  execFileSync(process.execPath, [tsc, '-p', path.join(root, config)], { stdio: 'inherit' });
}

// Each half says what it is, so Node and TypeScript read dist/esm as ES modules whatever the
// package's own "type".
writeFileSync(path.join(dist, 'esm', 'package.json'), '{ "type": "module" }\n');
writeFileSync(path.join(dist, 'cjs', 'package.json'), '{ "type": "commonjs" }\n');

// tsc rewrites `./x.ts` to `./x.js` in JavaScript but keeps `.ts` in declarations, which
// TypeScript before 5.0 and some declaration tools reject.
for (const entry of readdirSync(dist, { recursive: true })) {
  const file = path.join(dist, String(entry));
  if (!file.endsWith('.d.ts')) continue;
  const text = readFileSync(file, 'utf8');
  const rewritten = text.replace(/(from\s+['"]\.{1,2}\/[^'"]+)\.ts(['"])/g, '$1.js$2');
  if (rewritten !== text) writeFileSync(file, rewritten);
}

// The SDL, for teams that run their own codegen: `@dateline/sdk/schema.graphql`.
copyFileSync(path.join(root, '..', 'schema', 'schema.graphql'), path.join(dist, 'schema.graphql'));
