// Starts what makes Dateline live on one instance: the outbox listener, the coming-due scheduler
// and the WebSocket endpoint; stops them in the reverse order.
import type http from 'node:http';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { Limits } from '../access/limits.plugin';
import type { Container } from '../container';
import type { DatabaseHandle } from '../db/client';
import { ComingDueScheduler } from './coming-due.scheduler';
import { createRepositories } from '../repositories';
import { createLoaders } from '../shared/context';
import { EventHub } from './event-hub';
import { loadEventRows } from './subscription.resolver';
import { attachSubscriptionServer, type SubscriptionLimits } from './subscription.server';
import { WebhookDispatcher, type WebhookOptions } from './webhook.dispatcher';

/** Connections the fan-out reads on, besides the request pool. */
const REALTIME_CONNECTIONS = 3;

export interface RealtimeOptions {
  /** How often an instance tries to claim the coming-due tick. */
  comingDueIntervalMs: number;
  /** Days the outbox keeps events (listeners read them within seconds). */
  outboxRetentionDays: number;
  subscriptions: SubscriptionLimits;
  webhooks: WebhookOptions;
}

export interface Realtime {
  hub: EventHub;
  stop(): Promise<void>;
}

export async function startRealtime(
  httpServer: http.Server,
  options: RealtimeOptions & {
    container: Container;
    database: DatabaseHandle;
    logger: Logger;
    production: boolean;
    anonymousReads: boolean;
    limits: Limits;
    formatError: (error: GraphQLFormattedError) => GraphQLFormattedError;
  },
): Promise<Realtime> {
  const { container, logger } = options;
  // The fan-out reads (the outbox, the rows events name, their nested fields) on connections of
  // their own: in a burst of writes every pooled connection is held by a write waiting for the
  // outbox lock, and a read queued behind them would delay every subscriber.
  const separate = options.database.separatePool?.(REALTIME_CONNECTIONS);
  const repositories = separate ? createRepositories(separate.db) : container.repositories;
  const hub = new EventHub(
    repositories.events,
    {
      load: (topic, payloads) => loadEventRows(repositories, topic, payloads),
      loaders: () => createLoaders(repositories),
    },
    logger,
  );
  await hub.start(options.database);
  const scheduler = new ComingDueScheduler(
    container.services.work,
    options.comingDueIntervalMs,
    options.outboxRetentionDays,
    logger,
  );
  scheduler.start();
  const work = container.services.work;
  const webhooks = new WebhookDispatcher(
    (task) => work.transaction((repositories) => task(repositories.webhooks)),
    work.repositories.webhooks,
    options.webhooks,
    logger,
  );
  webhooks.start();
  const sockets = attachSubscriptionServer(httpServer, { ...options, hub });
  return {
    hub,
    async stop() {
      await sockets.close();
      await scheduler.stop();
      await webhooks.stop();
      await hub.stop();
      await separate?.close();
    },
  };
}
