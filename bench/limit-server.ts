// The physical limit for the benchmark: a bare node:http server that answers each benchmark
// operation (picked by the request's operationName) with ONE prepared SQL statement whose result
// is already the response's JSON. No GraphQL, no ORM, no per-row JavaScript.
// Usage: DATABASE_URL=… PORT=0 tsx bench/limit-server.ts
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { operationByName } from './operations';
import { searchLimitByName } from './search-limit';
import { variableOnlyOperations } from './variables';

const url = process.env['DATABASE_URL'];
if (!url) throw new Error('DATABASE_URL is required');
// The same pool size as Dateline's default (DATELINE_DB_POOL_SIZE=10), so the comparison is fair.
const pool = new Pool({ connectionString: url, max: Number(process.env['POOL_SIZE'] ?? 10) });

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const server = createServer((request, response) => {
  void (async () => {
    try {
      const body = JSON.parse(await readBody(request)) as {
        operationName?: string;
        variables?: Record<string, unknown>;
      };
      const operation =
        operationByName(body.operationName) ??
        searchLimitByName(body.operationName) ??
        variableOnlyOperations.find((known) => known.operationName === body.operationName);
      if (!operation) {
        response.writeHead(400, { 'content-type': 'application/json' });
        response.end('{"errors":[{"message":"unknown operation"}]}');
        return;
      }
      const result = await pool.query<[string]>({
        name: String('operationName' in operation ? operation.operationName : operation.key),
        text: operation.sql,
        values: operation.params(body.variables ?? {}),
        rowMode: 'array',
      });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(`{"data":${result.rows[0]?.[0] ?? 'null'}}`);
    } catch (error) {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ errors: [{ message: String(error) }] }));
    }
  })();
});

server.listen(Number(process.env['PORT'] ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`Limit server: http://127.0.0.1:${port}/graphql\n`);
});

const stop = (): void => {
  server.close();
  void pool.end().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
