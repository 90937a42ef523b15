// Starts Dateline: configuration, database, migrations, sample data, HTTP. SIGTERM and SIGINT
// drain in-flight requests, then close the database; so does losing the parent that started it
// with an IPC channel (a supervisor, a test run).
import 'reflect-metadata';
import { createContainer } from './container';
import { openDatabase } from './db/client';
import { DataDirInUseError } from './db/data-dir-lock';
import { migrateDatabase } from './db/migrate';
import { seedSample } from './db/seed';
import { EnvError, loadEnv } from './env';
import { prepareSearch, SearchSetupError } from './search/search-engine';
import { startServer } from './server';
import { pino } from 'pino';
import { createLogger } from './shared/logger';

/** In-flight requests get 10 s (see server.ts); closing the database gets the rest. */
const SHUTDOWN_DEADLINE_MS = 30_000;

async function main(): Promise<void> {
  const startedAt = performance.now();
  let env;
  try {
    env = loadEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  // Lines are written as the previous write completes, not one write per line: under load a
  // request log line each was a synchronous write each. pino flushes what is left at exit.
  const logger = createLogger(env.logLevel, pino.destination({ dest: 1, sync: false }));
  const database = await openDatabase({
    ...env,
    share: true,
    onConnectionError: (error) =>
      logger.warn({ err: error }, 'database connection lost; reconnecting'),
  });
  await migrateDatabase(database);
  let search;
  try {
    search = await prepareSearch(database, env.search, { groonga: env.groonga });
  } catch (error) {
    if (error instanceof SearchSetupError) {
      console.error(error.message);
      await database.close();
      process.exit(1);
    }
    throw error;
  }
  const container = await createContainer(database.db, search);
  // Articles written by any instance (or `dateline ingest`) reach Groonga through the outbox.
  await search.groonga?.startRelay(logger);
  if (env.seedSample) {
    const seeded = await seedSample(container.services);
    if (seeded) logger.info('loaded the sample article into the empty database');
  }
  const server = await startServer(
    {
      container,
      database,
      logger,
      production: env.nodeEnv !== 'development',
      anonymousReads: env.anonymousReads,
      limits: env.limits,
      maxBodyBytes: env.maxBodyBytes,
      trustProxy: env.trustProxy,
      ide: env.ide,
      corsOrigins: env.corsOrigins,
      realtime: env.realtime,
      observability: { metrics: env.metrics, tracing: env.tracing },
    },
    { host: env.host, port: env.port },
  );
  logger.info(
    {
      url: server.url,
      database: database.driver === 'embedded' ? `embedded (${env.dataDir})` : 'postgres',
      startupMs: Math.round(performance.now() - startedAt),
    },
    'Dateline is ready',
  );
  // The one line a person starting the server looks for, whatever the log level.
  process.stdout.write(`Dateline GraphQL API: ${server.url}\n`);

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals | 'disconnect'): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    // A database that never answers must not keep a stopping server alive.
    setTimeout(() => {
      logger.error(`shutdown took over ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    try {
      await server.stop();
      await search.groonga?.stopRelay();
      await database.close();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'unclean shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', (signal) => void shutdown(signal));
  process.on('SIGINT', (signal) => void shutdown(signal));
  onParentGone = () => void shutdown('disconnect');
}

// Started with an IPC channel, the server stops when the channel closes: the parent exited or was
// killed (even by SIGKILL, which it cannot forward), and a server nobody supervises should not
// run on. Until the server is up there is nothing to drain.
let onParentGone = (): void => process.exit(1);
if (process.send) {
  process.once('disconnect', () => onParentGone());
  if (!process.connected) onParentGone();
}

main().catch((error: unknown) => {
  if (error instanceof DataDirInUseError) {
    console.error(`Dateline failed to start: ${error.message}`);
    process.exit(1);
  }
  console.error('Dateline failed to start:', error);
  process.exit(1);
});
