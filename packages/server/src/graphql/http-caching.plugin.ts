// Cache-Control for GraphQL responses. An anonymous query that succeeded may be kept by the
// client and revalidated: its body holds only data (cost figures travel in headers), so the ETag
// Express puts on it is the same for the same data, and a GET with If-None-Match gets 304. Answers
// that depend on the caller or change data are never stored. `private`: the x-ratelimit-* headers
// on a response are the caller's own, so a shared cache must not hand them to someone else.
import type { ApolloServerPlugin } from '@apollo/server';
import { OperationTypeNode } from 'graphql';
import type { RequestContext } from '../shared/context';

export const ANONYMOUS_READ_CACHE_CONTROL = 'private, max-age=0, must-revalidate';
export const UNCACHEABLE = 'no-store';

export const httpCachingPlugin: ApolloServerPlugin<RequestContext> = {
  requestDidStart: () =>
    Promise.resolve({
      willSendResponse({ operation, contextValue, response }) {
        const cacheable =
          operation?.operation === OperationTypeNode.QUERY &&
          // The context is missing when building it failed (an unknown key, say).
          (contextValue as Partial<RequestContext> | undefined)?.viewer === null &&
          response.body.kind === 'single' &&
          response.body.singleResult.errors === undefined &&
          (response.http.status ?? 200) === 200;
        response.http.headers.set(
          'cache-control',
          cacheable ? ANONYMOUS_READ_CACHE_CONTROL : UNCACHEABLE,
        );
        // What else the body depends on, for caches that key on the URL.
        response.http.headers.set(
          'vary',
          'accept, authorization, origin, x-api-key, x-dateline-cost',
        );
        return Promise.resolve();
      },
    }),
};
