import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createStorage, STARTUP_TIMEOUT_MS, type ServerStorage } from '../testkit/server';

/** Running, as opposed to gone or a zombie waiting to be reaped. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return condition();
}

let storage: ServerStorage;
beforeAll(async () => {
  storage = await createStorage();
});
afterAll(() => storage.dispose());

describe('a server started by a test', () => {
  it(
    'stops by itself when the process that started it is killed with SIGKILL',
    async () => {
      const parent = spawn(
        process.execPath,
        ['--require', 'tsx/cjs', path.join(__dirname, 'fixtures', 'start-server-then-wait.ts')],
        {
          env: { PATH: process.env['PATH'] ?? '', STORAGE_ENV: JSON.stringify(storage.env) },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      const parentExited = new Promise((resolve) => parent.once('exit', resolve));
      const serverPid = await new Promise<number>((resolve, reject) => {
        let output = '';
        parent.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /server pid (\d+)/.exec(output);
          if (match) resolve(Number(match[1]));
        });
        parent.once('exit', (code) => reject(new Error(`parent exited with ${code}: ${output}`)));
      });
      expect(isRunning(serverPid)).toBe(true);

      parent.kill('SIGKILL');
      await parentExited;

      const gone = await waitUntil(() => !isRunning(serverPid), 60_000);
      if (!gone) process.kill(serverPid, 'SIGKILL');
      expect(gone).toBe(true);
    },
    STARTUP_TIMEOUT_MS + 90_000,
  );
});
