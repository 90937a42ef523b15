// The extraction engine: article text in, entities, relations, quotes and deadlines out. Pure
// and synchronous, so it runs the same in a resolver, a worker or a test. It is a pipeline of
// named passes over one document state; each pass reads what earlier ones left and adds its part.
import { isIsoDate } from './article-text.parser';
import { ArticleDates } from './dates';
import { extractDeadlines } from './deadlines.extractor';
import { extractEntities, type TitleContext } from './entities.extractor';
import type { EntityTable } from './entity-table';
import { ArticleTextError } from './errors';
import { linkKnownEntities } from './known-entities.linker';
import { linkPersonMentions } from './person-coreference';
import { americanQuotationMarks } from './quotation-marks';
import { findAttributionCues, resolveSpeakers, type AttributionCues } from './quotes.extractor';
import { extractRelations, type RelationSet } from './relations.extractor';
import { SpeakerResolver } from './speaker-resolver';
import { layoutText, sentenceAt, type TextLayout } from './text-layout';
import type {
  ArticleInput,
  ExtractedDeadline,
  ExtractedQuote,
  Extraction,
  KnownEntity,
} from './types';

export type { ArticleInput, Extraction, KnownEntity } from './types';

/** Everything the passes know about one article; filled in pass by pass. */
export interface DocumentState {
  input: ArticleInput;
  known: KnownEntity[];
  /** Date expressions read against the publication date, shared by the passes that ask. */
  dates: ArticleDates;
  layout?: TextLayout;
  table?: EntityTable;
  titles?: TitleContext[];
  relations?: RelationSet;
  cues?: AttributionCues;
  resolver?: SpeakerResolver;
  quotes?: ExtractedQuote[];
  deadlines?: ExtractedDeadline[];
}

export interface Pass {
  name: string;
  run(state: DocumentState): void;
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`extraction pass order: ${what} is not computed yet`);
  return value;
}

/** The passes, in order. Exported so a caller can time them or stop after one. */
export const PASSES: Pass[] = [
  {
    name: 'sentences',
    run(state) {
      // A prepared article comes laid out already.
      state.layout ??= layoutText(state.input.body);
    },
  },
  {
    name: 'names and kinds',
    run(state) {
      const found = extractEntities(
        need(state.layout, 'layout'),
        state.input.datelines ?? [],
        state.known,
      );
      state.table = found.table;
      state.titles = found.titles;
    },
  },
  {
    name: 'people named again',
    run(state) {
      linkPersonMentions(state.input.body, need(state.table, 'table'));
    },
  },
  {
    name: 'relations',
    run(state) {
      state.relations = extractRelations(
        state.input.body,
        need(state.table, 'table'),
        need(state.titles, 'titles'),
      );
    },
  },
  {
    name: 'attribution cues',
    run(state) {
      state.cues = findAttributionCues(need(state.layout, 'layout'));
    },
  },
  {
    name: 'speaker resolution and coreference',
    run(state) {
      const table = need(state.table, 'table');
      const titleByMention = new Map(
        need(state.titles, 'titles').map((t) => [t.nameStart, t.title]),
      );
      const layout = need(state.layout, 'layout');
      state.resolver = new SpeakerResolver(
        state.input.body,
        table,
        need(state.relations, 'relations'),
        titleByMention,
        (offset) => layout.sentences[sentenceAt(layout, offset)]?.start ?? 0,
        layout.masked,
      );
      state.quotes = resolveSpeakers(
        need(state.layout, 'layout'),
        need(state.cues, 'cues'),
        table,
        state.resolver,
        state.dates,
      );
    },
  },
  {
    name: 'deadlines',
    run(state) {
      state.deadlines = extractDeadlines(
        need(state.layout, 'layout'),
        need(state.table, 'table'),
        need(state.resolver, 'resolver'),
        need(state.quotes, 'quotes'),
        state.dates,
        need(state.relations, 'relations').relations,
      );
    },
  },
  {
    name: 'known entities',
    run(state) {
      linkKnownEntities(need(state.table, 'table'), state.known);
    },
  },
];

/**
 * An article whose date is checked and whose text is laid out (paragraphs, quotations, sentences,
 * words), so that it can be extracted more than once without doing that again: its names first,
 * then the whole article against the entities those names find.
 */
export class PreparedArticle {
  readonly input: ArticleInput;
  /** The input as the passes read it (British quotation marks rewritten, offsets kept). */
  readonly read: ArticleInput;
  readonly layout: TextLayout;

  /** Use {@link prepareArticle}. */
  private constructor(input: ArticleInput) {
    assertIsoDate(input.publishedOn);
    this.input = input;
    this.read = readAs(input);
    this.layout = layoutText(this.read.body);
  }

  static of(input: ArticleInput): PreparedArticle {
    return new PreparedArticle(input);
  }
}

/** Checks an article's date and lays out its text once, for {@link findEntityNames} and {@link extractArticle}. */
export function prepareArticle(input: ArticleInput): PreparedArticle {
  return PreparedArticle.of(input);
}

/** A name the text gives an entity, with the other names it goes by in the same text. */
export interface EntityName {
  name: string;
  aliases: string[];
}

/** The last pass that can add, merge or rename entities when the caller knows none. */
const LAST_NAMING_PASS = 'people named again';
const NAMING_PASSES = PASSES.findIndex((pass) => pass.name === LAST_NAMING_PASS) + 1;

/**
 * A prepared article's state after {@link findEntityNames}, kept until it is extracted: with no
 * known entities the passes already run would give the same result, so extraction goes on from it.
 */
const namedStates = new WeakMap<PreparedArticle, DocumentState>();

/**
 * The entities' names and aliases, exactly as `extractArticle(article).entities` would give them
 * (same order), for a fraction of its cost: only the passes that find and merge names run. For
 * looking up which stored entities an article may be about before extracting it against them.
 */
export function findEntityNames(article: ArticleInput | PreparedArticle): EntityName[] {
  const state = initialState(article, []);
  for (const pass of PASSES.slice(0, NAMING_PASSES)) pass.run(state);
  if (article instanceof PreparedArticle) namedStates.set(article, state);
  return need(state.table, 'table').names();
}

/**
 * Extracts entities, relations, quotes and deadlines from an article (or one prepared with
 * {@link prepareArticle}, whose layout is then reused). `known` are entities the caller already
 * has: extracted ones are linked to them instead of duplicated.
 */
export function extractArticle(
  article: ArticleInput | PreparedArticle,
  known: KnownEntity[] = [],
): Extraction {
  if (article instanceof PreparedArticle) {
    const named = namedStates.get(article);
    namedStates.delete(article);
    if (named && known.length === 0) {
      for (const pass of PASSES.slice(NAMING_PASSES)) pass.run(named);
      return finish(named);
    }
  }
  const state = initialState(article, known);
  for (const pass of PASSES) pass.run(state);
  return finish(state);
}

function initialState(
  article: ArticleInput | PreparedArticle,
  known: KnownEntity[],
): DocumentState {
  if (article instanceof PreparedArticle) {
    return {
      input: article.read,
      known,
      dates: new ArticleDates(article.input.publishedOn),
      layout: article.layout,
    };
  }
  assertIsoDate(article.publishedOn);
  return { input: readAs(article), known, dates: new ArticleDates(article.publishedOn) };
}

/**
 * "‘We will appeal,’ she said": speech in single marks is read as if in double ones, in a copy of
 * the body of the same length; a text that quotes in double marks is read as it is.
 */
function readAs(input: ArticleInput): ArticleInput {
  const body = americanQuotationMarks(input.body);
  return body === null ? input : ({ ...input, body, original: input.body } as ReadInput);
}

interface ReadInput extends ArticleInput {
  /** The body as given, when the passes read a copy with other quotation marks. */
  original?: string;
}

/** A text the passes read in a copy is given back as the body has it, from its span. */
function asGiven(state: DocumentState, text: string, start: number, end: number): string {
  const original = (state.input as ReadInput).original;
  if (original === undefined || state.input.body.slice(start, end) !== text) return text;
  return original.slice(start, end);
}

/** A text with no span of its own is given back from where it first stands in the copy. */
function asGivenFound(state: DocumentState, text: string): string {
  const original = (state.input as ReadInput).original;
  if (original === undefined) return text;
  const at = state.input.body.indexOf(text);
  return at < 0 ? text : original.slice(at, at + text.length);
}

function assertIsoDate(publishedOn: string): void {
  if (!isIsoDate(publishedOn)) {
    throw new ArticleTextError(
      `"${publishedOn}" is not a valid date in YYYY-MM-DD form.`,
      'publishedOn',
    );
  }
}

/** Entity keys become final (slugs of the final names) and every reference follows them. */
function finish(state: DocumentState): Extraction {
  const table = need(state.table, 'table');
  const keys = table.finalizeKeys();
  const key = (old: string): string => keys.get(old) ?? old;
  const keyOrNull = (old: string | null): string | null => (old === null ? null : key(old));
  return {
    entities: table.toExtracted().map((e) => ({
      ...e,
      mentions: e.mentions.map((m) => ({ ...m, text: asGiven(state, m.text, m.start, m.end) })),
    })),
    relations: need(state.relations, 'relations').relations.map((r) => ({
      ...r,
      from: key(r.from),
      to: key(r.to),
    })),
    quotes: need(state.quotes, 'quotes').map((q) => ({
      ...q,
      text: asGiven(state, q.text, q.start, q.end),
      speaker: keyOrNull(q.speaker),
      via: keyOrNull(q.via),
    })),
    deadlines: need(state.deadlines, 'deadlines').map((d) => ({
      ...d,
      description: asGivenFound(state, d.description),
      setBy: keyOrNull(d.setBy),
      subject: keyOrNull(d.subject),
      concerns: d.concerns.map(key),
    })),
  };
}
