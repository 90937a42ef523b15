// A real HTTP server on 127.0.0.1 whose answers each test scripts, one handler per request, so the
// client is tested through real sockets, real fetch and real timers rather than a fetch mock.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  at: number;
  headers: IncomingHttpHeaders;
  body: { query: string; operationName?: string; variables?: Record<string, unknown> };
}

export type Handler = (response: ServerResponse, request: ReceivedRequest) => void;

export interface ScriptedServer {
  url: string;
  requests: ReceivedRequest[];
  /** Answers the next requests with these handlers, in order; the last one repeats. */
  script(...handlers: Handler[]): void;
  close(): Promise<void>;
}

export async function startScriptedServer(): Promise<ScriptedServer> {
  const requests: ReceivedRequest[] = [];
  let handlers: Handler[] = [];
  const server = createServer((incoming, response) => {
    let raw = '';
    incoming.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    incoming.on('end', () => {
      const request: ReceivedRequest = {
        at: Date.now(),
        headers: incoming.headers,
        body: JSON.parse(raw) as ReceivedRequest['body'],
      };
      requests.push(request);
      const handler = handlers.length > 1 ? handlers.shift()! : handlers[0];
      if (!handler) throw new Error('no handler scripted');
      handler(response, request);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    requests,
    script: (...next) => {
      handlers = next;
      requests.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Handler {
  return (response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };
}

/** Drops the connection without an answer, as a crashed server or a reset network would. */
export const hangUp: Handler = (response) => response.socket?.destroy();

/** Never answers; the client's timeout or signal has to end the request. */
export const silence: Handler = () => undefined;
