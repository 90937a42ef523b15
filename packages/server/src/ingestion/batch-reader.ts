// Where a folder's texts are read and linked: on the CLI's own thread, or on a worker thread so
// that extraction and the database's work (the embedded database runs on the CLI's thread; with
// PostgreSQL, the statements are built and their replies parsed there) use both cores. Either way
// the texts of a batch stay where they were read; only what looking them up needs (ReadKey) and
// the linked batch, plain data, cross between threads.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { DomainError } from '../shared/domain-error';
import type { IngestRequest, LinkedBatch, LookedUpBatch, ReadKey } from './ingestion.service';

// Only types from the ingestion service: the CLI starts the worker before it loads the service.

/** A batch read by a BatchReader: its keys, and a handle to link it by. */
export interface ReadHandle {
  readonly keys: readonly (ReadKey | null)[];
}

export interface BatchReader {
  /** Reads a batch's texts (no database): what looking them up needs comes back. */
  read(requests: readonly IngestRequest[]): Promise<ReadHandle>;
  /** Links a batch `read` returned against what the database found for its keys (linkTexts). */
  link(
    handle: ReadHandle,
    looked: LookedUpBatch,
    after?: Pick<LinkedBatch, 'creates'>,
  ): Promise<LinkedBatch>;
  close(): Promise<void>;
}

/** The worker's script, next to this module once built (dist/ingestion/ingestion.worker.js). */
export const WORKER_SCRIPT = path.join(__dirname, 'ingestion.worker.js');

/** Messages to the worker. */
export type WorkerRequest =
  | { type: 'read'; id: number; requests: readonly IngestRequest[] }
  | {
      type: 'link';
      id: number;
      looked: LookedUpBatch;
      after: Pick<LinkedBatch, 'creates'> | undefined;
    };

/** Messages from the worker: the answer to request `id`, or why it failed. */
export type WorkerReply =
  | { id: number; keys: readonly (ReadKey | null)[] }
  | { id: number; linked: LinkedBatch }
  | { id: number; failure: PlainError };

/**
 * An error as it crosses threads: structured cloning keeps an Error's message but not its class
 * or a DomainError's code and fields, which the CLI's messages are made from.
 */
export interface PlainError {
  message: string;
  code?: string;
  fields?: unknown;
  details?: Record<string, unknown>;
}

export function toPlainError(error: Error): PlainError {
  return error instanceof DomainError
    ? { message: error.message, code: error.code, fields: error.fields, details: error.details }
    : { message: error.message };
}

export function fromPlainError(plain: PlainError): Error {
  return plain.code === undefined
    ? new Error(plain.message)
    : new DomainError(
        plain.code as DomainError['code'],
        plain.message,
        plain.fields as DomainError['fields'],
        plain.details,
      );
}

/** A linked batch's errors as plain data, to be posted. */
export function toPlainBatch(batch: LinkedBatch): LinkedBatch {
  return {
    ...batch,
    linked: batch.linked.map((result) =>
      result instanceof Error ? (toPlainError(result) as unknown as Error) : result,
    ),
  };
}

function fromPlainBatch(batch: LinkedBatch): LinkedBatch {
  // Everything structured cloning turned into a plain object that was an error (toPlainBatch).
  return {
    ...batch,
    linked: batch.linked.map((result) =>
      'ingested' in result ? result : fromPlainError(result as unknown as PlainError),
    ),
  };
}

/**
 * Reads and links on a worker thread, one batch at a time in the order asked: a batch's link
 * is asked before the next batch's read, so the batch the database waits for comes first.
 * `script` is the built worker (WORKER_SCRIPT unless a test says otherwise).
 */
export function workerReader(script = WORKER_SCRIPT): BatchReader {
  if (!existsSync(script)) throw new Error(`The ingestion worker is not built: ${script}`);
  const worker = new Worker(script);
  const waiting = new Map<
    number,
    { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void }
  >();
  let failed: Error | undefined;
  const failAll = (error: Error): void => {
    failed ??= error;
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  worker.on('message', (reply: WorkerReply) => {
    const pending = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (!pending) return;
    if ('failure' in reply) pending.reject(fromPlainError(reply.failure));
    else pending.resolve(reply);
  });
  worker.on('error', failAll);
  worker.on('exit', (code) =>
    failAll(new Error(`The ingestion worker stopped (exit code ${code}).`)),
  );
  let next = 0;
  const ask = (request: WorkerRequest): Promise<WorkerReply> =>
    new Promise((resolve, reject) => {
      if (failed) {
        reject(failed);
        return;
      }
      waiting.set(request.id, { resolve, reject });
      worker.postMessage(request);
    });
  const handles = new WeakMap<ReadHandle, number>();
  return {
    async read(requests) {
      const id = next++;
      const reply = await ask({ type: 'read', id, requests });
      if (!('keys' in reply)) throw new Error('The ingestion worker answered out of turn.');
      const handle = { keys: reply.keys };
      handles.set(handle, id);
      return handle;
    },
    async link(handle, looked, after) {
      const id = handles.get(handle);
      if (id === undefined) {
        throw new Error('This batch was not read by this reader, or linked already.');
      }
      handles.delete(handle);
      const reply = await ask({
        type: 'link',
        id,
        looked,
        after: after && { creates: after.creates },
      });
      if (!('linked' in reply)) throw new Error('The ingestion worker answered out of turn.');
      return fromPlainBatch(reply.linked);
    },
    async close() {
      failed ??= new Error('The ingestion worker was closed.');
      await worker.terminate();
    },
  };
}
