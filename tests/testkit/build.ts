// jest globalSetup: brings the server build (packages/server/dist) up to date once before any
// test starts it, so that `jest` alone runs the current code as `pnpm test` (tsc -b first) does.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function buildServer(): void {
  const root = path.join(__dirname, '..', '..');
  // Incremental: a no-op check when `pnpm test` has just built everything.
  execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-b', path.join(root, 'packages', 'server')],
    { cwd: root, stdio: 'inherit' },
  );
}
