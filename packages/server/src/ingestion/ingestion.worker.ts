// The worker thread of `workerReader` (batch-reader.ts): reads and links batches of texts, one
// request at a time in the order they come, and keeps each batch read until it is linked.
import 'reflect-metadata';
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

let queue = Promise.resolve();
port.on('message', (request: WorkerRequest) => {
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
