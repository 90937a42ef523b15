// The urql client. Queries go as POST: the server refuses GETs that lack a preflight header, so
// that a cross-site page cannot make a browser run them.
import { cacheExchange, Client, fetchExchange } from 'urql';

/** Where the API is: the same origin by default, or VITE_DATELINE_URL at build time. */
export const apiUrl: string =
  (import.meta.env['VITE_DATELINE_URL'] as string | undefined) ?? '/graphql';

export function createNewsroomClient(): Client {
  return new Client({
    url: apiUrl,
    preferGetMethod: false,
    exchanges: [cacheExchange, fetchExchange],
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
