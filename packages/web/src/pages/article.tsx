// An article: its body with every quote highlighted by speaker, the entities it mentions and the
// deadlines it reports.
import { useQuery } from 'urql';
import { ArticleDocument, type QuoteFieldsFragment } from '@dateline/sdk';
import { Empty, EntityLink, ErrorPanel, Loading, formatDate, words } from '../components';
import { HighlightedText, Legend, type Highlight } from '../highlighted-text';
import { Link, paths } from '../router';

export function quoteHighlight(quote: QuoteFieldsFragment): Highlight {
  return {
    key: quote.id,
    span: quote.span ?? null,
    // Quotes the article attributes to nobody named share one colour.
    speakerKey: quote.speaker?.id ?? 'unattributed',
    speaker: quote.speaker?.name ?? 'Unattributed',
    direct: quote.direct,
    detail: [
      quote.speakerTitle,
      quote.channel ? words(quote.channel) : quote.direct ? null : 'reported',
      quote.via ? `via ${quote.via.name}` : null,
      quote.spokenOn ? `said ${quote.spokenOn}` : null,
    ]
      .filter(Boolean)
      .join(' · '),
  };
}

export function ArticlePage({ id }: { id: string }) {
  const [{ data, fetching, error }] = useQuery({ query: ArticleDocument, variables: { id } });
  if (fetching) return <Loading what="the article" />;
  if (error) return <ErrorPanel error={error} what="the article" />;
  const article = data?.article;
  if (!article)
    return (
      <Empty title="This article does not exist (any more).">
        <p>
          <Link href={paths.feed()}>Back to the feed</Link>
        </p>
      </Empty>
    );
  const quotes = article.quotes.nodes;
  const highlights = quotes.map(quoteHighlight);
  const direct = quotes.filter((quote) => quote.direct).length;
  return (
    <article className="page article" aria-labelledby="article-title">
      <header>
        <h1 id="article-title">{article.headline}</h1>
        <p className="meta">
          <time dateTime={article.publishedAt}>{formatDate(article.publishedAt)}</time>
          {article.datelines.length > 0 && (
            <> · {article.datelines.map((place) => place.name).join(' / ')}</>
          )}
          {article.source && (
            <>
              {' '}
              · <EntityLink entity={article.source} />
            </>
          )}
          {article.url && (
            <>
              {' '}
              · <a href={article.url}>original</a>
            </>
          )}
        </p>
      </header>
      <div className="columns">
        <section aria-labelledby="body-title" className="main-column">
          <h2 id="body-title" className="visually-hidden">
            Text
          </h2>
          <p className="muted">
            {direct} direct and {quotes.length - direct} reported quote
            {quotes.length - direct === 1 ? '' : 's'} highlighted; hover or focus one to see who
            said it.
          </p>
          <Legend highlights={highlights} />
          <HighlightedText text={article.body} highlights={highlights} />
        </section>
        <aside aria-label="In this article" className="side-column">
          <section aria-labelledby="entities-title">
            <h2 id="entities-title">Mentioned</h2>
            {article.entities.edges.length === 0 ? (
              <p className="muted">No entities recorded.</p>
            ) : (
              <ul className="entity-list">
                {article.entities.edges.map((edge) => (
                  <li key={edge.node.id}>
                    <EntityLink entity={edge.node} />{' '}
                    <span className="muted">
                      {words(edge.node.kind)} · {edge.mentionCount}×
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="deadlines-title">
            <h2 id="deadlines-title">Deadlines</h2>
            {article.deadlines.nodes.length === 0 ? (
              <p className="muted">None reported.</p>
            ) : (
              <ul className="entity-list">
                {article.deadlines.nodes.map((deadline) => (
                  <li key={deadline.id}>
                    <strong>{deadline.dueOn}</strong>: {deadline.description}
                    {deadline.setBy && (
                      <>
                        {' '}
                        (set by <EntityLink entity={deadline.setBy} />)
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </aside>
      </div>
    </article>
  );
}
