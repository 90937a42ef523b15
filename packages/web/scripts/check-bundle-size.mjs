// The Newsroom's first-load budget: the JavaScript that dist/index.html loads before anything
// else (its entry script and the chunks it preloads), gzipped, must stay within BUDGET_BYTES.
// Run after `vite build`; exits 1 when over budget or when there is no build.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 200 * 1024;
const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const page = path.join(dist, 'index.html');
if (!existsSync(page)) {
  console.error(`No build at ${page}: run "pnpm --filter @dateline/web build" first.`);
  process.exit(1);
}

const html = readFileSync(page, 'utf8');
const scripts = new Set();
for (const match of html.matchAll(/<script[^>]*\ssrc="([^"]+\.js)"/g)) scripts.add(match[1]);
for (const match of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g))
  scripts.add(match[1]);
if (scripts.size === 0) {
  console.error('dist/index.html loads no script: the build is not what this check expects.');
  process.exit(1);
}

let total = 0;
for (const src of scripts) {
  const bytes = gzipSync(readFileSync(path.join(dist, src.replace(/^\//, '')))).length;
  total += bytes;
  console.log(`${(bytes / 1024).toFixed(1).padStart(7)} kB  ${src}`);
}
const verdict = total <= BUDGET_BYTES ? 'within' : 'OVER';
console.log(
  `${(total / 1024).toFixed(1).padStart(7)} kB  first-load JavaScript, gzipped: ${verdict} the ${BUDGET_BYTES / 1024} kB budget`,
);
process.exit(total <= BUDGET_BYTES ? 0 : 1);
