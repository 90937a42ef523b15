// The extraction engine: article text in, entities, relations, quotes and deadlines out. Pure
// and synchronous, so it runs the same in a resolver, a worker or a test.
import { extractDeadlines } from './deadlines.extractor';
import { extractEntities } from './entities.extractor';
import type { ArticleInput, Extraction, KnownEntity } from './types';
import { linkKnownEntities } from './known-entities.linker';
import { isIsoDate } from './article-text.parser';
import { ArticleTextError } from './errors';
import { extractQuotes } from './quotes.extractor';
import { extractRelations } from './relations.extractor';
import { SpeakerResolver } from './speaker-resolver';
import { layoutText } from './text-layout';

export type { ArticleInput, Extraction, KnownEntity } from './types';

export function extractArticle(input: ArticleInput, known: KnownEntity[] = []): Extraction {
  if (!isIsoDate(input.publishedOn)) {
    throw new ArticleTextError(
      `"${input.publishedOn}" is not a valid date in YYYY-MM-DD form.`,
      'publishedOn',
    );
  }
  const layout = layoutText(input.body);
  const { table, titles } = extractEntities(layout, input.datelines ?? [], known);
  const relations = extractRelations(input.body, table, titles);
  const titleByMention = new Map(titles.map((t) => [t.nameStart, t.title]));
  const resolver = new SpeakerResolver(input.body, table, relations, titleByMention);
  const quotes = extractQuotes(layout, table, resolver, input.publishedOn);
  const deadlines = extractDeadlines(layout, table, resolver, quotes, input.publishedOn);
  linkKnownEntities(table, known);
  const keys = table.finalizeKeys();
  const key = (old: string): string => keys.get(old) ?? old;
  const keyOrNull = (old: string | null): string | null => (old === null ? null : key(old));
  return {
    entities: table.toExtracted(),
    relations: relations.relations.map((r) => ({ ...r, from: key(r.from), to: key(r.to) })),
    quotes: quotes.map((q) => ({ ...q, speaker: keyOrNull(q.speaker), via: keyOrNull(q.via) })),
    deadlines: deadlines.map((d) => ({
      ...d,
      setBy: keyOrNull(d.setBy),
      subject: keyOrNull(d.subject),
      concerns: d.concerns.map(key),
    })),
  };
}
