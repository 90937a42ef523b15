import { createKey } from '../testkit/cli';
import { codes, post } from '../testkit/graphql';
import {
  createStorage,
  startServer,
  STARTUP_TIMEOUT_MS,
  type ServerProcess,
  type ServerStorage,
} from '../testkit/server';

let storage: ServerStorage;
let server: ServerProcess;
let editorKey: string;

beforeAll(async () => {
  storage = await createStorage();
  server = await startServer(storage);
  editorKey = await createKey(storage, 'editor', 'conflict test');
}, STARTUP_TIMEOUT_MS + 60_000);
afterAll(async () => {
  await server.stop();
  await storage.dispose();
});

const CREATE = `mutation ($name: String!) {
  createEntity(input: { name: $name, kind: MEDIA_OUTLET, aliases: ["AFP"] }) { entity { id } }
}`;

describe('creating an entity whose name is taken', () => {
  it('answers CONFLICT naming the existing entity instead of creating a second one', async () => {
    const existing = await post<{ entities: { nodes: { id: string; name: string }[] } }>(
      server.url,
      '{ entities(search: "Agence France-Presse", kinds: [MEDIA_OUTLET], first: 1) { nodes { id name } } }',
    );
    const afp = existing.body.data!.entities.nodes[0]!;
    expect(afp.name).toBe('Agence France-Presse');

    const response = await post(
      server.url,
      CREATE,
      { name: 'agence  france-presse' },
      { authorization: `Bearer ${editorKey}` },
    );
    expect(codes(response)).toEqual(['CONFLICT']);
    const error = response.body.errors![0]!;
    expect(error.extensions!['existingId']).toBe(afp.id);
    expect(error.message).toContain(afp.id);
  });
});
