// OpenTelemetry spans, loaded only when an exporter is configured: one span per GraphQL request
// (named after its operation) with a child span per SQL statement. Without configuration none of
// this module's OpenTelemetry imports run, so the hot path has no tracing code at all.
import type { ApolloServerPlugin } from '@apollo/server';
import type * as OtelApi from '@opentelemetry/api';
import type * as ContextAsyncHooks from '@opentelemetry/context-async-hooks';
import type * as OtlpHttp from '@opentelemetry/exporter-trace-otlp-http';
import type * as Resources from '@opentelemetry/resources';
import type * as SdkTrace from '@opentelemetry/sdk-trace';
import type { RequestHandler } from 'express';
import type { StatementObserver } from '../db/client';
import type { RequestContext } from '../shared/context';

export interface TracingSetting {
  /** Where spans go: the OTLP/HTTP traces URL (…/v1/traces). */
  tracesUrl: string;
  serviceName: string;
}

export interface Tracing {
  /** Mounted on /graphql after the body is read: runs the rest of the request inside its span. */
  middleware: RequestHandler;
  plugin: ApolloServerPlugin<RequestContext>;
  statementObserver: StatementObserver;
  /** Sends the spans still buffered. */
  shutdown(): Promise<void>;
}

export function startTracing(setting: TracingSetting, driver: string): Tracing {
  // CommonJS requires here, not imports at the top: nothing of OpenTelemetry loads until tracing
  // is configured. (The same build prom-client requires, so both share one global API.)
  /* eslint-disable @typescript-eslint/no-require-imports */
  const api = require('@opentelemetry/api') as typeof OtelApi;
  const { AsyncLocalStorageContextManager } =
    require('@opentelemetry/context-async-hooks') as typeof ContextAsyncHooks;
  const { BatchSpanProcessor, TracerProvider } =
    require('@opentelemetry/sdk-trace') as typeof SdkTrace;
  const { OTLPTraceExporter } =
    require('@opentelemetry/exporter-trace-otlp-http') as typeof OtlpHttp;
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof Resources;
  /* eslint-enable @typescript-eslint/no-require-imports */

  const contextManager = new AsyncLocalStorageContextManager().enable();
  api.context.setGlobalContextManager(contextManager);
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': setting.serviceName }),
    spanProcessors: [
      new BatchSpanProcessor({
        exporter: new OTLPTraceExporter({ url: setting.tracesUrl }),
        scheduledDelayMillis: 1000,
      }),
    ],
  });
  const tracer = provider.getTracer('dateline');
  const { SpanKind, SpanStatusCode } = api;

  const middleware: RequestHandler = (request, response, next) => {
    const span = tracer.startSpan('graphql', {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': request.method, 'url.path': request.baseUrl },
    });
    response.once('finish', () => {
      span.setAttribute('http.response.status_code', response.statusCode);
      if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    api.context.with(api.trace.setSpan(api.context.active(), span), next);
  };

  const plugin: ApolloServerPlugin<RequestContext> = {
    requestDidStart() {
      const span = api.trace.getActiveSpan();
      return Promise.resolve({
        didResolveOperation({ operation }) {
          if (!span || !operation) return Promise.resolve();
          const name = operation.name?.value;
          span.updateName(name ? `${operation.operation} ${name}` : operation.operation);
          span.setAttribute('graphql.operation.type', operation.operation);
          if (name) span.setAttribute('graphql.operation.name', name);
          return Promise.resolve();
        },
        willSendResponse({ response }) {
          if (!span || response.body.kind !== 'single') return Promise.resolve();
          const codes = (response.body.singleResult.errors ?? []).map(
            (error) => error.extensions?.['code'],
          );
          if (codes.length > 0) {
            span.setAttribute('graphql.error.codes', codes.map(String));
            span.setStatus({ code: SpanStatusCode.ERROR });
          }
          return Promise.resolve();
        },
      });
    },
  };

  const statementObserver: StatementObserver = (sql) => {
    // Statements outside a request (migrations, start-up) would each be a trace of their own.
    if (!api.trace.getActiveSpan()) return () => undefined;
    const verb = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SQL';
    const span = tracer.startSpan(verb, {
      kind: SpanKind.CLIENT,
      attributes: {
        'db.system.name': 'postgresql',
        'db.query.text': sql,
        'dateline.db.driver': driver,
      },
    });
    return (error) => {
      if (error) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
  };

  return {
    middleware,
    plugin,
    statementObserver,
    async shutdown() {
      await provider.shutdown();
      contextManager.disable();
    },
  };
}
