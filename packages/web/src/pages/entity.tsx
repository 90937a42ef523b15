// Entities: the search results (fuzzy and alias-aware, so "Mosery" finds Adam Mosseri) and one
// entity's page with its coverage over time, aliases, relations and quotes.
import { useQuery } from 'urql';
import {
  EntitiesDocument,
  EntityDocument,
  QuotesDocument,
  type QuoteDetailFragment,
} from '@dateline/sdk';
import { Empty, EntityLink, ErrorPanel, Loading, formatDate, words } from '../components';
import { CoverageChart } from '../coverage-chart';
import { Link, paths } from '../router';

export function EntitiesPage({ search }: { search: string }) {
  const [{ data, fetching, error }] = useQuery({
    query: EntitiesDocument,
    variables: { search, first: 20 },
    pause: !search,
  });
  return (
    <section className="page" aria-labelledby="entities-title">
      <h1 id="entities-title">Entities matching “{search}”</h1>
      {!search ? (
        <Empty title="Type a name in the search box above." />
      ) : fetching ? (
        <Loading what="matching entities" />
      ) : error ? (
        <ErrorPanel error={error} what="the entities" />
      ) : !data?.entities.nodes.length ? (
        <Empty title={`Nobody called “${search}”.`}>
          <p>The search tolerates typos and knows aliases; try a shorter or different name.</p>
        </Empty>
      ) : (
        <ul className="results">
          {data.entities.nodes.map((entity) => (
            <li key={entity.id} className="card">
              <h2 className="headline">
                <Link href={paths.entity(entity.id)}>{entity.name}</Link>
              </h2>
              <p className="meta">
                {words(entity.kind)}
                {entity.title && <> · {entity.title}</>}
                {entity.aliases.length > 0 && <> · also {entity.aliases.join(', ')}</>}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function EntityPage({ id }: { id: string }) {
  const [{ data, fetching, error }] = useQuery({ query: EntityDocument, variables: { id } });
  if (fetching) return <Loading what="the entity" />;
  if (error) return <ErrorPanel error={error} what="the entity" />;
  const entity = data?.entity;
  if (!entity)
    return (
      <Empty title="This entity does not exist (it may have been merged into another).">
        <p>
          <Link href={paths.feed()}>Back to the feed</Link>
        </p>
      </Empty>
    );
  return (
    <section className="page" aria-labelledby="entity-title">
      <header>
        <h1 id="entity-title">{entity.name}</h1>
        <p className="meta">
          {words(entity.kind)}
          {entity.title && <> · {entity.title}</>}
          {entity.wikidataId && (
            <>
              {' '}
              · Wikidata <code>{entity.wikidataId}</code>
            </>
          )}
        </p>
      </header>
      <div className="columns">
        <section aria-labelledby="quotes-title" className="main-column">
          <section aria-labelledby="coverage-title">
            <h2 id="coverage-title">Coverage</h2>
            <CoverageChart entity={entity.id} />
          </section>
          <h2 id="quotes-title">Quotes</h2>
          <EntityQuotes speaker={entity.id} />
        </section>
        <aside aria-label="About" className="side-column">
          <section aria-labelledby="aliases-title">
            <h2 id="aliases-title">Also known as</h2>
            {entity.aliases.length ? (
              <ul className="entity-list">
                {entity.aliases.map((alias) => (
                  <li key={alias}>{alias}</li>
                ))}
              </ul>
            ) : (
              <p className="muted">No aliases.</p>
            )}
          </section>
          <section aria-labelledby="relations-title">
            <h2 id="relations-title">Relations</h2>
            {entity.relations.edges.length ? (
              <ul className="entity-list">
                {entity.relations.edges.map((edge) => (
                  <li key={`${edge.type}:${edge.direction}:${edge.node.id}`}>
                    {edge.direction === 'OUTGOING' ? (
                      <>
                        {words(edge.type)} <EntityLink entity={edge.node} />
                      </>
                    ) : (
                      <>
                        <EntityLink entity={edge.node} /> {words(edge.type)} {entity.name}
                      </>
                    )}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">No relations recorded.</p>
            )}
          </section>
        </aside>
      </div>
    </section>
  );
}

function EntityQuotes({ speaker }: { speaker: string }) {
  const [{ data, fetching, error }] = useQuery({
    query: QuotesDocument,
    variables: { speaker, first: 100 },
  });
  if (fetching) return <Loading what="quotes" />;
  if (error) return <ErrorPanel error={error} what="the quotes" />;
  const quotes = data?.quotes.nodes ?? [];
  if (!quotes.length) return <Empty title="No quotes from this entity yet." />;
  const direct = quotes.filter((quote) => quote.direct);
  const reported = quotes.filter((quote) => !quote.direct);
  return (
    <>
      <h3 id="direct-title">
        In their own words <span className="muted">({direct.length})</span>
      </h3>
      {direct.length ? (
        <QuoteList quotes={direct} labelledBy="direct-title" />
      ) : (
        <p className="muted">No direct quotes.</p>
      )}
      <h3 id="reported-title">
        Reported speech <span className="muted">({reported.length})</span>
      </h3>
      {reported.length ? (
        <QuoteList quotes={reported} labelledBy="reported-title" />
      ) : (
        <p className="muted">Nothing reported in indirect speech.</p>
      )}
    </>
  );
}

function QuoteList({
  quotes,
  labelledBy,
}: {
  quotes: readonly QuoteDetailFragment[];
  labelledBy: string;
}) {
  return (
    <ul className="quotes" aria-labelledby={labelledBy}>
      {quotes.map((quote) => (
        <li key={quote.id} className="card quote-card">
          <blockquote className={quote.direct ? 'direct' : 'indirect'}>
            {quote.direct ? `“${quote.text}”` : quote.text}
          </blockquote>
          <p className="meta">
            {quote.channel ? words(quote.channel) : 'no channel recorded'}
            {quote.via && (
              <>
                {' '}
                · via <EntityLink entity={quote.via} />
              </>
            )}
            {quote.spokenOn && <> · said {quote.spokenOn}</>} · in{' '}
            <Link href={paths.article(quote.article.id)}>{quote.article.headline}</Link> (
            {formatDate(quote.article.publishedAt)})
          </p>
        </li>
      ))}
    </ul>
  );
}
