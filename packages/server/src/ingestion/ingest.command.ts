// `dateline ingest <file|directory|->`: raw article text from disk or stdin through the ingestion
// service. A folder is read one file at a time and remembers the files it has finished in a state
// file beside them, so a run cut short picks up where it stopped; idempotent storage makes a
// repeated file harmless anyway, the state file only saves the work of reading it again.
import { appendFileSync, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { DomainError } from '../shared/domain-error';
import { toGlobalId } from '../shared/ids';
import type { IngestedEntity, IngestResult, IngestionService } from './ingestion.service';

export const STATE_FILE = '.dateline-ingested';

export interface IngestCommandOptions {
  dryRun: boolean;
  /** YYYY-MM-DD, for text without a `date …` header. */
  publishedAt?: string | undefined;
  url?: string | undefined;
  json: boolean;
}

export interface CommandIO {
  out(line: string): void;
  /** Progress and per-file problems (stderr), kept apart from the output a script may parse. */
  progress(line: string): void;
  readStdin(): Promise<string>;
}

export class IngestCommandError extends Error {}

const HEADER = /^\uFEFF?\s*date\b/i;

export async function ingestCommand(
  service: IngestionService,
  target: string,
  options: IngestCommandOptions,
  io: CommandIO,
): Promise<void> {
  if (target === '-') {
    const result = await ingestOne(service, await io.readStdin(), options);
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

async function ingestOne(
  service: IngestionService,
  text: string,
  options: IngestCommandOptions,
): Promise<IngestResult> {
  try {
    return await service.ingest({
      text,
      // The header's date wins for fixture-format text; --published-at is for plain text.
      publishedAt:
        options.publishedAt && !HEADER.test(text)
          ? new Date(`${options.publishedAt}T00:00:00Z`)
          : null,
      url: options.url ?? null,
      dryRun: options.dryRun,
    });
  } catch (error) {
    if (error instanceof DomainError && error.fields.length > 0) {
      const flags: Record<string, string> = {
        publishedAt: '--published-at',
        url: '--url',
        text: 'the text',
      };
      throw new IngestCommandError(
        error.fields
          .map((field) => {
            const name = String(field.path[1] ?? '');
            return `${flags[name] ?? field.path.join('.')}: ${field.message}`;
          })
          .join('\n')
          .replace('pass publishedOn', 'pass --published-at YYYY-MM-DD'),
      );
    }
    throw error;
  }
}

async function ingestFolder(
  service: IngestionService,
  folder: string,
  options: IngestCommandOptions,
  io: CommandIO,
): Promise<void> {
  const files = readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.txt') && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
  const statePath = path.join(folder, STATE_FILE);
  const done = new Set(
    !options.dryRun && existsSync(statePath)
      ? readFileSync(statePath, 'utf8')
          .split('\n')
          .filter((line) => line !== '')
      : [],
  );
  const counts = { created: 0, duplicate: 0, failed: 0, skipped: 0, wouldCreate: 0 };
  let stateWritable = true;
  const started = process.hrtime.bigint();
  const seconds = (): number => Number(process.hrtime.bigint() - started) / 1e9;
  const rate = (): number => {
    const processed = counts.created + counts.duplicate + counts.failed + counts.wouldCreate;
    return processed / Math.max(seconds(), 1e-9);
  };

  for (const [index, name] of files.entries()) {
    const position = `[${index + 1}/${files.length}]`;
    if (done.has(name)) {
      counts.skipped += 1;
      io.progress(`${position} ${name}: skipped (done in an earlier run)`);
      if (options.json) io.out(JSON.stringify({ file: name, status: 'skipped' }));
      continue;
    }
    let result: IngestResult;
    try {
      result = await ingestOne(service, readFileSync(path.join(folder, name), 'utf8'), options);
    } catch (error) {
      counts.failed += 1;
      const message = error instanceof Error ? error.message : String(error);
      io.progress(`${position} ${name}: failed: ${message.replace(/\n/g, '; ')}`);
      if (options.json) io.out(JSON.stringify({ file: name, status: 'failed', error: message }));
      continue;
    }
    const status = result.dryRun ? 'dry run' : result.created ? 'created' : 'duplicate';
    if (result.dryRun) counts.wouldCreate += 1;
    else if (result.created) counts.created += 1;
    else counts.duplicate += 1;
    if (!result.dryRun && stateWritable) {
      try {
        appendFileSync(statePath, `${name}\n`);
      } catch (error) {
        stateWritable = false;
        io.progress(
          `Cannot write ${statePath} (${error instanceof Error ? error.message : String(error)}); continuing without resume.`,
        );
      }
    }
    const { quotes, deadlines, entities } = result.extraction;
    io.progress(
      `${position} ${name}: ${status}, ${count(entities.length, 'entity', 'entities')}, ${count(quotes.length, 'quote', 'quotes')}, ${count(deadlines.length, 'deadline', 'deadlines')} (${rate().toFixed(1)} articles/s)`,
    );
    if (options.json) io.out(JSON.stringify({ file: name, status, ...toJson(result) }));
  }

  const summary = {
    files: files.length,
    created: counts.created,
    duplicate: counts.duplicate,
    failed: counts.failed,
    skipped: counts.skipped,
    ...(options.dryRun && { dryRun: counts.wouldCreate }),
    seconds: Number(seconds().toFixed(2)),
    articlesPerSecond: Number(rate().toFixed(1)),
  };
  if (options.json) {
    io.out(JSON.stringify({ summary }));
  } else {
    const read = options.dryRun
      ? `${counts.wouldCreate} read (dry run, nothing stored)`
      : `${counts.created} created, ${counts.duplicate} duplicate`;
    io.out(
      `${files.length} files in ${summary.seconds} s (${summary.articlesPerSecond} articles/s): ${read}, ${counts.failed} failed, ${counts.skipped} skipped (done in an earlier run).`,
    );
  }
  if (counts.failed > 0) {
    throw new IngestCommandError(
      `${counts.failed} of ${files.length} files failed; they are not marked done and are retried on the next run.`,
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
