// Compares schema.graphql with the one at a base revision (origin/main when it exists, else the
// last commit) and fails on breaking changes that are not acknowledged in breaking-changes.json.
// Usage: node scripts/check-breaking.mjs [--base <git revision>]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';

const here = path.dirname(fileURLToPath(import.meta.url));
const packageDir = path.join(here, '..');
const schemaFile = path.join(packageDir, 'schema.graphql');

function git(...args) {
  return execFileSync('git', args, {
    cwd: packageDir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}

function revisionExists(revision) {
  try {
    git('rev-parse', '--verify', '--quiet', `${revision}^{commit}`);
    return true;
  } catch {
    return false;
  }
}

const baseFlag = process.argv.indexOf('--base');
const base =
  baseFlag >= 0
    ? process.argv[baseFlag + 1]
    : revisionExists('origin/main')
      ? 'origin/main'
      : 'HEAD';

let baseSdl;
try {
  const repoPath = path.relative(git('rev-parse', '--show-toplevel').trim(), schemaFile);
  baseSdl = git('show', `${base}:${repoPath.split(path.sep).join('/')}`);
} catch {
  console.log(`No schema.graphql at ${base}; nothing to compare.`);
  process.exit(0);
}

const acknowledged = JSON.parse(
  readFileSync(path.join(packageDir, 'breaking-changes.json'), 'utf8'),
);
const allowed = new Set(acknowledged.changes.map((change) => change.path));

const changes = await diff(buildSchema(baseSdl), buildSchema(readFileSync(schemaFile, 'utf8')));
const breaking = changes.filter((change) => change.criticality.level === CriticalityLevel.Breaking);
const unacknowledged = breaking.filter((change) => !allowed.has(change.path));

for (const change of breaking) {
  const mark = allowed.has(change.path) ? 'acknowledged' : 'BREAKING';
  console.log(`${mark}: ${change.message} (${change.path})`);
}
if (unacknowledged.length > 0) {
  console.error(
    `\n${unacknowledged.length} breaking change(s) against ${base}. Keep the old fields (deprecate them), ` +
      'or, when the break is intended, list each path with a reason in packages/schema/breaking-changes.json.',
  );
  process.exit(1);
}
console.log(
  `No unacknowledged breaking changes against ${base} (${changes.length} change(s) in all).`,
);
