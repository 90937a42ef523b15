// The server processes the benchmarks start, stop and measure: one way to do each for every
// bench script (Linux: CPU time and memory are read from /proc).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_GROONGA_URL } from '../packages/server/src/env';

const ROOT = join(__dirname, '..');

export interface Started {
  child: ChildProcess;
  url: string;
  /** From spawning to the URL on stdout. */
  ms: number;
}

/**
 * Spawns `node <nodeArgs>` with exactly `env` (from the repository root unless `cwd` says
 * otherwise) and resolves with the URL the server prints on stdout; rejects with its stderr if
 * it exits first or prints none within 120 s.
 */
/**
 * The environment a benchmarked Dateline server runs with: production mode, no rate limit, no
 * sample article, any free port, on `databaseUrl`; `extra` adds or overrides.
 */
/** The Groonga server benchmarks use with DATELINE_SEARCH=groonga (DATELINE_GROONGA_URL). */
export function groongaOptions(): { url: string; timeoutMs: number } {
  return {
    url: process.env['DATELINE_GROONGA_URL'] ?? DEFAULT_GROONGA_URL,
    timeoutMs: 30_000,
  };
}

export function serverEnv(databaseUrl: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NODE_ENV: 'production',
    DATELINE_RATE_LIMIT: '0',
    DATELINE_SEED_SAMPLE: 'false',
    PORT: '0',
    ...extra,
  };
}

export function startServer(
  label: string,
  nodeArgs: string[],
  env: NodeJS.ProcessEnv,
  cwd = ROOT,
): Promise<Started> {
  const started = performance.now();
  const child = spawn(process.execPath, nodeArgs, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${label} did not print its URL within 120 s\n${stderr}`));
    }, 120_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /: (http:\/\/\S+)/.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        child.stdout?.removeAllListeners('data');
        child.stdout?.resume();
        resolve({ child, url: match[1], ms: performance.now() - started });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited with ${code} before it was ready\n${stderr}`));
    });
  });
}

/** Stops a server with SIGTERM (SIGKILL after 10 s) and waits for it to exit. */
/** The raw-SQL limit server (bench/limit-server.ts) on the database at `url`. */
export function startLimitServer(url: string): Promise<Started> {
  return startServer('limit server', ['--import', 'tsx', join(__dirname, 'limit-server.ts')], {
    ...process.env,
    DATABASE_URL: url,
    PORT: '0',
  });
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.removeAllListeners('exit');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** CPU time (user + system) a live process has used, in ms (100 clock ticks a second). */
export function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Peak resident set size of a live process, in MB. */
export function peakRssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match?.[1] ? Number(match[1]) / 1024 : Number.NaN;
}
