import { parse } from 'graphql';
import { DEFAULT_PAGE_SIZE, paginate, type ConnectionDescriptor } from '../core/paginate.ts';
import { createTransport, type Transport } from '../core/transport.ts';
import { json, startScriptedServer, type Handler, type ScriptedServer } from './http-server.ts';

const connection: ConnectionDescriptor = {
  document: parse(`query things($first: Int, $after: String) {
    things(first: $first, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } }
  }`),
  field: 'things',
  items: 'nodes',
};

/** Three pages of two: a1 a2 | b1 b2 | c1 c2, with cursors "a" and "b". */
const pages: Handler = (response, request) => {
  const after = request.body.variables?.['after'];
  const page = after === undefined ? 'a' : after === 'a' ? 'b' : 'c';
  json(200, {
    data: {
      things: {
        nodes: [{ id: `${page}1` }, { id: `${page}2` }],
        pageInfo: { hasNextPage: page !== 'c', endCursor: page },
      },
    },
  })(response, request);
};

let server: ScriptedServer;
let transport: Transport;
beforeAll(async () => {
  server = await startScriptedServer();
  transport = createTransport({ url: server.url, retries: 0 });
});
afterAll(() => server.close());

describe('paginate', () => {
  it('yields every item of every page, following endCursor until hasNextPage is false', async () => {
    server.script(pages);
    const ids: string[] = [];
    for await (const item of paginate<{ id: string }>(transport, connection, { first: 2 })) {
      ids.push(item.id);
    }
    expect(ids).toEqual(['a1', 'a2', 'b1', 'b2', 'c1', 'c2']);
    expect(server.requests.map((request) => request.body.variables)).toEqual([
      { first: 2 },
      { first: 2, after: 'a' },
      { first: 2, after: 'b' },
    ]);
  });

  it('asks for large pages when the caller gives no page size', async () => {
    server.script(pages);
    for await (const _ of paginate(transport, connection)) break;
    expect(server.requests[0]!.body.variables).toEqual({ first: DEFAULT_PAGE_SIZE });
  });

  it('fetches no further page once the consumer stops', async () => {
    server.script(pages);
    const ids: string[] = [];
    for await (const item of paginate<{ id: string }>(transport, connection)) {
      ids.push(item.id);
      if (ids.length === 3) break;
    }
    expect(ids).toEqual(['a1', 'a2', 'b1']);
    expect(server.requests).toHaveLength(2);
  });

  it('fails instead of looping forever when the server repeats a cursor', async () => {
    server.script(
      json(200, {
        data: {
          things: { nodes: [{ id: 'x' }], pageInfo: { hasNextPage: true, endCursor: 'same' } },
        },
      }),
    );
    const iterate = async () => {
      for await (const _ of paginate(transport, connection)) {
        // drain
      }
    };
    await expect(iterate()).rejects.toThrow('repeated the cursor same');
    expect(server.requests).toHaveLength(2);
  });
});
