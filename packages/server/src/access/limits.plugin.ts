// Protections a public endpoint needs: a token count before parsing, so a huge document costs
// milliseconds to refuse; then, before anything executes, depth, aliases, computed cost, and a
// per-caller cost budget per minute kept in the database so every instance enforces the same one.
// Each response reports the cost and the budget left in headers (x-query-cost*, x-ratelimit-*),
// not in the body, so identical data gives an identical body and ETag; a client that wants the
// figures in `extensions` asks with `x-dateline-cost: include`.
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { ErrorCode } from '@dateline/schema';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Lexer,
  Source,
  TokenKind,
  validate,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import type { RateLimitRepository } from './rate-limit.repository';
import type { RequestContext } from '../shared/context';
import { RequestedCosts, actualCost } from './query-cost';

export interface Limits {
  /** Tokens a document may have (names, punctuation, values); checked before parsing. */
  maxTokens: number;
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  /** Cost a caller may spend per minute; 0 turns rate limiting off. */
  costPerMinute: number;
}

const WINDOW_SECONDS = 60;

/** Request header asking for the cost and rate-limit figures in `extensions` as well. */
export const COST_HEADER = 'x-dateline-cost';

interface Accounting {
  requested: number;
  /** The parser stopped at the token limit. */
  tooManyTokens?: boolean;
  rateLimit?: { limit: number; remaining: number; resetAt: string };
}

function limitError(
  code: ErrorCode,
  message: string,
  status: number,
  extra: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status }, ...extra } });
}

/** Whether `source` has more than `max` tokens, counted without building a document. */
function hasMoreTokens(source: string, max: number): boolean {
  // Every token takes at least one character.
  if (source.length <= max) return false;
  const lexer = new Lexer(new Source(source));
  try {
    let count = 0;
    while (lexer.advance().kind !== TokenKind.EOF) {
      count += 1;
      if (count > max) return true;
    }
  } catch {
    // Not valid GraphQL within the limit: the parser reports the syntax error.
  }
  return false;
}

export function limitsPlugin(
  schema: GraphQLSchema,
  limits: Limits,
  rateLimits: RateLimitRepository,
): ApolloServerPlugin<RequestContext> {
  // graphql-armor reports a rejection through onReject; the code says which limit it was.
  const rejecting = (code: ErrorCode) => ({
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [
      (_context: unknown, error: GraphQLError) => {
        throw limitError(code, error.message.replace(/^Syntax Error: /, ''), 400);
      },
    ],
  });
  // Apollo hands back the same parsed document for the same query text, so each document's depth
  // and aliases are checked once, not on every request.
  const shapeChecked = new WeakMap<DocumentNode, { code: ErrorCode; message: string } | null>();
  const checkShape = (document: DocumentNode): void => {
    let rejection = shapeChecked.get(document);
    if (rejection === undefined) {
      rejection = null;
      try {
        validate(schema, document, rules);
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        rejection = { code: error.extensions['code'] as ErrorCode, message: error.message };
      }
      shapeChecked.set(document, rejection);
    }
    if (rejection) throw limitError(rejection.code, rejection.message, 400);
  };
  const costs = new RequestedCosts(schema);
  const rules = [
    maxDepthRule({
      n: limits.maxDepth,
      flattenFragments: true,
      ...rejecting(ErrorCode.QueryTooDeep),
    }),
    // `__typename` counts too: a thousand aliases of it are a thousand fields to answer.
    maxAliasesRule({
      n: limits.maxAliases,
      allowList: [],
      ...rejecting(ErrorCode.QueryTooLarge),
    }),
  ];
  return {
    requestDidStart() {
      const accounting: Accounting = { requested: 0 };
      return Promise.resolve({
        // Apollo parses with `maxTokens` (parseOptions in server.ts), so the parser stops at the
        // limit and reports a syntax error; when that is why it stopped, the client is told so
        // with QUERY_TOO_LARGE (see willSendResponse). Cached documents are not parsed again.
        parsingDidStart({ source }) {
          return Promise.resolve((error?: Error) => {
            if (error && source !== undefined && hasMoreTokens(source, limits.maxTokens)) {
              accounting.tooManyTokens = true;
            }
            return Promise.resolve();
          });
        },
        async didResolveOperation({ document, request, operationName, contextValue }) {
          checkShape(document);
          let cost: number;
          try {
            cost = costs.of(document, request.variables, operationName ?? undefined);
          } catch (error) {
            // Variables that do not fit the operation: execution reports them as BAD_USER_INPUT.
            if (error instanceof GraphQLError) return;
            throw error;
          }
          accounting.requested = cost;
          if (cost > limits.maxCost) {
            throw limitError(
              ErrorCode.QueryTooCostly,
              `This query could return up to ${cost} nodes; the limit is ${limits.maxCost}. Ask for smaller pages (first/last) or fewer nested lists.`,
              400,
              { cost: { requested: cost, limit: limits.maxCost } },
            );
          }
          if (limits.costPerMinute <= 0) return;
          const subject = contextValue.viewer
            ? `key:${contextValue.viewer.keyId}`
            : `ip:${contextValue.clientAddress}`;
          const window = await rateLimits.spend(subject, cost, WINDOW_SECONDS);
          const resetAt = new Date(window.windowStart.getTime() + WINDOW_SECONDS * 1000);
          accounting.rateLimit = {
            limit: limits.costPerMinute,
            remaining: Math.max(0, limits.costPerMinute - window.spent),
            resetAt: resetAt.toISOString(),
          };
          if (window.spent > limits.costPerMinute) {
            const retryAfterSeconds = Math.max(
              1,
              Math.ceil((resetAt.getTime() - Date.now()) / 1000),
            );
            throw limitError(
              ErrorCode.RateLimited,
              `Rate limit reached: ${limits.costPerMinute} cost per minute. Retry in ${retryAfterSeconds} s.`,
              429,
              { retryAfterSeconds, rateLimit: accounting.rateLimit },
            );
          }
        },
        willSendResponse({ request, response }) {
          response.http.headers.set('x-query-cost', String(accounting.requested));
          response.http.headers.set('x-query-cost-limit', String(limits.maxCost));
          if (accounting.rateLimit) {
            response.http.headers.set('x-ratelimit-limit', String(accounting.rateLimit.limit));
            response.http.headers.set(
              'x-ratelimit-remaining',
              String(accounting.rateLimit.remaining),
            );
            response.http.headers.set('x-ratelimit-reset', accounting.rateLimit.resetAt);
          }
          if (response.body.kind !== 'single') return Promise.resolve();
          const result = response.body.singleResult;
          if (accounting.tooManyTokens) {
            result.errors = [
              {
                message: `The document has more than ${limits.maxTokens} tokens, the limit. Ask for fewer fields or split the operation.`,
                extensions: { code: ErrorCode.QueryTooLarge },
              },
            ];
          }
          const limited = result.errors?.find(
            (error) => error.extensions?.['code'] === ErrorCode.RateLimited,
          );
          if (limited)
            response.http.headers.set(
              'retry-after',
              String(limited.extensions?.['retryAfterSeconds']),
            );
          const actual = actualCost(result.data);
          response.http.headers.set('x-query-cost-actual', String(actual));
          if (request.http?.headers.get(COST_HEADER)?.toLowerCase() === 'include') {
            result.extensions = {
              ...result.extensions,
              cost: { requested: accounting.requested, actual, limit: limits.maxCost },
              ...(accounting.rateLimit && { rateLimit: accounting.rateLimit }),
            };
          }
          return Promise.resolve();
        },
      });
    },
  };
}
