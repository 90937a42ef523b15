// Starts Dateline: configuration, database, migrations, sample data, HTTP. SIGTERM and SIGINT
// drain in-flight requests, then close the database.
import 'reflect-metadata';
import { pino } from 'pino';
import { createContainer } from './container';
import { openDatabase } from './db/client';
import { migrateDatabase } from './db/migrate';
import { seedSample } from './db/seed';
import { EnvError, loadEnv } from './env';
import { startServer } from './server';

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
  const logger = pino({ level: env.logLevel, base: { service: 'dateline' } });
  const database = await openDatabase({
    ...env,
    onConnectionError: (error) =>
      logger.warn({ err: error }, 'database connection lost; reconnecting'),
  });
  await migrateDatabase(database);
  const container = await createContainer(database.db);
  if (env.seedSample) {
    const seeded = await seedSample(container.services);
    if (seeded) logger.info('loaded the sample article into the empty database');
  }
  const server = await startServer(
    {
      container,
      database,
      logger,
      production: env.nodeEnv === 'production',
      anonymousReads: env.anonymousReads,
      limits: env.limits,
      maxBodyBytes: env.maxBodyBytes,
      trustProxy: env.trustProxy,
      realtime: env.realtime,
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
  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    try {
      await server.stop();
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
}

main().catch((error: unknown) => {
  console.error('Dateline failed to start:', error);
  process.exit(1);
});
