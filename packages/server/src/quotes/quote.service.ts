// Quote writes: every quote must be an exact passage of its article, and its speaker and outlet
// become mentions of the article.
import type { ArticleRow } from '../articles/article.repository';
import type { QuoteChannelValue } from '../db/schema';
import type { UnitOfWork } from '../db/transaction';
import { EntityRefResolver, type EntityRef } from '../entities/entity-ref';
import type { Repositories } from '../repositories';
import { decodeGlobalId } from '../shared/ids';
import { notFound } from '../shared/not-found';
import { locateQuote } from './quote.rules';
import type { NewQuoteRow, QuoteRow } from './quote.repository';
import { Problems } from '../shared/validation';

type InputPath = (string | number)[];

export interface NewQuote {
  text: string;
  direct: boolean;
  /** Absent for an unattributed quote. */
  speaker?: EntityRef | null | undefined;
  speakerTitle?: string | null | undefined;
  cue?: string | null | undefined;
  channel?: QuoteChannelValue | null | undefined;
  via?: EntityRef | null | undefined;
  spokenOn?: string | null | undefined;
  spanStart?: number | null | undefined;
  /** How sure the extractor was (0–1); left out for quotes entered by hand. */
  confidence?: number | null | undefined;
}

export interface QuotePatch {
  text?: string | null | undefined;
  spanStart?: number | null | undefined;
  direct?: boolean | null | undefined;
  speaker?: EntityRef | null | undefined;
  speakerTitle?: string | null | undefined;
  cue?: string | null | undefined;
  channel?: QuoteChannelValue | null | undefined;
  via?: EntityRef | null | undefined;
  spokenOn?: string | null | undefined;
}

/** Every entity reference in a list of quotes, with its input path, for one existence check. */
export function quoteRefs(quotes: readonly NewQuote[], pathOf: (index: number) => InputPath) {
  return quotes.flatMap((quote, index) => [
    ...(quote.speaker ? [{ ref: quote.speaker, path: [...pathOf(index), 'speaker'] }] : []),
    ...(quote.via ? [{ ref: quote.via, path: [...pathOf(index), 'via'] }] : []),
  ]);
}

/** Records a problem for each quote that is not an exact passage of `body`. */
export function checkQuoteSpans(
  body: string,
  quotes: readonly NewQuote[],
  pathOf: (index: number) => InputPath,
  problems: Problems,
): void {
  quotes.forEach((quote, index) => {
    const span = locateQuote(body, quote.text, quote.spanStart);
    if (typeof span === 'string') {
      problems.add([...pathOf(index), quote.spanStart == null ? 'text' : 'spanStart'], span);
    }
  });
}

/** Stores quotes already checked against the article; inside the caller's transaction. */
export async function storeQuotes(
  repositories: Repositories,
  refs: EntityRefResolver,
  article: ArticleRow,
  quotes: readonly NewQuote[],
): Promise<QuoteRow[]> {
  const { rows, involved } = await quoteRowsOf(refs, [{ article, quotes }]);
  const stored = await repositories.quotes.insert(rows);
  await repositories.articles.ensureMentionedMany(involved);
  return stored;
}

/**
 * storeQuotes for several articles in two statements (their quotes, then the speakers and outlets
 * as mentions) that return nothing; the entity references should be prepared on `refs`
 * beforehand. `mentioned` holds what this transaction has already written to the articles'
 * mentions (`articleId:entityId`), which need not be written again.
 */
export async function storeQuotesOfArticles(
  repositories: Repositories,
  refs: EntityRefResolver,
  items: readonly { article: ArticleRow; quotes: readonly NewQuote[] }[],
  mentioned: ReadonlySet<string> = new Set(),
): Promise<void> {
  const { rows, involved } = await quoteRowsOf(refs, items);
  await repositories.quotes.insertMany(rows);
  await repositories.articles.ensureMentionedMany(
    involved.filter(({ articleId, entityId }) => !mentioned.has(`${articleId}:${entityId}`)),
  );
}

/** The rows storing `items` inserts, and the mentions their speakers and outlets make. */
async function quoteRowsOf(
  refs: EntityRefResolver,
  items: readonly { article: ArticleRow; quotes: readonly NewQuote[] }[],
) {
  const rows: NewQuoteRow[] = [];
  const involved: { articleId: number; publishedAt: Date; entityId: number }[] = [];
  for (const { article, quotes } of items) {
    for (const quote of quotes) {
      const span = locateQuote(article.body, quote.text, quote.spanStart);
      if (typeof span === 'string') throw new Error('storeQuotes got an unchecked quote');
      const speakerId = quote.speaker ? await refs.resolve(quote.speaker) : null;
      const viaId = quote.via ? await refs.resolve(quote.via) : null;
      for (const entityId of [speakerId, viaId]) {
        if (entityId !== null) {
          involved.push({ articleId: article.id, publishedAt: article.publishedAt, entityId });
        }
      }
      rows.push({
        articleId: article.id,
        text: quote.text,
        direct: quote.direct,
        speakerId,
        speakerTitle: quote.speakerTitle || null,
        cue: quote.cue || null,
        channel: quote.channel ?? null,
        viaId,
        spokenOn: quote.spokenOn ?? null,
        reportedAt: article.publishedAt,
        confidence: quote.confidence ?? null,
        ...span,
      });
    }
  }
  return { rows, involved };
}

export class QuoteService {
  constructor(private readonly work: UnitOfWork<Repositories>) {}

  create(articleGlobalId: string, quote: NewQuote): Promise<QuoteRow> {
    const articleId = decodeGlobalId(articleGlobalId, 'Article', 'input.article');
    return this.work.transaction(async (repositories) => {
      const [article] = await repositories.articles.byIds([articleId]);
      if (!article) throw notFound('article', 'input', 'article');
      const problems = new Problems();
      checkQuoteSpans(article.body, [quote], () => ['input'], problems);
      const refs = new EntityRefResolver(repositories.entities);
      await refs.checkIds(
        quoteRefs([quote], () => ['input']),
        problems,
      );
      problems.throwIfAny();
      const [row] = (await storeQuotes(repositories, refs, article, [quote])) as [QuoteRow];
      await repositories.events.quoteCreated(row.id);
      return row;
    });
  }

  update(id: number, patch: QuotePatch): Promise<QuoteRow> {
    return this.work.transaction(async (repositories) => {
      const [current] = await repositories.quotes.byIds([id]);
      if (!current) throw notFound('quote', 'input', 'id');
      const [article] = await repositories.articles.byIds([current.articleId]);
      const problems = new Problems();
      const refs = new EntityRefResolver(repositories.entities);
      await refs.checkIds(
        [
          ...(patch.speaker ? [{ ref: patch.speaker, path: ['input', 'speaker'] }] : []),
          ...(patch.via ? [{ ref: patch.via, path: ['input', 'via'] }] : []),
        ],
        problems,
      );
      let span = {};
      if (patch.text != null || patch.spanStart != null) {
        const located = locateQuote(
          (article as ArticleRow).body,
          patch.text ?? current.text,
          patch.spanStart ?? (patch.text == null ? current.spanStart : null),
        );
        if (typeof located === 'string')
          problems.add(['input', patch.text != null ? 'text' : 'spanStart'], located);
        else span = located;
      }
      problems.throwIfAny();
      const speakerId = patch.speaker ? await refs.resolve(patch.speaker) : undefined;
      const viaId = patch.via ? await refs.resolve(patch.via) : undefined;
      const row = await repositories.quotes.update(id, {
        ...span,
        ...(patch.text != null && { text: patch.text }),
        ...(patch.direct != null && { direct: patch.direct }),
        ...(speakerId !== undefined && { speakerId }),
        ...(viaId !== undefined && { viaId }),
        ...(patch.speakerTitle != null && { speakerTitle: patch.speakerTitle || null }),
        ...(patch.cue != null && { cue: patch.cue || null }),
        ...(patch.channel != null && { channel: patch.channel }),
        ...(patch.spokenOn != null && { spokenOn: patch.spokenOn }),
      });
      await repositories.articles.ensureMentioned(
        current.articleId,
        current.reportedAt,
        [speakerId, viaId].filter((value): value is number => value !== undefined),
      );
      return row as QuoteRow;
    });
  }

  async delete(id: number): Promise<QuoteRow> {
    const row = await this.work.repositories.quotes.delete(id);
    if (!row) throw notFound('quote', 'input', 'id');
    return row;
  }
}
