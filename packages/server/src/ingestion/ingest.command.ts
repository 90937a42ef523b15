// `dateline ingest <file|directory|->`: raw article text from disk or stdin through the ingestion
// service. A folder (or stdin holding several articles) goes through in batches, one transaction
// each. A run cut short is simply run again: the database recognises a text it already has (its
// content identity) and reports it as a duplicate, so no state is kept beside the files.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { DomainError } from '../shared/domain-error';
import { toGlobalId } from '../shared/ids';
import type { BatchReader, ReadHandle } from './batch-reader';
import type {
  IngestedEntity,
  IngestResult,
  IngestionService,
  LinkedBatch,
} from './ingestion.service';

/**
 * Texts stored per transaction: each batch is a few multi-row statements (ArticleService
 * createManyIn), so larger batches amortise more; a batch the database refuses is retried a text
 * at a time.
 */
export const BATCH_SIZE = 100;

/** The first batch of a run: the database has nothing to store until it is extracted. */
const FIRST_BATCH = 10;

/**
 * Where each batch of `total` texts starts and ends. The database stores one batch while this
 * process extracts the next, so the first batches are small and grow to `size`: the database
 * starts work after ten texts rather than a full batch, and each batch is at most twice the one
 * being stored meanwhile.
 */
export function batchRanges(total: number, size: number): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  let next = Math.min(FIRST_BATCH, size);
  for (let start = 0; start < total; start += next, next = Math.min(next * 2, size)) {
    ranges.push({ start, end: Math.min(start + next, total) });
  }
  return ranges;
}

export interface IngestCommandOptions {
  dryRun: boolean;
  /** YYYY-MM-DD, for text without a `date …` header. */
  publishedAt?: string | undefined;
  url?: string | undefined;
  json: boolean;
  /** Texts per transaction for a folder or stdin; BATCH_SIZE when not given. */
  batchSize?: number | undefined;
  /**
   * Where a folder's or stdin's texts are read and linked (the CLI: a worker thread); on this
   * thread when not given. Whoever made it closes it.
   */
  reader?: BatchReader | undefined;
}

export interface CommandIO {
  out(line: string): void;
  /** Progress and per-file problems (stderr), kept apart from the output a script may parse. */
  progress(line: string): void;
  readStdin(): Promise<string>;
}

export class IngestCommandError extends Error {}

const HEADER = /^\uFEFF?\s*date\b/i;
/** Where a text in the fixture format starts: several of them may be concatenated on stdin. */
const ARTICLE_START = /^(?=\uFEFF?[ \t]*date[ \t]+\d{4}-\d{2}-\d{2}\b)/gim;

/** Splits stdin into articles when it holds several in the fixture format, one after another. */
export function splitArticles(text: string): string[] {
  if (!HEADER.test(text)) return [text];
  const parts = text.split(ARTICLE_START).filter((part) => part.trim() !== '');
  return parts.length > 0 ? parts : [text];
}

export async function ingestCommand(
  service: IngestionService,
  target: string,
  options: IngestCommandOptions,
  io: CommandIO,
): Promise<void> {
  if (target === '-') {
    const texts = splitArticles(await io.readStdin());
    if (texts.length > 1) {
      if (options.url) {
        throw new IngestCommandError('--url names one article; stdin holds ' + texts.length + '.');
      }
      const sources = texts.map((text, index) => ({
        name: `stdin #${index + 1}`,
        read: () => text,
      }));
      await ingestBatches(service, sources, options, io);
      return;
    }
    const result = await ingestOne(service, texts[0] ?? '', options);
    printOne(result, options, io);
    return;
  }
  if (!existsSync(target)) throw new IngestCommandError(`No such file or directory: ${target}`);
  if (statSync(target).isDirectory()) {
    if (options.url) {
      throw new IngestCommandError('--url names one article; it cannot be used with a directory.');
    }
    await ingestFolder(service, target, options, io);
    return;
  }
  const result = await ingestOne(service, readFileSync(target, 'utf8'), options);
  printOne(result, options, io);
}

function requestFor(text: string, options: IngestCommandOptions) {
  return {
    text,
    // The header's date wins for fixture-format text; --published-at is for plain text.
    publishedAt:
      options.publishedAt && !HEADER.test(text)
        ? new Date(`${options.publishedAt}T00:00:00Z`)
        : null,
    url: options.url ?? null,
    dryRun: options.dryRun,
  };
}

async function ingestOne(
  service: IngestionService,
  text: string,
  options: IngestCommandOptions,
): Promise<IngestResult> {
  try {
    return await service.ingest(requestFor(text, options));
  } catch (error) {
    throw commandError(error);
  }
}

/** The service's error in the command's terms (flags rather than input fields). */
function commandError(error: unknown): unknown {
  if (error instanceof DomainError && error.fields.length > 0) {
    const flags: Record<string, string> = {
      publishedAt: '--published-at',
      url: '--url',
      text: 'the text',
    };
    return new IngestCommandError(
      error.fields
        .map((field) => {
          const name = String(field.path[1] ?? '');
          return `${flags[name] ?? field.path.join('.')}: ${field.message}`;
        })
        .join('\n')
        .replace('pass publishedOn', 'pass --published-at YYYY-MM-DD'),
    );
  }
  return error;
}

async function ingestFolder(
  service: IngestionService,
  folder: string,
  options: IngestCommandOptions,
  io: CommandIO,
): Promise<void> {
  const sources = readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.txt') && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ name, read: () => readFileSync(path.join(folder, name), 'utf8') }));
  await ingestBatches(service, sources, options, io);
}

interface Source {
  name: string;
  read(): string;
}

/** Ingests `sources` a batch (BATCH_SIZE unless the options say) at a time, reporting each and a summary at the end. */
async function ingestBatches(
  service: IngestionService,
  sources: Source[],
  options: IngestCommandOptions,
  io: CommandIO,
): Promise<void> {
  const counts = { created: 0, duplicate: 0, failed: 0, wouldCreate: 0 };
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  const seconds = (): number => Number(process.hrtime.bigint() - started) / 1e9;
  const rate = (): number => {
    const processed = counts.created + counts.duplicate + counts.failed + counts.wouldCreate;
    return processed / Math.max(seconds(), 1e-9);
  };

  const ranges = batchRanges(sources.length, options.batchSize ?? BATCH_SIZE);
  const reader = options.reader ?? service.reader();
  /** Reads a batch's files and gives them to the service to read (no database needed yet). */
  const readBatch = (range: { start: number; end: number } | undefined) => {
    if (!range) return undefined;
    const batch = sources.slice(range.start, range.end);
    const outcomes: (IngestResult | Error | undefined)[] = [];
    const requests: { index: number; text: string }[] = [];
    for (const [offset, source] of batch.entries()) {
      try {
        requests.push({ index: offset, text: source.read() });
        outcomes.push(undefined);
      } catch (error) {
        outcomes.push(error instanceof Error ? error : new Error(String(error)));
      }
    }
    const read = reader.read(requests.map((request) => requestFor(request.text, options)));
    // Handled where it is awaited; this keeps a failure from counting as unhandled meanwhile.
    read.catch(() => undefined);
    return { first: range.start, batch, outcomes, requests, read };
  };

  // A pipeline: while the database stores batch N, the reader extracts batch N+1 (linked as if
  // N were stored, against the candidates looked up before N's transaction began) and reads
  // batch N+2; while the reader links batch N, the database looks batch N+1 up. Neither side
  // waits for the other but where one needs the other's result.
  type Reading = NonNullable<ReturnType<typeof readBatch>>;
  const lookUp = async (reading: Reading) => {
    const handle: ReadHandle = await reading.read;
    return { ...reading, handle, looked: await service.lookUp(handle.keys, { skipStored: true }) };
  };
  const link = (batch: Awaited<ReturnType<typeof lookUp>>, after?: LinkedBatch) => {
    const linking = reader.link(batch.handle, batch.looked, after);
    // Handled where it is awaited; this keeps a failure from counting as unhandled meanwhile.
    linking.catch(() => undefined);
    return { ...batch, linking };
  };
  const firstReading = readBatch(ranges[0]);
  // Read while the first batch is looked up, so that it is read by the time that one is linked.
  let reading = readBatch(ranges[1]);
  let current = firstReading ? link(await lookUp(firstReading)) : undefined;
  for (let index = 0; current; index += 1) {
    const { first, batch, outcomes, requests } = current;
    // Looked up after the previous batch's transaction and before this one's: this batch's
    // entities are in none of the next batch's stored candidates, but in `linked.creates`.
    const next = reading ? await lookUp(reading) : undefined;
    reading = readBatch(ranges[index + 2]);
    const linked = await current.linking;
    const following = next ? link(next, linked) : undefined;
    const results = await service.store(linked, { skipStored: true });
    requests.forEach((request, index) => (outcomes[request.index] = results[index]));
    current = following;

    for (const [offset, source] of batch.entries()) {
      const position = `[${first + offset + 1}/${sources.length}]`;
      const outcome = outcomes[offset];
      if (!outcome || outcome instanceof Error) {
        counts.failed += 1;
        const failure = commandError(outcome);
        const message = failure instanceof Error ? failure.message : String(failure);
        io.progress(`${position} ${source.name}: failed: ${message.replace(/\n/g, '; ')}`);
        if (options.json) {
          io.out(JSON.stringify({ file: source.name, status: 'failed', error: message }));
        }
        continue;
      }
      const result = outcome;
      const status = result.dryRun ? 'dry run' : result.created ? 'created' : 'duplicate';
      if (result.dryRun) counts.wouldCreate += 1;
      else if (result.created) counts.created += 1;
      else counts.duplicate += 1;
      const { quotes, deadlines, entities } = result.extraction;
      io.progress(
        `${position} ${source.name}: ${status}, ${count(entities.length, 'entity', 'entities')}, ${count(quotes.length, 'quote', 'quotes')}, ${count(deadlines.length, 'deadline', 'deadlines')} (${rate().toFixed(1)} articles/s)`,
      );
      if (options.json) io.out(JSON.stringify({ file: source.name, status, ...toJson(result) }));
    }
  }

  const summary = {
    files: sources.length,
    created: counts.created,
    duplicate: counts.duplicate,
    failed: counts.failed,
    ...(options.dryRun && { dryRun: counts.wouldCreate }),
    seconds: Number(seconds().toFixed(2)),
    articlesPerSecond: Number(rate().toFixed(1)),
    // This process's CPU time (with the embedded database, the database's too): on a busy
    // machine the wall clock also counts other processes' turns.
    cpuSeconds: Number(cpuSeconds(cpuStarted).toFixed(2)),
  };
  if (options.json) {
    io.out(JSON.stringify({ summary }));
  } else {
    const read = options.dryRun
      ? `${counts.wouldCreate} read (dry run, nothing stored)`
      : `${counts.created} created, ${counts.duplicate} already stored`;
    io.out(
      `${sources.length} articles in ${summary.seconds} s (${summary.articlesPerSecond} articles/s): ${read}, ${counts.failed} failed.`,
    );
  }
  if (counts.failed > 0) {
    throw new IngestCommandError(
      `${counts.failed} of ${sources.length} articles failed; the others are stored. Run the same command again once they are fixed: stored texts are recognised and skipped.`,
    );
  }
}

function printOne(result: IngestResult, options: IngestCommandOptions, io: CommandIO): void {
  if (options.json) io.out(JSON.stringify(toJson(result), null, 2));
  else for (const line of describe(result)) io.out(line);
}

/** The result for machines: entities once, quotes and deadlines referring to them by key. */
export function toJson(result: IngestResult) {
  const key = (entity: IngestedEntity | null): string | null => entity?.key ?? null;
  const { extraction } = result;
  return {
    created: result.created,
    dryRun: result.dryRun,
    article: result.article && {
      id: toGlobalId('Article', result.article.id),
      headline: result.article.headline,
    },
    extraction: {
      headline: extraction.headline,
      headlineDerived: extraction.headlineDerived,
      publishedAt: extraction.publishedAt.toISOString(),
      datelines: extraction.datelines,
      entities: extraction.entities.map(({ entity, mentions, ...rest }) => ({
        ...rest,
        linkedTo: entity && toGlobalId('Entity', entity.id),
        mentions: mentions.map((mention) => ({
          text: mention.text,
          form: mention.form,
          ...mention.span,
        })),
      })),
      quotes: extraction.quotes.map((quote) => ({
        ...quote,
        speaker: key(quote.speaker),
        via: key(quote.via),
      })),
      deadlines: extraction.deadlines.map((deadline) => ({
        ...deadline,
        setBy: key(deadline.setBy),
        subject: key(deadline.subject),
        concerns: deadline.concerns.map((entity) => entity.key),
      })),
    },
  };
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

const shorten = (text: string, max: number): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
};

/** A compact listing a person can check against the text. */
export function describe(result: IngestResult): string[] {
  const { extraction } = result;
  const lines: string[] = [];
  if (result.dryRun) lines.push('Dry run: nothing was stored.');
  else if (result.created && result.article) {
    lines.push(`Stored as ${toGlobalId('Article', result.article.id)}.`);
  } else if (result.article) {
    lines.push(
      `Already stored as ${toGlobalId('Article', result.article.id)}; nothing new was written.`,
    );
  }
  lines.push(
    `Headline:  ${shorten(extraction.headline, 160)}${extraction.headlineDerived ? ' (derived from the first sentence)' : ''}`,
  );
  lines.push(
    `Published: ${extraction.publishedAt.toISOString().slice(0, 10)}${extraction.datelines.length > 0 ? `, dateline ${extraction.datelines.join(' / ')}` : ''}`,
  );

  const linked = (entity: IngestedEntity): string => (entity.entity ? ' [stored]' : '');
  lines.push('', `Entities (${extraction.entities.length}):`);
  for (const entity of extraction.entities) {
    lines.push(
      `  ${entity.name} (${entity.kind}${entity.title ? `, ${entity.title}` : ''})${linked(entity)}`,
    );
  }

  for (const direct of [true, false]) {
    const quotes = extraction.quotes.filter((quote) => quote.direct === direct);
    lines.push('', `${direct ? 'Direct' : 'Indirect'} quotes (${quotes.length}):`);
    quotes.forEach((quote, index) => {
      const who = quote.speaker
        ? `${quote.speaker.name}${quote.speakerTitle ? ` (${quote.speakerTitle})` : ''}`
        : 'speaker unresolved, not stored';
      const details = [
        who,
        quote.channel ?? 'channel unknown',
        quote.via ? `via ${quote.via.name}` : null,
        quote.spokenOn ? `said ${quote.spokenOn}` : null,
        `confidence ${quote.confidence.toFixed(2)}`,
        `chars ${quote.span.start}–${quote.span.end}`,
      ].filter((part) => part !== null);
      lines.push(`  ${index + 1}. "${shorten(quote.text, 90)}"`, `     ${details.join(' · ')}`);
    });
  }

  lines.push('', `Deadlines (${extraction.deadlines.length}):`);
  for (const deadline of extraction.deadlines) {
    const details = [
      `set by ${deadline.setBy?.name ?? 'unknown'}`,
      `for ${deadline.subject?.name ?? 'unknown (not stored)'}`,
      deadline.consequence ? `or else ${deadline.consequence}` : null,
      deadline.status,
      `confidence ${deadline.confidence.toFixed(2)}`,
      deadline.stored ? null : 'not stored',
    ].filter((part) => part !== null);
    lines.push(
      `  ${deadline.dueOn}  ${shorten(deadline.description, 90)}`,
      `     ${details.join(' · ')}`,
    );
  }
  return lines;
}
