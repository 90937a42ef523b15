// Runs the real `dateline` CLI against a server's storage.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ServerStorage } from './server';

const serverDir = path.join(__dirname, '..', '..', 'packages', 'server');

export async function dateline(storage: ServerStorage, ...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    // The build, like the server's (see serverEntry): no TypeScript transpiling on each run.
    ['--enable-source-maps', path.join('dist', 'cli.js'), ...args],
    {
      cwd: serverDir,
      env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'warn', ...storage.env },
    },
  );
  return stdout;
}

/** Creates an API key with the CLI and returns it. */
export async function createKey(
  storage: ServerStorage,
  role: string,
  name: string,
): Promise<string> {
  const output = await dateline(storage, 'keys', 'create', '--role', role, '--name', name);
  const match = /Key \(shown only now; store it safely\): (\S+)/.exec(output);
  if (!match) throw new Error(`no key in CLI output:\n${output}`);
  return match[1] as string;
}
