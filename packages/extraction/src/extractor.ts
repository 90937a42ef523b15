// The extraction engine: article text in, entities, relations, quotes and deadlines out. Pure
// and synchronous, so it runs the same in a resolver, a worker or a test. It is a pipeline of
// named passes over one document state; each pass reads what earlier ones left and adds its part.
import { isIsoDate } from './article-text.parser';
import { extractDeadlines } from './deadlines.extractor';
import { extractEntities, type TitleContext } from './entities.extractor';
import type { EntityTable } from './entity-table';
import { ArticleTextError } from './errors';
import { linkKnownEntities } from './known-entities.linker';
import { linkPersonMentions } from './person-coreference';
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
      state.layout = layoutText(state.input.body);
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
      );
      state.quotes = resolveSpeakers(
        need(state.layout, 'layout'),
        need(state.cues, 'cues'),
        table,
        state.resolver,
        state.input.publishedOn,
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
        state.input.publishedOn,
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

export function extractArticle(input: ArticleInput, known: KnownEntity[] = []): Extraction {
  if (!isIsoDate(input.publishedOn)) {
    throw new ArticleTextError(
      `"${input.publishedOn}" is not a valid date in YYYY-MM-DD form.`,
      'publishedOn',
    );
  }
  const state: DocumentState = { input, known };
  for (const pass of PASSES) pass.run(state);
  return finish(state);
}

/** Entity keys become final (slugs of the final names) and every reference follows them. */
function finish(state: DocumentState): Extraction {
  const table = need(state.table, 'table');
  const keys = table.finalizeKeys();
  const key = (old: string): string => keys.get(old) ?? old;
  const keyOrNull = (old: string | null): string | null => (old === null ? null : key(old));
  return {
    entities: table.toExtracted(),
    relations: need(state.relations, 'relations').relations.map((r) => ({
      ...r,
      from: key(r.from),
      to: key(r.to),
    })),
    quotes: need(state.quotes, 'quotes').map((q) => ({
      ...q,
      speaker: keyOrNull(q.speaker),
      via: keyOrNull(q.via),
    })),
    deadlines: need(state.deadlines, 'deadlines').map((d) => ({
      ...d,
      setBy: keyOrNull(d.setBy),
      subject: keyOrNull(d.subject),
      concerns: d.concerns.map(key),
    })),
  };
}
