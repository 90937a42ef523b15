// A graphql-ws subscriber for end-to-end tests: collects what a server sends on one subscription,
// and knows when the server has registered it (so a write made after that must reach it).
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface Received<T> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export interface Subscriber<T> {
  /** Everything received so far. */
  readonly received: Received<T>[];
  /** The close code and reason when the server closed the connection. */
  readonly closed: { code: number; reason: string } | undefined;
  /** Waits until `count` results have arrived (or fails after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<Received<T>[]>;
  /** Waits until the connection is closed by the server. */
  waitForClose(timeoutMs?: number): Promise<{ code: number; reason: string }>;
  /** Waits until the subscription ended (complete or error). */
  waitForEnd(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export function webSocketUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}

async function until(check: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Subscribes and resolves once the server has taken the subscription: a second, invalid
 * operation sent after it on the same socket has been answered, and the server handles one
 * socket's messages in order.
 */
export async function subscribe<T = Record<string, unknown>>(
  httpUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  connectionParams: Record<string, unknown> = {},
): Promise<Subscriber<T>> {
  const received: Received<T>[] = [];
  let closed: { code: number; reason: string } | undefined;
  let ended = false;
  const client: Client = createClient({
    url: webSocketUrl(httpUrl),
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: false,
    // A refused connection is what some tests expect; they read the close code instead.
    onNonLazyError: () => undefined,
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        closed = { code, reason: String(reason) };
      },
    },
  });
  client.subscribe<T>(
    { query, variables },
    {
      next: (result) => received.push(result as Received<T>),
      error: (error) => {
        if (Array.isArray(error)) received.push({ errors: error as Received<T>['errors'] });
        ended = true;
      },
      complete: () => {
        ended = true;
      },
    },
  );
  let probed = false;
  client.subscribe(
    { query: 'subscription { __probe }' },
    {
      next: () => undefined,
      error: () => {
        probed = true;
      },
      complete: () => {
        probed = true;
      },
    },
  );
  await until(
    () => probed || closed !== undefined || ended,
    30_000,
    () => 'the subscription to be taken',
  );
  const subscriber: Subscriber<T> = {
    received,
    get closed() {
      return closed;
    },
    async waitFor(count, timeoutMs = 30_000) {
      await until(
        () => received.length >= count,
        timeoutMs,
        () => `${count} results, got ${JSON.stringify(received)}`,
      );
      return received;
    },
    async waitForClose(timeoutMs = 30_000) {
      await until(
        () => closed !== undefined,
        timeoutMs,
        () => 'the server to close the connection',
      );
      return closed as { code: number; reason: string };
    },
    async waitForEnd(timeoutMs = 30_000) {
      await until(
        () => ended,
        timeoutMs,
        () => 'the subscription to end',
      );
    },
    async close() {
      await client.dispose();
    },
  };
  return subscriber;
}
