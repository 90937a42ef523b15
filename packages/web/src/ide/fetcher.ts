// GraphiQL's fetcher for Dateline: queries and mutations over HTTP, subscriptions over WebSocket
// (graphql-ws, same URL) with the headers typed in GraphiQL's Headers pane sent as the socket's
// connection_init payload, which is where the server reads a WebSocket's API key.
// @graphiql/toolkit alone got both wrong: it recognises a subscription from GraphiQL's debounced
// AST and operation name (so a run right after an edit, or after another operation had been
// selected, went over HTTP), and it never sends the Headers pane to a `wsClient`.
import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import { parse } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { chooseOperation, isSubscription } from './operation';

export function createIdeFetcher(httpUrl: string): Fetcher {
  const http = createGraphiQLFetcher({ url: httpUrl });
  const socketUrl = new URL(httpUrl);
  socketUrl.protocol = socketUrl.protocol === 'https:' ? 'wss:' : 'ws:';

  // One client per set of headers: another key in the Headers pane needs another connection_init.
  // A replaced client keeps its socket only while its subscriptions run (lazy), then closes it.
  let current: { headers: string; fetcher: Fetcher } | undefined;
  const socketFetcher = (headers: Record<string, unknown>): Fetcher => {
    const key = JSON.stringify(headers);
    if (current?.headers !== key) {
      const client: Client = createClient({
        url: socketUrl.toString(),
        connectionParams: headers,
        lazy: true,
        // A refused key or operation shows at once (the close reason names the code), not after
        // a series of retries.
        retryAttempts: 0,
      });
      current = {
        headers: key,
        fetcher: createGraphiQLFetcher({ url: httpUrl, wsClient: client }),
      };
    }
    return current.fetcher;
  };

  return (params, options) => {
    const operation = chooseOperation(params.query, params.operationName);
    const request = operation ? { ...params, operationName: operation.operationName } : params;
    if (!isSubscription(operation)) return http(request, options);
    // The toolkit sends to its wsClient what it finds to be a subscription in the AST it is given:
    // give it the AST of the text being run.
    return socketFetcher(options?.headers ?? {})(request, {
      ...options,
      documentAST: parse(request.query),
    });
  };
}
