// The GraphQL-over-HTTP specification's status codes for request errors. A client that takes
// `application/graphql-response+json` gets 4xx for a document that does not parse or validate, or
// whose variables do not fit; a client that takes only `application/json` (or sends no Accept)
// gets 200 for those, because such clients read the body on 200 alone.
import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '@dateline/schema';
import Negotiator from 'negotiator';

const APPLICATION_JSON = 'application/json; charset=utf-8';
const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json; charset=utf-8';

/** Errors about the document or its variables; limits and rate limiting keep their status. */
const requestErrorCodes: ReadonlySet<unknown> = new Set([
  ErrorCode.GraphqlParseFailed,
  ErrorCode.GraphqlValidationFailed,
  ErrorCode.BadUserInput,
]);

/** The media type Apollo Server answers with, negotiated the way it does. */
function responseMediaType(accept: string | undefined): string | undefined {
  if (!accept) return APPLICATION_JSON;
  return new Negotiator({ headers: { accept } }).mediaType([
    APPLICATION_JSON,
    GRAPHQL_RESPONSE_JSON,
  ]);
}

export const mediaTypeStatusPlugin: ApolloServerPlugin = {
  requestDidStart: () =>
    Promise.resolve({
      willSendResponse({ request, response }) {
        if (response.http.status !== 400 || response.body.kind !== 'single') {
          return Promise.resolve();
        }
        const result = response.body.singleResult;
        const requestError =
          result.data === undefined &&
          (result.errors ?? []).length > 0 &&
          (result.errors ?? []).every((error) => requestErrorCodes.has(error.extensions?.['code']));
        const mediaType = responseMediaType(request.http?.headers.get('accept'));
        if (requestError && mediaType === APPLICATION_JSON) {
          response.http.status = 200;
          response.http.headers.set('content-type', mediaType);
        }
        return Promise.resolve();
      },
    }),
};
