import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createKey, dateline } from '../testkit/cli';
import { codes, post } from '../testkit/graphql';
import { startServer, type ServerProcess, type ServerStorage } from '../testkit/server';

// This is about the embedded database's data directory, so it runs on one whatever
// TEST_DATABASE_URL says.
const dataDir = mkdtempSync(path.join(tmpdir(), 'dateline-shared-'));
const storage: ServerStorage = {
  env: { DATELINE_DATA_DIR: dataDir },
  dispose: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })),
};
let server: ServerProcess | undefined;

beforeAll(async () => {
  server = await startServer(storage);
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await storage.dispose();
});

const CREATE_ENTITY = `mutation ($name: String!) {
  createEntity(input: { name: $name, kind: ORGANIZATION }) { entity { name } }
}`;

describe('the dateline CLI while the embedded server runs', () => {
  let key: string;

  it('creates a key that the running server accepts for writes at once', async () => {
    key = await createKey(storage, 'editor', 'made while running');
    const response = await post(
      server!.url,
      CREATE_ENTITY,
      { name: 'Harbour Board' },
      {
        authorization: `Bearer ${key}`,
      },
    );
    expect(codes(response)).toEqual([]);
    expect(response.body.data).toEqual({ createEntity: { entity: { name: 'Harbour Board' } } });
  });

  it('lists the key, marked as used by that write', async () => {
    const listing = await dateline(storage, 'keys', 'list');
    const line = listing.split('\n').find((row) => row.includes('made while running'));
    expect(line).toContain(`${key.slice(0, 11)}…\teditor\tmade while running\tactive\tlast used`);
  });

  it('runs two commands at once, one after the other', async () => {
    const keys = await Promise.all([
      createKey(storage, 'reader', 'first of two'),
      createKey(storage, 'reader', 'second of two'),
    ]);
    for (const each of keys) {
      const response = await post(server!.url, '{ articles { totalCount } }', undefined, {
        authorization: `Bearer ${each}`,
      });
      expect(codes(response)).toEqual([]);
    }
  });

  it('revokes the key, and the running server refuses it from then on', async () => {
    expect(await dateline(storage, 'keys', 'revoke', key.slice(0, 11))).toContain('Revoked key');
    const response = await post(
      server!.url,
      CREATE_ENTITY,
      { name: 'Quay Trust' },
      {
        authorization: `Bearer ${key}`,
      },
    );
    expect(codes(response)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('a second server on the same data directory', () => {
  it('refuses to start and names the process that has it', async () => {
    await expect(startServer(storage)).rejects.toThrow(
      new RegExp(
        `The embedded database in ${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is in use by ` +
          `the Dateline server with process id ${server!.process.pid}`,
      ),
    );
    // The first server is unharmed.
    const response = await post(
      server!.url,
      '{ entities(search: "Harbour Board") { totalCount } }',
    );
    expect(response.body.data).toEqual({ entities: { totalCount: 1 } });
  });

  it('starts once the first server has died without cleaning up', async () => {
    const killed = new Promise((resolve) => server!.process.once('exit', resolve));
    server!.process.kill('SIGKILL');
    await killed;
    server = await startServer(storage);
    const response = await post(server.url, '{ entities(search: "Harbour Board") { totalCount } }');
    expect(response.body.data).toEqual({ entities: { totalCount: 1 } });
  });
});
