// Runs the real `dateline` CLI against a server's storage.
import { execFile, spawn } from 'node:child_process';
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

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with `input` on stdin (none when absent) and returns what it did, failing or not. */
export function datelineRun(
  storage: ServerStorage | { env: Record<string, string> },
  args: string[],
  input?: string | Buffer,
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--enable-source-maps', path.join('dist', 'cli.js'), ...args],
      {
        cwd: serverDir,
        env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'warn', ...storage.env },
      },
    );
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      }),
    );
    child.stdin.end(input ?? '');
  });
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
