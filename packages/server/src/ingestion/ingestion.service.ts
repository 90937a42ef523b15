// Ingestion: raw article text in, a stored article out. Reads the text with the extraction engine,
// links what it finds to stored entities, and stores the result through ArticleService, so
// idempotency and the all-or-nothing transaction are the same as for createArticle.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ArticleRepository, ArticleRow } from '../articles/article.repository';
import { contentHash } from '../articles/article.rules';
import type { ArticleService, CreatedArticle, NewArticle } from '../articles/article.service';
import type { EntityRow } from '../db/schema';
import type { EntityRef } from '../entities/entity-ref';
import type { EntityRepository } from '../entities/entity.repository';
import type { NewDeadline } from '../deadlines/deadline.service';
import type { NewQuote } from '../quotes/quote.service';
import { parseGlobalId, toGlobalId } from '../shared/ids';
import { invalidInput, validateInput } from '../shared/validation';
import {
  ArticleTextError,
  extractArticle,
  findEntityNames,
  layoutText,
  prepareArticle,
  parseArticleText,
  type DeadlineStatus,
  type EntityKind,
  type EntityMention,
  type Extraction,
  type KnownEntity,
  type ParsedArticleText,
  type PreparedArticle,
  type QuoteChannel,
} from '@dateline/extraction';
import type { BatchReader, ReadHandle } from './batch-reader';
import { ingestArticleSchema } from './ingestion.schema';

export interface IngestRequest {
  text: string;
  publishedAt?: Date | null | undefined;
  headline?: string | null | undefined;
  url?: string | null | undefined;
  source?: EntityRef | null | undefined;
  language?: string | null | undefined;
  dryRun?: boolean | null | undefined;
}

/** A span in code points, the unit stored quote spans and every client use. */
export interface CodePointSpan {
  start: number;
  end: number;
}

export interface IngestedEntity {
  key: string;
  name: string;
  kind: EntityKind;
  aliases: string[];
  title: string | null;
  confidence: number;
  mentions: { text: string; form: EntityMention['form']; span: CodePointSpan }[];
  /** The stored entity it was linked to by name or alias; null when it is new. */
  entity: EntityRow | null;
}

export interface IngestedQuote {
  text: string;
  direct: boolean;
  span: CodePointSpan;
  speaker: IngestedEntity | null;
  speakerMention: string | null;
  speakerTitle: string | null;
  cue: string | null;
  channel: QuoteChannel | null;
  via: IngestedEntity | null;
  spokenOn: string | null;
  confidence: number;
  evidence: CodePointSpan;
  stored: boolean;
}

export interface IngestedDeadline {
  description: string;
  dueOn: string;
  previousDueOn: string | null;
  status: DeadlineStatus;
  setBy: IngestedEntity | null;
  subject: IngestedEntity | null;
  concerns: IngestedEntity[];
  consequence: string | null;
  confidence: number;
  evidence: CodePointSpan;
  stored: boolean;
}

export interface IngestedExtraction {
  headline: string;
  headlineDerived: boolean;
  body: string;
  publishedAt: Date;
  datelines: string[];
  entities: IngestedEntity[];
  quotes: IngestedQuote[];
  deadlines: IngestedDeadline[];
}

export interface IngestResult {
  created: boolean;
  dryRun: boolean;
  article: ArticleRow | null;
  extraction: IngestedExtraction;
}

/** Candidate entities loaded per article: enough for any real article, never the whole table. */
const MAX_CANDIDATES = 500;
const MAX_LOOKUP_NAMES = 300;
const MAX_HEADLINE = 500;
/** pg_trgm's default similarity threshold, what `%` finds stored candidates with. */
const SIMILARITY_THRESHOLD = 0.3;

/** Texts `readTexts` read, to be looked up (by their `readKeys`) and linked where they were read. */
export interface ReadBatch {
  readonly requests: readonly IngestRequest[];
  readonly texts: readonly (ReadText | Error)[];
}

/**
 * What looking up a text read needs from it: small enough to pass between threads, so a batch
 * can be read and linked on one thread and looked up and stored on another (the CLI does).
 */
export interface ReadKey {
  readonly names: readonly string[];
  readonly url: string | null;
  readonly hash: string;
  readonly dryRun: boolean;
}

/** The keys of a batch's texts, in its order: null for a text that could not be read. */
export function readKeys(batch: ReadBatch): (ReadKey | null)[] {
  return batch.texts.map((text) =>
    text instanceof Error
      ? null
      : {
          names: text.names,
          url: text.input.url || null,
          hash: contentHash(text.parsed.body),
          dryRun: text.input.dryRun === true,
        },
  );
}

/**
 * The first half of ingestion, which needs no database: validates, parses and reads each text
 * once to find the names it mentions. It yields to the event loop between texts, so a caller
 * that reads the next batch while the current one is being stored keeps its thread busy while
 * the database works.
 */
export async function readTexts(requests: readonly IngestRequest[]): Promise<ReadBatch> {
  const texts: (ReadText | Error)[] = [];
  for (const request of requests) {
    try {
      texts.push(readRequest(request));
    } catch (error) {
      texts.push(asError(error));
    }
    if (requests.length > 1) await yieldToEventLoop();
  }
  return { requests, texts };
}

/**
 * Extracts each text of a batch against its stored candidates (`looked`, found by
 * IngestionService.lookUp) and the entities the texts before it create, and plans it as
 * createArticle input (none for a dry run); no database. `after` is a batch linked earlier and
 * not committed when this one was looked up: the entities it creates count as created before
 * this batch, as if both were one. It yields to the event loop between texts.
 */
export async function linkTexts(
  batch: ReadBatch,
  looked: LookedUpBatch,
  after?: Pick<LinkedBatch, 'creates'>,
): Promise<LinkedBatch> {
  const { byName, already } = looked;
  const storedExact = (name: string): boolean => (byName.get(name)?.exact.length ?? 0) > 0;
  const pending = new PendingEntities();
  for (const ref of after?.creates ?? []) pending.add(ref);
  const linked: (Linked | Error)[] = [];
  for (const [index, text] of batch.texts.entries()) {
    if (text instanceof Error) {
      linked.push(text);
      continue;
    }
    const stored = already.get(index);
    try {
      if (stored) {
        // Read once, not linked: what it mentions was linked when it was stored.
        const { ingested } = plan(text, extractArticle(text.article), new Map(), new Map());
        linked.push({ ingested, article: null, created: [], pending: [], stored });
      } else {
        const candidates = storedCandidates(
          text.names,
          byName,
          (name) => pending.exact(name).length > 0,
        );
        const earlier = pending.like(text.names, storedExact);
        const known: KnownEntity[] = [
          ...candidates.map(({ row, aliases }) => ({
            id: toGlobalId('Entity', row.id),
            name: row.name,
            kind: row.kind,
            aliases,
          })),
          ...earlier.map((entity) => entity.known),
        ].slice(0, MAX_CANDIDATES);
        const result = plan(
          text,
          extractArticle(text.article, known),
          new Map(candidates.map(({ row }) => [toGlobalId('Entity', row.id), row])),
          new Map(earlier.map((entity) => [entity.known.id, entity.ref])),
        );
        if (result.article) {
          for (const ref of result.created) pending.add(ref);
        }
        linked.push(result);
      }
    } catch (error) {
      linked.push(asError(error));
    }
    if (batch.texts.length > 1) await yieldToEventLoop();
  }
  const creates = linked.flatMap((result) =>
    result instanceof Error || !result.article ? [] : result.created,
  );
  return { requests: batch.requests, linked, creates };
}

/** A text read, laid out and searched for names, waiting to be linked to stored entities. */
interface ReadText {
  request: IngestRequest;
  input: ReturnType<typeof validateRequest>;
  parsed: ParsedArticleText;
  /** Laid out once; extracted against the candidates its names find. */
  article: PreparedArticle;
  /** The names and aliases found, the ones candidates are looked up by. */
  names: string[];
}

/**
 * The entities the texts before this one in a batch are about to create, looked up as the
 * database looks up stored ones for a text (pg_trgm's `%`: a name or alias with a trigram
 * similarity of at least 0.3 to one of the text's names), through an index of their trigrams.
 */
class PendingEntities {
  private readonly entities: { known: KnownEntity; ref: EntityRef }[] = [];
  private readonly keys = new Set<string>();
  /** Every name and alias of the entities, with its entity and its number of trigrams. */
  private readonly names: { entity: number; grams: number }[] = [];
  /** Trigram → the names and aliases (indexes into `names`) that have it. */
  private readonly byGram = new Map<string, number[]>();
  /** Match key of a name or alias → the entities it names. */
  private readonly byKey = new Map<string, number[]>();
  /** Scratch for `like`: trigrams shared with the name being looked up, by index into `names`. */
  private shared = new Uint16Array(0);

  add(ref: EntityRef): void {
    const name = (ref.name as string).trim();
    const key = `${ref.kind as string}:${name.replace(/\s+/g, ' ').toLowerCase()}`;
    if (this.keys.has(key)) return;
    this.keys.add(key);
    const entity = this.entities.length;
    const aliases = [...(ref.aliases ?? [])];
    for (const key of new Set([name, ...aliases].map(matchKey))) {
      const list = this.byKey.get(key) ?? [];
      list.push(entity);
      this.byKey.set(key, list);
    }
    for (const grams of [name, ...aliases].map(trigrams)) {
      const index = this.names.length;
      this.names.push({ entity, grams: grams.size });
      for (const gram of grams) {
        const list = this.byGram.get(gram) ?? [];
        list.push(index);
        this.byGram.set(gram, list);
      }
    }
    this.entities.push({
      known: { id: `new:${entity}`, name, kind: ref.kind as EntityKind, aliases },
      ref,
    });
  }

  /** The pending entities a name or alias of which has this match key. */
  exact(name: string): number[] {
    return this.byKey.get(matchKey(name)) ?? [];
  }

  /**
   * The pending entities for `names`, in the order they were added, looked up as the stored ones
   * are: the ones a name names exactly (by match key), and only for a name that names none here
   * or among the stored (`storedExact`), the ones like it (pg_trgm's similarity: the trigrams two
   * names share over all the trigrams of both, counted from the trigram index).
   */
  like(
    names: readonly string[],
    storedExact: (name: string) => boolean,
  ): { known: KnownEntity; ref: EntityRef }[] {
    const found = new Set<number>();
    // Shared trigrams per name or alias, counted in an array reset after each name: a batch's
    // pending entities run to thousands of names, and common trigrams list most of them.
    if (this.shared.length < this.names.length) {
      this.shared = new Uint16Array(Math.max(this.names.length, 2 * this.shared.length));
    }
    const shared = this.shared;
    const touched: number[] = [];
    for (const name of names) {
      const exact = this.exact(name);
      for (const entity of exact) found.add(entity);
      if (exact.length > 0 || storedExact(name)) continue;
      const ours = trigrams(name);
      for (const gram of ours) {
        for (const index of this.byGram.get(gram) ?? []) {
          if (shared[index] === 0) touched.push(index);
          shared[index] = shared[index]! + 1;
        }
      }
      for (const index of touched) {
        const count = shared[index]!;
        shared[index] = 0;
        const other = this.names[index]!;
        if (count / (ours.size + other.grams - count) >= SIMILARITY_THRESHOLD) {
          found.add(other.entity);
        }
      }
      touched.length = 0;
    }
    return [...found].sort((a, b) => a - b).map((index) => this.entities[index]!);
  }
}

export class IngestionService {
  constructor(
    private readonly articles: ArticleService,
    private readonly entities: EntityRepository,
    private readonly stored: ArticleRepository,
  ) {}

  async ingest(request: IngestRequest): Promise<IngestResult> {
    const [result] = await this.ingestMany([request]);
    if (result instanceof Error) throw result;
    return result as IngestResult;
  }

  /**
   * Ingests several texts in one transaction (one commit, a few statements for the lot): what a
   * folder or a stream of articles goes through, and a single text as a batch of one. A text is
   * linked to the stored entities and to the ones the texts before it in the batch create, as one
   * at a time would. A text that cannot be read or stored gets its error in its place and the
   * others are stored; if the database refuses the batch, each text is tried alone, so one bad
   * text costs only itself.
   */
  async ingestMany(
    requests: readonly IngestRequest[],
    options: IngestManyOptions = {},
  ): Promise<(IngestResult | Error)[]> {
    return this.ingestRead(await this.read(requests), options);
  }

  /** Reads and links batches for `lookUp` and `store` on this thread (workerReader: on another). */
  reader(): BatchReader {
    return inProcessReader();
  }

  /** The first half of ingestMany, which needs no database: readTexts. */
  read(requests: readonly IngestRequest[]): Promise<ReadBatch> {
    return readTexts(requests);
  }

  /** The second half of ingestMany: looks up, links and stores a batch that `read` returned. */
  async ingestRead(
    batch: ReadBatch,
    options: IngestManyOptions = {},
  ): Promise<(IngestResult | Error)[]> {
    const looked = await this.lookUp(readKeys(batch), options);
    return this.store(await linkTexts(batch, looked), options);
  }

  /**
   * What linking a batch needs from the database, read outside any transaction: the texts
   * already stored (with `skipStored`) and the stored candidates for every text's names, in one
   * statement each.
   */
  async lookUp(
    keys: readonly (ReadKey | null)[],
    options: IngestManyOptions = {},
  ): Promise<LookedUpBatch> {
    const already = options.skipStored
      ? await storedTexts(keys, this.stored)
      : new Map<number, ArticleRow>();
    // Every name looked up once, exactly by the match-key indexes, and by trigrams only when it
    // names nothing exactly.
    const names = [
      ...new Set(keys.flatMap((key, index) => (!key || already.has(index) ? [] : key.names))),
    ];
    const hits = await this.entities.candidatesForNames(names, MAX_CANDIDATES);
    const byName = new Map<string, { exact: StoredCandidate[]; like: StoredCandidate[] }>();
    for (const { index, exact, entity } of hits) {
      const name = names[index]!;
      const entry = byName.get(name) ?? { exact: [], like: [] };
      const { aliases, ...row } = entity;
      (exact ? entry.exact : entry.like).push({ row, aliases });
      byName.set(name, entry);
    }
    return { already, byName };
  }

  /**
   * Stores a linked batch in one transaction (one commit, a few statements for the lot). A text
   * that cannot be stored gets its error in its place and the others are stored; if the database
   * refuses the batch, each text is looked up, linked and stored alone, so one bad text costs
   * only itself.
   */
  async store(
    batch: LinkedBatch,
    options: IngestManyOptions = {},
  ): Promise<(IngestResult | Error)[]> {
    const { linked } = batch;
    const results: (IngestResult | Error)[] = linked.map((result) => {
      if (result instanceof Error) return result;
      const { ingested: extraction, stored } = result;
      return stored
        ? { created: false, dryRun: false, article: stored, extraction }
        : { created: false, dryRun: true, article: null, extraction };
    });
    const writes = linked.flatMap((result, index) =>
      result instanceof Error || !result.article ? [] : [{ index, article: result.article }],
    );
    if (writes.length === 0) return results;
    try {
      await this.articles.batch(async (createMany, repositories) => {
        const stored = await createMany(writes.map((write) => write.article));
        writes.forEach(({ index }, position) => {
          const outcome = stored[position] as CreatedArticle | Error;
          const extraction = (linked[index] as Linked).ingested;
          results[index] =
            outcome instanceof Error ? outcome : { ...outcome, dryRun: false, extraction };
        });
        await this.fillPendingLinks(linked, repositories.entities);
      });
    } catch (error) {
      if (linked.length === 1) return [asError(error)];
      // One at a time tells which text failed and why.
      const alone: (IngestResult | Error)[] = [];
      for (const [index, result] of linked.entries()) {
        if (result instanceof Error) alone.push(result);
        else alone.push(...(await this.ingestMany([batch.requests[index]!], options)));
      }
      return alone;
    }
    // A folder fills empty tables batch by batch: the next batch's lookups need statistics that
    // know it. The batch is committed by now; statistics are only an optimisation, so a failure
    // here (the table's owner is another role, say) costs the plans, not the batch.
    if (linked.length > 1) await this.stored.refreshStatistics().catch(() => []);
    return results;
  }

  /** Links to entities created earlier in the batch name the stored rows, once they exist. */
  private async fillPendingLinks(
    linked: readonly (Linked | Error)[],
    entities: EntityRepository,
  ): Promise<void> {
    const waiting = linked.flatMap((result) => (result instanceof Error ? [] : result.pending));
    if (waiting.length === 0) return;
    const found = await entities.byNames(
      waiting.map(({ ref }) => ({
        name: (ref.name as string).trim(),
        kind: ref.kind as EntityKind,
      })),
    );
    for (const { index, entity } of found) waiting[index]!.entity.entity = entity;
  }
}

export interface IngestManyOptions {
  /**
   * Answer a text already stored (by URL, or content without one) from its first reading, without
   * linking it to the stored entities again: what re-running a folder needs, at a fraction of the
   * cost. Its extraction then names no stored entities.
   */
  skipStored?: boolean;
}

/** The texts of a batch already stored (by index), found in one statement by content identity. */
async function storedTexts(
  keys: readonly (ReadKey | null)[],
  articles: ArticleRepository,
): Promise<Map<number, ArticleRow>> {
  const identity = (url: string | null, hash: string): string => (url ? `u:${url}` : `h:${hash}`);
  const texts = keys.flatMap((key, index) => (key && !key.dryRun ? [{ key, index }] : []));
  const rows = await articles.byUrlsOrHashes(
    texts.map(({ key }) => ({ url: key.url, hash: key.hash })),
  );
  const byKey = new Map(rows.map((row) => [identity(row.url, row.contentHash), row]));
  const found = new Map<number, ArticleRow>();
  for (const { key, index } of texts) {
    const row = byKey.get(identity(key.url, key.hash));
    if (row) found.set(index, row);
  }
  return found;
}

/** Reads and links on the caller's thread. */
export function inProcessReader(): BatchReader {
  const batches = new WeakMap<ReadHandle, ReadBatch>();
  return {
    async read(requests) {
      const batch = await readTexts(requests);
      const handle = { keys: readKeys(batch) };
      batches.set(handle, batch);
      return handle;
    },
    link(handle, looked, after) {
      const batch = batches.get(handle);
      if (!batch) throw new Error('This batch was not read by this reader, or linked already.');
      batches.delete(handle);
      return linkTexts(batch, looked, after);
    },
    close: () => Promise.resolve(),
  };
}

/** A batch with what linking it needs from the database (IngestionService.lookUp). */
export interface LookedUpBatch {
  /** Texts stored already (looked up with `skipStored`), by index, with their stored article. */
  readonly already: ReadonlyMap<number, ArticleRow>;
  /** The stored candidates of each name the texts mention. */
  readonly byName: ReadonlyMap<string, { exact: StoredCandidate[]; like: StoredCandidate[] }>;
}

/** A batch extracted and planned, ready to store (linkTexts). */
export interface LinkedBatch {
  /** What was asked, in order: a text the database refuses in a batch is tried again alone. */
  readonly requests: readonly IngestRequest[];
  readonly linked: readonly (Linked | Error)[];
  /** The new entities storing the batch creates, for a batch linked while it is stored. */
  readonly creates: readonly EntityRef[];
}

export interface Linked {
  ingested: IngestedExtraction;
  /** A text stored already: its stored article (nothing to store). */
  stored?: ArticleRow;
  /** What to store; null for a dry run. */
  article: NewArticle | null;
  /** The new entities storing it creates (references by name). */
  created: EntityRef[];
  /** Extracted entities linked to one an earlier text of the batch creates. */
  pending: { entity: IngestedEntity; ref: EntityRef }[];
}

const asError = (error: unknown): Error =>
  error instanceof Error ? error : new Error(String(error));

function validateRequest(request: IngestRequest) {
  // Validated here rather than in the resolver: the CLI calls this service directly.
  return validateInput(ingestArticleSchema, request);
}

/** Validates, parses and lays out a text, and finds the names its candidates are looked up by. */
function readRequest(request: IngestRequest): ReadText {
  const input = validateRequest(request);
  const parsed = readText(input.text, input.publishedAt ?? null);
  const article = prepareArticle({
    body: parsed.body,
    publishedOn: parsed.publishedOn,
    datelines: parsed.datelines,
  });
  const names = new Set<string>();
  for (const entity of findEntityNames(article)) {
    for (const name of [entity.name, ...entity.aliases]) {
      if (name.trim().length >= 2) names.add(name.trim());
    }
  }
  return {
    request,
    input,
    parsed,
    article,
    names: [...names].slice(0, MAX_LOOKUP_NAMES),
  };
}

function plan(
  text: ReadText,
  extraction: Extraction,
  linked: Map<string, EntityRow>,
  pending: Map<string, EntityRef>,
): Linked {
  const { input, parsed } = text;
  const publishedAt = input.publishedAt ?? new Date(`${parsed.publishedOn}T00:00:00Z`);
  const headline = input.headline ?? deriveHeadline(parsed.body, text.article.layout);
  const planned = planArticle(parsed, extraction, linked, pending);
  const ingested: IngestedExtraction = {
    headline,
    headlineDerived: input.headline == null,
    body: parsed.body,
    publishedAt,
    datelines: parsed.datelines,
    ...planned.ingested,
  };
  if (input.dryRun) return { ingested, article: null, created: [], pending: [] };
  return {
    ingested,
    article: {
      headline,
      body: parsed.body,
      publishedAt,
      url: input.url,
      language: input.language,
      source: text.request.source,
      ...planned.article,
    },
    created: planned.created,
    pending: planned.pending,
  };
}

interface StoredCandidate {
  row: EntityRow;
  aliases: string[];
}

/**
 * A text's stored candidates, as looking them up for it alone finds them: those its names name
 * exactly first, then those like a name that names nothing exactly (stored, or created by an
 * earlier text of the batch: `pendingExact`), each in id order, at most MAX_CANDIDATES.
 */
function storedCandidates(
  names: readonly string[],
  byName: ReadonlyMap<string, { exact: StoredCandidate[]; like: StoredCandidate[] }>,
  pendingExact: (name: string) => boolean,
): StoredCandidate[] {
  const exact = new Map<number, StoredCandidate>();
  const like = new Map<number, StoredCandidate>();
  for (const name of names) {
    const found = byName.get(name);
    if (!found) continue;
    for (const candidate of found.exact) exact.set(candidate.row.id, candidate);
    if (found.exact.length > 0 || pendingExact(name)) continue;
    for (const candidate of found.like) like.set(candidate.row.id, candidate);
  }
  const byId = (a: StoredCandidate, b: StoredCandidate) => a.row.id - b.row.id;
  return [
    ...[...exact.values()].sort(byId),
    ...[...like.values()].filter((candidate) => !exact.has(candidate.row.id)).sort(byId),
  ].slice(0, MAX_CANDIDATES);
}

/**
 * The key names and aliases are matched by exactly (entityMatchKey in the database): case,
 * accents and spacing ignored.
 */
function matchKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** pg_trgm's trigrams of a text: each alphanumeric word lowercased, padded "  word ". */
function trigrams(text: string): Set<string> {
  const grams = new Set<string>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  }
  return grams;
}

function readText(text: string, publishedAt: Date | null): ParsedArticleText {
  const publishedOn = publishedAt?.toISOString().slice(0, 10);
  let parsed: ParsedArticleText;
  try {
    parsed = parseArticleText(text, publishedOn === undefined ? {} : { publishedOn });
  } catch (error) {
    if (!(error instanceof ArticleTextError)) throw error;
    const field =
      error.field === 'publishedOn' && !/^\s*date\b/i.test(text) ? 'publishedAt' : 'text';
    throw invalidInput([{ path: ['input', field], message: error.message }]);
  }
  if (publishedOn !== undefined && publishedOn !== parsed.publishedOn) {
    throw invalidInput([
      {
        path: ['input', 'publishedAt'],
        message: `is ${publishedOn} but the text's header says ${parsed.publishedOn}`,
      },
    ]);
  }
  return parsed;
}

/**
 * The first sentence of the body (from its layout, when the caller has it), whitespace collapsed,
 * cut at a word to fit 500 characters.
 */
export function deriveHeadline(
  body: string,
  layout: Pick<PreparedArticle['layout'], 'sentences'> = layoutText(body),
): string {
  const [first] = layout.sentences;
  const sentence = (first ? body.slice(first.start, first.end) : body).replace(/\s+/g, ' ').trim();
  if (sentence.length <= MAX_HEADLINE) return sentence;
  const cut = sentence.slice(0, MAX_HEADLINE - 1);
  const atWord = cut.slice(0, Math.max(cut.lastIndexOf(' '), MAX_HEADLINE / 2));
  return `${atWord.trimEnd()}…`;
}

/** Maps UTF-16 offsets (what the extractor reports) to code points (what spans are stored in). */
function codePointMapper(body: string): (offset: number) => number {
  if (!/[\uD800-\uDBFF]/.test(body)) return (offset) => offset;
  const table = new Int32Array(body.length + 1);
  let points = 0;
  for (let i = 0; i < body.length; i++) {
    table[i] = points;
    const code = body.charCodeAt(i);
    if (code < 0xd800 || code > 0xdbff) points++;
  }
  table[body.length] = points;
  return (offset) => table[offset] ?? points;
}

const clip = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

/**
 * Turns an extraction into the createArticle input and the payload's view of it. Items the
 * article rules would refuse (a deadline with no subject or due before publication) are reported
 * with stored: false rather than failing the whole article. A quote whose speaker could not be
 * found is stored unattributed, with its low confidence, so that nothing reported is lost.
 */
function planArticle(
  parsed: ParsedArticleText,
  extraction: Extraction,
  linked: Map<string, EntityRow>,
  pending: Map<string, EntityRef>,
): {
  ingested: Pick<IngestedExtraction, 'entities' | 'quotes' | 'deadlines'>;
  article: Pick<NewArticle, 'datelines' | 'mentions' | 'quotes' | 'deadlines'>;
  created: EntityRef[];
  pending: { entity: IngestedEntity; ref: EntityRef }[];
} {
  const toPoint = codePointMapper(parsed.body);
  const span = (start: number, end: number): CodePointSpan => ({
    start: toPoint(start),
    end: toPoint(end),
  });

  const entities = extraction.entities.map((entity): IngestedEntity => ({
    key: entity.key,
    name: entity.name,
    kind: entity.kind,
    aliases: entity.aliases,
    title: entity.title ?? null,
    confidence: entity.confidence,
    mentions: entity.mentions.map((mention) => ({
      text: mention.text,
      form: mention.form,
      span: span(mention.start, mention.end),
    })),
    entity: (entity.knownId !== undefined && linked.get(entity.knownId)) || null,
  }));
  const byKey = new Map(entities.map((entity) => [entity.key, entity]));
  const created: EntityRef[] = [];
  const linkedToPending: { entity: IngestedEntity; ref: EntityRef }[] = [];
  const refByKey = new Map(
    extraction.entities.map((entity): [string, EntityRef] => {
      if (entity.knownId !== undefined && parseGlobalId(entity.knownId)) {
        return [entity.key, { id: entity.knownId }];
      }
      const earlier = entity.knownId === undefined ? undefined : pending.get(entity.knownId);
      if (earlier) {
        linkedToPending.push({ entity: byKey.get(entity.key) as IngestedEntity, ref: earlier });
        return [entity.key, earlier];
      }
      const ref = {
        name: clip(entity.name, 300),
        kind: entity.kind,
        aliases: entity.aliases.filter((alias) => alias.length <= 300).slice(0, 50),
      };
      created.push(ref);
      return [entity.key, ref];
    }),
  );
  const entityOf = (key: string | null): IngestedEntity | null =>
    key === null ? null : (byKey.get(key) ?? null);
  const refOf = (key: string | null): EntityRef | null =>
    key === null ? null : (refByKey.get(key) ?? null);

  const quotes: IngestedQuote[] = [];
  const newQuotes: NewQuote[] = [];
  for (const quote of extraction.quotes) {
    const speaker = refOf(quote.speaker);
    const ingested: IngestedQuote = {
      text: quote.text,
      direct: quote.direct,
      span: span(quote.start, quote.end),
      speaker: entityOf(quote.speaker),
      speakerMention: quote.speakerMention,
      speakerTitle: quote.speakerTitle,
      cue: quote.cue,
      channel: quote.channel,
      via: entityOf(quote.via),
      spokenOn: quote.spokenOn,
      confidence: quote.confidence,
      evidence: span(quote.evidence.start, quote.evidence.end),
      stored: true,
    };
    quotes.push(ingested);
    newQuotes.push({
      text: quote.text,
      direct: quote.direct,
      speaker,
      confidence: quote.confidence,
      speakerTitle: quote.speakerTitle,
      cue: quote.cue,
      channel: quote.channel,
      via: refOf(quote.via),
      spokenOn: quote.spokenOn,
      spanStart: ingested.span.start,
    });
  }

  const deadlines: IngestedDeadline[] = [];
  const newDeadlines: NewDeadline[] = [];
  for (const deadline of extraction.deadlines) {
    const subject = refOf(deadline.subject);
    const stored = subject !== null && deadline.dueOn >= parsed.publishedOn;
    deadlines.push({
      description: deadline.description,
      dueOn: deadline.dueOn,
      previousDueOn: deadline.previousDueOn,
      status: deadline.status,
      setBy: entityOf(deadline.setBy),
      subject: entityOf(deadline.subject),
      concerns: deadline.concerns.flatMap((key) => entityOf(key) ?? []),
      consequence: deadline.consequence,
      confidence: deadline.confidence,
      evidence: span(deadline.evidence.start, deadline.evidence.end),
      stored,
    });
    if (!stored || !subject) continue;
    newDeadlines.push({
      description: clip(deadline.description, 1000),
      dueOn: deadline.dueOn,
      subject,
      setBy: refOf(deadline.setBy),
      concerns: deadline.concerns.flatMap((key) => refOf(key) ?? []),
      consequence: deadline.consequence === null ? null : clip(deadline.consequence, 1000),
      evidence: clip(parsed.body.slice(deadline.evidence.start, deadline.evidence.end), 2000),
      status: deadline.status,
    });
  }

  const placeKey = (place: string): string | undefined =>
    extraction.entities.find((entity) =>
      [entity.name, ...entity.aliases].some((name) => name.toLowerCase() === place.toLowerCase()),
    )?.key;
  return {
    ingested: { entities, quotes, deadlines },
    created,
    pending: linkedToPending,
    article: {
      datelines: parsed.datelines.map((place) => {
        const key = placeKey(place);
        const known = key && refOf(key);
        if (known) return known;
        const ref: EntityRef = { name: clip(place, 300), kind: 'PLACE' };
        created.push(ref);
        return ref;
      }),
      mentions: mentionsOf(extraction, refOf),
      quotes: newQuotes,
      deadlines: newDeadlines,
    },
  };
}

/**
 * One mention per stored entity: two extracted entities linked to the same stored one (or with
 * the same name and kind) are merged, since an article mentions an entity once, with a count.
 */
function mentionsOf(
  extraction: Extraction,
  refOf: (key: string | null) => EntityRef | null,
): NonNullable<NewArticle['mentions']> {
  const merged = new Map<string, { entity: EntityRef; forms: Set<string>; count: number }>();
  for (const entity of extraction.entities) {
    const ref = refOf(entity.key);
    if (!ref) continue;
    const identity = ref.id ?? `${ref.kind ?? ''}:${(ref.name ?? '').trim().toLowerCase()}`;
    const entry = merged.get(identity) ?? { entity: ref, forms: new Set<string>(), count: 0 };
    for (const mention of entity.mentions) {
      const text = mention.text.trim();
      if (mention.form !== 'PRONOUN' && text !== '') entry.forms.add(clip(text, 300));
    }
    entry.count += Math.max(entity.mentions.length, 1);
    merged.set(identity, entry);
  }
  return [...merged.values()].map((entry) => ({
    entity: entry.entity,
    surfaceForms: [...entry.forms].slice(0, 50),
    mentionCount: entry.count,
  }));
}
