// Runs the README's shell commands, taken from the README itself, in order, on a fresh clone of
// the repository, so the README cannot drift from what works. It runs in the embedded-database
// pass only (see jest.config.js): the README's commands use the embedded database, and a second
// run against PostgreSQL would repeat the same minutes of building for nothing new.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const repo = path.join(__dirname, '..', '..');
const readme = readFileSync(path.join(repo, 'README.md'), 'utf8');

/** Commands not run, each with the reason. Everything else in a ```sh block runs. */
const NOT_RUN: Record<string, string> = {
  'npx -y pnpm@12.4.2 install && npx -y pnpm@12.4.2 test':
    'runs this whole test suite, this test included',
  'TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx -y pnpm@12.4.2 test':
    'runs this whole test suite against a PostgreSQL server',
  'export DATELINE_API_KEY=dl_…   # the key printed above':
    'a placeholder for the key; the test exports the key `keys create` printed',
  'cat body.txt | npx -y pnpm@12.4.2 dateline ingest - --published-at 2024-05-01 --url https://…':
    'a placeholder URL',
};

/** The README's sh blocks as commands (continued lines joined), in order. */
function readmeCommands(): string[] {
  const commands: string[] = [];
  for (const match of readme.matchAll(/^```sh\n([\s\S]*?)^```$/gm)) {
    const joined = (match[1] as string).replace(/\\\n\s*/g, '');
    for (const line of joined.split('\n')) if (line.trim() !== '') commands.push(line.trim());
  }
  return commands;
}

/** What the README shows after a command, checked in its output. */
const EXPECTED: { command: RegExp; output: RegExp }[] = [
  { command: /entities\(search: \\"Mosery\\"\)/, output: /"name":"Adam Mosseri"/ },
  { command: /keys create/, output: /Key \(shown only now; store it safely\): dl_\S+/ },
  { command: /createEntity/, output: /"aliases":\["Thomson Reuters"\]/ },
];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const RUN_TIMEOUT_MS = 600_000;

describe('the README', () => {
  let clone: string;
  let server: ChildProcess | undefined;
  beforeAll(() => {
    clone = mkdtempSync(path.join(tmpdir(), 'dateline-readme-'));
    execFileSync('git', ['clone', '--quiet', repo, clone]);
  });
  afterAll(async () => {
    // pnpm and the server under it are one process group: stop them all, and wait until the
    // output pipes close, which both hold: pnpm can exit while the server is still shutting its
    // database down, in the clone removed next.
    if (server?.pid !== undefined && server.exitCode === null) {
      const closed = new Promise((resolve) => server!.once('close', resolve));
      process.kill(-server.pid, 'SIGTERM');
      await closed;
    }
    rmSync(clone, { recursive: true, force: true });
  }, 60_000);

  it(
    'runs every shell command it shows, in order, on a fresh clone',
    async () => {
      const port = await freePort();
      const env: Record<string, string> = {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? '',
        LOG_LEVEL: 'warn',
        PORT: String(port),
      };
      // Files the ingestion examples name.
      const fixture = path.join(
        repo,
        'packages',
        'server',
        'fixtures',
        'articles-tiktok-2020-09-14.txt',
      );
      copyFileSync(fixture, path.join(clone, 'article.txt'));
      mkdirSync(path.join(clone, 'articles'));
      copyFileSync(fixture, path.join(clone, 'articles', 'one.txt'));
      writeFileSync(path.join(clone, 'body.txt'), readFileSync(fixture));

      const ran: string[] = [];
      for (const written of readmeCommands()) {
        if (written in NOT_RUN) continue;
        // The pnpm on PATH is the pinned version; installing from the shared store keeps this
        // test off the network.
        const command = written
          .replaceAll('npx -y pnpm@12.4.2 install', 'pnpm install --offline --frozen-lockfile')
          .replaceAll('npx -y pnpm@12.4.2', 'pnpm')
          .replaceAll('127.0.0.1:4000', `127.0.0.1:${port}`);
        if (/pnpm start$/.test(command)) {
          const [before] = command.split(/ && pnpm start$/);
          if (before) execFileSync('bash', ['-c', before], { cwd: clone, env, stdio: 'pipe' });
          server = spawn('pnpm', ['start'], {
            cwd: clone,
            env,
            stdio: ['ignore', 'pipe', 'pipe'],
            detached: true,
          });
          let output = '';
          await new Promise<void>((resolve, reject) => {
            server!.stdout!.on('data', (chunk: Buffer) => {
              output += chunk.toString();
              // The README shows this line.
              if (/Dateline GraphQL API: http:\/\/127\.0\.0\.1:\d+\/graphql/.test(output))
                resolve();
            });
            server!.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
            server!.once('exit', (code) =>
              reject(new Error(`pnpm start exited ${code}:\n${output}`)),
            );
          });
          ran.push(written);
          continue;
        }
        let output: string;
        try {
          output = execFileSync('bash', ['-c', command], { cwd: clone, env, encoding: 'utf8' });
        } catch (error) {
          const failed = error as { status: number; stdout: string; stderr: string };
          throw new Error(
            `README command failed with ${failed.status}: ${written}\n${failed.stdout}\n${failed.stderr}`,
            { cause: error },
          );
        }
        for (const { command: pattern, output: expected } of EXPECTED) {
          if (pattern.test(written)) expect(output).toMatch(expected);
        }
        const key = /Key \(shown only now; store it safely\): (dl_\S+)/.exec(output);
        if (key) env['DATELINE_API_KEY'] = key[1] as string;
        ran.push(written);
      }
      // Every README command either ran or is listed above with a reason.
      expect(ran.length + Object.keys(NOT_RUN).length).toBe(readmeCommands().length);
    },
    RUN_TIMEOUT_MS,
  );
});
