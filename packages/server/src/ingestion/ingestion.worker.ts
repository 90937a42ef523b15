// The worker thread of `workerReader` (batch-reader.ts): reads and links batches of texts, one
// request at a time in the order they come, and keeps each batch read until it is linked.
import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { parentPort } from 'node:worker_threads';
import { toPlainBatch, toPlainError, type WorkerReply, type WorkerRequest } from './batch-reader';
import { linkTexts, readKeys, readTexts, type ReadBatch } from './ingestion.service';

const port = parentPort;
if (!port) throw new Error('ingestion.worker runs as a worker thread (workerReader).');

const batches = new Map<number, ReadBatch>();

async function answer(request: WorkerRequest): Promise<WorkerReply> {
  if (request.type === 'read') {
    const batch = await readTexts(request.requests);
    batches.set(request.id, batch);
    return { id: request.id, keys: readKeys(batch) };
  }
  const batch = batches.get(request.id);
  if (!batch) throw new Error(`Batch ${request.id} was not read, or was linked already.`);
  batches.delete(request.id);
  return {
    id: request.id,
    linked: toPlainBatch(await linkTexts(batch, request.looked, request.after)),
  };
}

/**
 * The sample article, read and linked a few times as soon as the worker starts: the first texts
 * a cold V8 extracts take several times as long as later ones (compiling the extractor, its
 * regular expressions and libraries), and the CLI's thread is opening the database meanwhile.
 * It stops at the first request: from then on the texts themselves warm the extractor up, and a
 * database that opened before the warm-up ended (PostgreSQL) would otherwise wait for it.
 */
const WARM_UP_TEXT = path.join(__dirname, '../../fixtures/articles-tiktok-2020-09-14.txt');
const WARM_UP_RUNS = 10;
let requested = false;

async function warmUp(): Promise<void> {
  if (!existsSync(WARM_UP_TEXT)) return;
  const text = readFileSync(WARM_UP_TEXT, 'utf8');
  for (let run = 0; run < WARM_UP_RUNS && !requested; run++) {
    const batch = await readTexts([{ text, dryRun: true }]);
    await linkTexts(batch, { already: new Map(), byName: new Map() });
    // Lets a request that came meanwhile be seen.
    await yieldToEventLoop();
  }
}

// Requests wait for the warm-up run under way; a warm-up that fails costs nothing but its time.
let queue = warmUp().catch(() => undefined);
port.on('message', (request: WorkerRequest) => {
  requested = true;
  queue = queue.then(async () => {
    let reply: WorkerReply;
    try {
      reply = await answer(request);
    } catch (error) {
      reply = {
        id: request.id,
        failure: toPlainError(error instanceof Error ? error : new Error(String(error))),
      };
    }
    port.postMessage(reply);
  });
});
