// Metrics and tracing as the server mounts them: each is off unless configured, and a statement
// reaches only the observers that are on.
import type { ApolloServerPlugin } from '@apollo/server';
import type { Express, RequestHandler } from 'express';
import type { DatabaseHandle, StatementObserver } from '../db/client';
import type { RequestContext } from '../shared/context';
import type * as MetricsModule from './metrics';
import type { MetricsSetting } from './metrics';
import type * as TracingModule from './tracing';
import type { TracingSetting } from './tracing';

export interface ObservabilitySettings {
  metrics?: MetricsSetting;
  tracing?: TracingSetting | undefined;
}

export interface Observability {
  plugins: ApolloServerPlugin<RequestContext>[];
  /** Mounted on /graphql after the body is read; none without tracing. */
  graphqlMiddleware: RequestHandler[];
  mountRoutes(app: Express): void;
  shutdown(): Promise<void>;
}

// A CommonJS require, so that the module and its dependencies load only when called.
/* eslint-disable @typescript-eslint/no-require-imports */
const loadMetrics = (): typeof MetricsModule => require('./metrics') as typeof MetricsModule;
const loadTracing = (): typeof TracingModule => require('./tracing') as typeof TracingModule;
/* eslint-enable @typescript-eslint/no-require-imports */

export function setUpObservability(
  settings: ObservabilitySettings,
  database: DatabaseHandle,
): Observability {
  const metricsSetting = settings.metrics ?? 'off';
  // Loaded only when on: prom-client itself loads @opentelemetry/api (for exemplars), and a server
  // with neither should carry none of it.
  const metrics =
    metricsSetting === 'off' ? undefined : loadMetrics().createMetrics(metricsSetting, database);
  const tracing = settings.tracing && loadTracing().startTracing(settings.tracing, database.driver);
  const observers = [metrics?.statementObserver, tracing?.statementObserver].filter(
    (observer): observer is StatementObserver => observer !== undefined,
  );
  if (observers.length === 1) database.observeStatements(observers[0]!);
  if (observers.length > 1) {
    database.observeStatements((sql) => {
      const ends = observers.map((observe) => observe(sql));
      return (error) => {
        for (const end of ends) end(error);
      };
    });
  }
  return {
    plugins: [metrics?.plugin, tracing?.plugin].filter(
      (plugin): plugin is ApolloServerPlugin<RequestContext> => plugin !== undefined,
    ),
    graphqlMiddleware: tracing ? [tracing.middleware] : [],
    mountRoutes(app) {
      if (metrics) app.get('/metrics', metrics.route);
    },
    shutdown: async () => {
      await tracing?.shutdown();
    },
  };
}
