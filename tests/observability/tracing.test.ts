import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { post } from '../testkit/graphql';
import {
  createStorage,
  startServer,
  STARTUP_TIMEOUT_MS,
  type ServerStorage,
} from '../testkit/server';

interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: { key: string; value: { stringValue?: string } }[];
}

/** An OTLP/HTTP receiver: keeps the spans of every JSON export POSTed to /v1/traces. */
async function startReceiver(): Promise<{
  url: string;
  spans: ExportedSpan[];
  close(): Promise<void>;
}> {
  const spans: ExportedSpan[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (request.url === '/v1/traces') {
        const payload = JSON.parse(body) as {
          resourceSpans: { scopeSpans: { spans: ExportedSpan[] }[] }[];
        };
        for (const resource of payload.resourceSpans)
          for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

// Loaded into the server: on exit it prints how many OpenTelemetry modules the process loaded.
const probeDir = mkdtempSync(path.join(tmpdir(), 'dateline-otel-probe-'));
const probe = path.join(probeDir, 'probe.js');
writeFileSync(
  probe,
  `process.on('exit', () => process.stderr.write('opentelemetry modules: ' + Object.keys(require.cache).filter((file) => file.includes('/node_modules/@opentelemetry/')).length + '\\n'));\n`,
);
const loadedModules = (output: string): number =>
  Number(/opentelemetry modules: (\d+)/.exec(output)?.[1] ?? NaN);

let storage: ServerStorage;
beforeAll(async () => {
  storage = await createStorage();
}, 60_000);
afterAll(async () => {
  await storage.dispose();
  rmSync(probeDir, { recursive: true, force: true });
});

describe('OpenTelemetry tracing', () => {
  it(
    'exports an operation span with a child span for each SQL statement when an endpoint is set',
    async () => {
      const receiver = await startReceiver();
      const server = await startServer(storage, {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        NODE_OPTIONS: `--require ${probe}`,
      });
      try {
        const response = await post(
          server.url,
          'query ArticleHeadlines { articles(first: 2) { nodes { headline } } }',
        );
        expect(response.body.errors).toBeUndefined();
        // Batches go out every second; stopping the server flushes what is left.
      } finally {
        await server.stop();
        await receiver.close();
      }
      expect(loadedModules(server.output())).toBeGreaterThan(0);
      const operation = receiver.spans.find((span) => span.name === 'query ArticleHeadlines');
      expect(operation).toBeDefined();
      const statements = receiver.spans.filter(
        (span) => span.parentSpanId === operation!.spanId && span.traceId === operation!.traceId,
      );
      expect(statements.length).toBeGreaterThan(0);
      const select = statements.find((span) => span.name === 'SELECT');
      const text = select?.attributes.find((attribute) => attribute.key === 'db.query.text');
      expect(text?.value.stringValue).toMatch(/^select .* from "articles"/i);
    },
    STARTUP_TIMEOUT_MS + 60_000,
  );

  it(
    'loads no OpenTelemetry module when no exporter is configured',
    async () => {
      const server = await startServer(storage, { NODE_OPTIONS: `--require ${probe}` });
      try {
        const response = await post(server.url, '{ articles(first: 1) { totalCount } }');
        expect(response.body.errors).toBeUndefined();
      } finally {
        await server.stop();
      }
      expect(loadedModules(server.output())).toBe(0);
    },
    STARTUP_TIMEOUT_MS + 60_000,
  );
});
