// The browser side of the server: the Newsroom app's built files at / (with client routes
// falling back to its index.html) and the query IDE at GET /graphql for requests that ask for
// HTML. Both come from packages/web/dist, built at start-up by `pnpm start`; nothing is loaded
// from a CDN, so they work with no internet.
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type Request, type Response } from 'express';

export interface WebOptions {
  /** Serve the GraphiQL IDE at GET /graphql to browsers. */
  ide: boolean;
  /** The web build; packages/web/dist by default (the same path from src/ and dist/). */
  distDir?: string;
}

const DEFAULT_DIST = path.resolve(__dirname, '..', '..', '..', 'web', 'dist');
const API_PATHS = new Set(['/graphql', '/health', '/ready']);
const NOT_BUILT =
  'The web build is missing: run "pnpm --filter @dateline/web build" (pnpm start does it).';

/** A browser navigating, as opposed to an API client that accepts anything. */
function wantsHtml(request: Request): boolean {
  return (
    request.accepts(['application/json', 'application/graphql-response+json', 'text/html']) ===
    'text/html'
  );
}

function sendPage(response: Response, file: string): void {
  if (!existsSync(file)) {
    response.status(404).type('text/plain').send(NOT_BUILT);
    return;
  }
  // The page names hashed assets; it must be revalidated so that a new build is picked up.
  response.setHeader('cache-control', 'no-cache');
  response.sendFile(file);
}

/** Mounts the IDE and the app; call before the /graphql middleware. */
export function mountWeb(app: Express, options: WebOptions): void {
  const dist = options.distDir ?? DEFAULT_DIST;

  app.get('/graphql', (request, response, next) => {
    if (!options.ide || !wantsHtml(request) || request.query['query'] !== undefined) return next();
    sendPage(response, path.join(dist, 'ide.html'));
  });

  app.use('/assets', express.static(path.join(dist, 'assets'), { immutable: true, maxAge: '1y' }));
  app.use('/assets', (_request, response) => {
    response.status(404).type('text/plain').send('No such asset.');
  });
  // With the IDE off, its page is not reachable under its file name either.
  app.get('/ide.html', (_request, response, next) => {
    if (options.ide) return next();
    response.status(404).type('text/plain').send('The query IDE is turned off (DATELINE_IDE).');
  });
  app.use(express.static(dist, { index: false }));

  app.get(/.*/, (request, response, next) => {
    if (API_PATHS.has(request.path) || !wantsHtml(request)) return next();
    sendPage(response, path.join(dist, 'index.html'));
  });
}
