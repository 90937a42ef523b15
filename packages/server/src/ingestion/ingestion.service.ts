// Ingestion: raw article text in, a stored article out. Reads the text with the extraction engine,
// links what it finds to stored entities, and stores the result through ArticleService, so
// idempotency and the all-or-nothing transaction are the same as for createArticle.
import type { ArticleRow } from '../articles/article.repository';
import type { ArticleService, NewArticle } from '../articles/article.service';
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
  layoutText,
  parseArticleText,
  type DeadlineStatus,
  type EntityKind,
  type EntityMention,
  type Extraction,
  type KnownEntity,
  type ParsedArticleText,
  type QuoteChannel,
} from '@dateline/extraction';
import { ingestArticleSchema } from './ingestion.inputs';

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

export class IngestionService {
  constructor(
    private readonly articles: ArticleService,
    private readonly entities: EntityRepository,
  ) {}

  async ingest(request: IngestRequest): Promise<IngestResult> {
    const prepared = await this.prepare(request, this.entities);
    if (!prepared.article) {
      return { created: false, dryRun: true, article: null, extraction: prepared.ingested };
    }
    const stored = await this.articles.create(prepared.article);
    return { ...stored, dryRun: false, extraction: prepared.ingested };
  }

  /**
   * Ingests several texts in one transaction (one commit for the lot): what a folder or a stream
   * of articles goes through. Each text is read and linked inside the transaction, so a text sees
   * the entities the earlier ones created, as one at a time would. When any text fails the batch
   * is rolled back and each text is tried alone, so one bad file costs only itself.
   */
  async ingestMany(requests: IngestRequest[]): Promise<(IngestResult | Error)[]> {
    if (requests.length > 1 && !requests.some((request) => request.dryRun)) {
      try {
        return await this.articles.batch(async (create, repositories) => {
          const results: IngestResult[] = [];
          for (const request of requests) {
            const prepared = await this.prepare(request, repositories.entities);
            const stored = await create(prepared.article!);
            results.push({ ...stored, dryRun: false, extraction: prepared.ingested });
          }
          return results;
        });
      } catch {
        // Fall through: one at a time tells which text failed and why.
      }
    }
    const results: (IngestResult | Error)[] = [];
    for (const request of requests) {
      try {
        results.push(await this.ingest(request));
      } catch (error) {
        results.push(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return results;
  }

  /** Reads, extracts and links one text; `article` is what to store (null for a dry run). */
  private async prepare(
    request: IngestRequest,
    entities: EntityRepository,
  ): Promise<{ ingested: IngestedExtraction; article: NewArticle | null }> {
    // Validated here rather than in the resolver: the CLI calls this service directly.
    const input = validateInput(ingestArticleSchema, request);
    const parsed = readText(input.text, input.publishedAt ?? null);
    const publishedAt = input.publishedAt ?? new Date(`${parsed.publishedOn}T00:00:00Z`);
    const headline = input.headline ?? deriveHeadline(parsed.body);

    const article = {
      body: parsed.body,
      publishedOn: parsed.publishedOn,
      datelines: parsed.datelines,
    };
    // A first pass finds the names; the stored entities like them are then loaded in two bounded
    // queries and a second pass links to them (extraction is milliseconds, a table scan is not).
    let extraction = extractArticle(article);
    const candidates = await this.candidates(extraction, entities);
    if (candidates.rows.length > 0) extraction = extractArticle(article, candidates.known);

    const plan = planArticle(parsed, extraction, candidates.byGlobalId);
    const ingested: IngestedExtraction = {
      headline,
      headlineDerived: input.headline == null,
      body: parsed.body,
      publishedAt,
      datelines: parsed.datelines,
      ...plan.ingested,
    };
    if (input.dryRun) return { ingested, article: null };
    return {
      ingested,
      article: {
        headline,
        body: parsed.body,
        publishedAt,
        url: input.url,
        language: input.language,
        source: request.source,
        ...plan.article,
      },
    };
  }

  private async candidates(
    extraction: Extraction,
    entities: EntityRepository,
  ): Promise<{
    rows: EntityRow[];
    known: KnownEntity[];
    byGlobalId: Map<string, EntityRow>;
  }> {
    const names = new Set<string>();
    for (const entity of extraction.entities) {
      for (const name of [entity.name, ...entity.aliases]) {
        if (name.trim().length >= 2) names.add(name.trim());
      }
    }
    const rows = await entities.similarToNames(
      [...names].slice(0, MAX_LOOKUP_NAMES),
      MAX_CANDIDATES,
    );
    const aliases = await entities.aliasesByEntityIds(rows.map((row) => row.id));
    const aliasesById = new Map<number, string[]>();
    for (const { entityId, alias } of aliases) {
      aliasesById.set(entityId, [...(aliasesById.get(entityId) ?? []), alias]);
    }
    const byGlobalId = new Map(rows.map((row) => [toGlobalId('Entity', row.id), row]));
    const known = rows.map((row) => ({
      id: toGlobalId('Entity', row.id),
      name: row.name,
      kind: row.kind,
      aliases: aliasesById.get(row.id) ?? [],
    }));
    return { rows, known, byGlobalId };
  }
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

/** The first sentence of the body, whitespace collapsed, cut at a word to fit 500 characters. */
export function deriveHeadline(body: string): string {
  const [first] = layoutText(body).sentences;
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
): {
  ingested: Pick<IngestedExtraction, 'entities' | 'quotes' | 'deadlines'>;
  article: Pick<NewArticle, 'datelines' | 'mentions' | 'quotes' | 'deadlines'>;
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
  const refByKey = new Map(
    extraction.entities.map((entity): [string, EntityRef] => [
      entity.key,
      entity.knownId !== undefined && parseGlobalId(entity.knownId)
        ? { id: entity.knownId }
        : {
            name: clip(entity.name, 300),
            kind: entity.kind,
            aliases: entity.aliases.filter((alias) => alias.length <= 300).slice(0, 50),
          },
    ]),
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
    article: {
      datelines: parsed.datelines.map((place) => {
        const key = placeKey(place);
        return (key && refOf(key)) || { name: clip(place, 300), kind: 'PLACE' };
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
