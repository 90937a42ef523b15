// The urql client. Queries go as POST: the server refuses GETs that lack a preflight header, so
// that a cross-site page cannot make a browser run them.
import { createClient as createWsClient } from 'graphql-ws';
import { cacheExchange, Client, fetchExchange, subscriptionExchange } from 'urql';

/** Where the API is: the same origin by default, or VITE_DATELINE_URL at build time. */
export const apiUrl: string =
  (import.meta.env['VITE_DATELINE_URL'] as string | undefined) ?? '/graphql';

/** The same endpoint over WebSocket (graphql-ws), for subscriptions. */
function socketUrl(): string {
  const url = new URL(apiUrl, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

export function createNewsroomClient(): Client {
  // Connects on the first subscription only, and reconnects by itself after a drop.
  const sockets = createWsClient({ url: socketUrl(), lazy: true, retryAttempts: Infinity });
  return new Client({
    url: apiUrl,
    preferGetMethod: false,
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({
            unsubscribe: sockets.subscribe({ ...request, query: request.query ?? '' }, sink),
          }),
        }),
      }),
    ],
  });
}

/** The editor key for writes lives in sessionStorage: gone when the tab closes. */
const KEY_STORAGE = 'dateline.apiKey';

export function readApiKey(): string {
  return sessionStorage.getItem(KEY_STORAGE) ?? '';
}

export function storeApiKey(key: string): void {
  if (key) sessionStorage.setItem(KEY_STORAGE, key);
  else sessionStorage.removeItem(KEY_STORAGE);
}
