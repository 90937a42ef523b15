// The SDK client the end-to-end tests talk to the server through, as a user's script would.
import { createClient, type Client, type ClientOptions } from '@dateline/sdk';
import type { ServerProcess } from './server';

/** A client for a test server; no retries, so a failure shows on the first attempt. */
export function clientFor(server: ServerProcess, options: Partial<ClientOptions> = {}): Client {
  return createClient({ url: server.url, retries: 0, timeoutMs: 20_000, ...options });
}

/** The global fetch, counting the HTTP requests the client makes through it. */
export function countingFetch(): { fetch: typeof fetch; count: () => number } {
  let count = 0;
  return {
    fetch: (input, init) => {
      count += 1;
      return fetch(input, init);
    },
    count: () => count,
  };
}
