// The feed: newest articles, or full-text search hits with their snippets, filtered by date and
// outlet, with more pages loaded on the cursors as the reader scrolls.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import {
  ArticlesDocument,
  EntitiesDocument,
  SearchArticlesDocument,
  type ArticleSummaryFragment,
  type PageInfoFieldsFragment,
} from '@dateline/sdk';
import { Empty, ErrorPanel, Loading, formatDate } from '../components';
import { Link, paths } from '../router';

const PAGE_SIZE = 20;

interface Filters {
  search: string;
  from: string;
  to: string;
  source: string;
}

const noFilters: Filters = { search: '', from: '', to: '', source: '' };

export function FeedPage() {
  const [draft, setDraft] = useState<Filters>(noFilters);
  const [filters, setFilters] = useState<Filters>(noFilters);
  // One entry per page loaded: the cursor it starts after (null for the first).
  const [cursors, setCursors] = useState<(string | null)[]>([null]);

  const apply = (event: FormEvent): void => {
    event.preventDefault();
    setFilters({ ...draft, search: draft.search.trim() });
    setCursors([null]);
  };
  const reset = (): void => {
    setDraft(noFilters);
    setFilters(noFilters);
    setCursors([null]);
  };

  return (
    <section className="page" aria-labelledby="feed-title">
      <h1 id="feed-title">
        {filters.search ? `Articles matching “${filters.search}”` : 'Latest articles'}
      </h1>
      <form className="filters" onSubmit={apply} aria-label="Filter the feed">
        <div className="field grow">
          <label htmlFor="feed-search">Search the full text</label>
          <input
            id="feed-search"
            type="search"
            value={draft.search}
            placeholder="TikTok ban"
            onChange={(event) => setDraft({ ...draft, search: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="feed-from">Published from</label>
          <input
            id="feed-from"
            type="date"
            value={draft.from}
            onChange={(event) => setDraft({ ...draft, from: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="feed-to">Published up to</label>
          <input
            id="feed-to"
            type="date"
            value={draft.to}
            onChange={(event) => setDraft({ ...draft, to: event.target.value })}
          />
        </div>
        <OutletSelect value={draft.source} onChange={(source) => setDraft({ ...draft, source })} />
        <div className="field actions">
          <button type="submit">Apply</button>
          <button type="button" className="secondary" onClick={reset}>
            Clear
          </button>
        </div>
      </form>
      <ol className="feed" aria-label="Articles">
        {cursors.map((after, index) => (
          <FeedPageItems
            key={`${JSON.stringify(filters)}:${after ?? ''}`}
            filters={filters}
            after={after}
            first={index === 0}
            last={index === cursors.length - 1}
            onMore={(cursor) =>
              setCursors((loaded) => (loaded.includes(cursor) ? loaded : [...loaded, cursor]))
            }
          />
        ))}
      </ol>
    </section>
  );
}

function OutletSelect({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const [{ data }] = useQuery({
    query: EntitiesDocument,
    variables: { kinds: ['MEDIA_OUTLET'], first: 100 },
  });
  return (
    <div className="field">
      <label htmlFor="feed-source">Outlet</label>
      <select id="feed-source" value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">Any outlet</option>
        {data?.entities.nodes.map((outlet) => (
          <option key={outlet.id} value={outlet.id}>
            {outlet.name}
          </option>
        ))}
      </select>
    </div>
  );
}

interface Hit {
  article: ArticleSummaryFragment;
  snippet: string | null;
}

function useFeedPage(
  filters: Filters,
  after: string | null,
): {
  hits: Hit[];
  pageInfo: PageInfoFieldsFragment | null;
  total: number;
  fetching: boolean;
  error: ReturnType<typeof useQuery>[0]['error'];
} {
  const common = {
    first: PAGE_SIZE,
    after,
    publishedFrom: filters.from ? `${filters.from}T00:00:00.000Z` : null,
    // "Up to" includes the whole day picked.
    publishedBefore: filters.to
      ? new Date(Date.parse(`${filters.to}T00:00:00.000Z`) + 86_400_000).toISOString()
      : null,
    source: filters.source || null,
  };
  const [latest] = useQuery({
    query: ArticlesDocument,
    variables: common,
    pause: Boolean(filters.search),
  });
  const [search] = useQuery({
    query: SearchArticlesDocument,
    variables: { ...common, search: filters.search },
    pause: !filters.search,
  });
  if (filters.search) {
    const connection = search.data?.articles;
    return {
      hits:
        connection?.edges.map((edge) => ({ article: edge.node, snippet: edge.snippet ?? null })) ??
        [],
      pageInfo: connection?.pageInfo ?? null,
      total: connection?.totalCount ?? 0,
      fetching: search.fetching,
      error: search.error,
    };
  }
  const connection = latest.data?.articles;
  return {
    hits: connection?.nodes.map((article) => ({ article, snippet: null })) ?? [],
    pageInfo: connection?.pageInfo ?? null,
    total: connection?.totalCount ?? 0,
    fetching: latest.fetching,
    error: latest.error,
  };
}

function FeedPageItems({
  filters,
  after,
  first,
  last,
  onMore,
}: {
  filters: Filters;
  after: string | null;
  first: boolean;
  last: boolean;
  onMore: (cursor: string) => void;
}) {
  const { hits, pageInfo, total, fetching, error } = useFeedPage(filters, after);
  const sentinel = useRef<HTMLLIElement>(null);
  const next = last && pageInfo?.hasNextPage ? pageInfo.endCursor : null;

  // Infinite scroll: when the end of the last page comes into view, ask for the next one.
  useEffect(() => {
    const element = sentinel.current;
    if (!element || !next) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) onMore(next);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [next, onMore]);

  if (error)
    return (
      <li>
        <ErrorPanel error={error} what="the articles" />
      </li>
    );
  if (fetching && !hits.length)
    return (
      <li>
        <Loading what={first ? 'the articles' : 'more articles'} />
      </li>
    );
  if (first && !hits.length)
    return (
      <li>
        <Empty title="No articles match.">
          <p>
            Try other words, a wider date range or any outlet. New articles arrive through the
            Ingest page.
          </p>
        </Empty>
      </li>
    );
  return (
    <>
      {first && (
        <li className="muted count" aria-live="polite">
          {total} article{total === 1 ? '' : 's'}
        </li>
      )}
      {hits.map(({ article, snippet }) => (
        <li key={article.id} className="card">
          <article aria-labelledby={`headline-${article.id}`}>
            <h2 id={`headline-${article.id}`} className="headline">
              <Link href={paths.article(article.id)}>{article.headline}</Link>
            </h2>
            <p className="meta">
              <time dateTime={article.publishedAt}>{formatDate(article.publishedAt)}</time>
              {article.datelines.length > 0 && (
                <> · {article.datelines.map((place) => place.name).join(' / ')}</>
              )}
              {article.source && <> · {article.source.name}</>}
            </p>
            {snippet && <Snippet html={snippet} />}
          </article>
        </li>
      ))}
      {next && (
        <li ref={sentinel} className="more">
          <button type="button" className="secondary" onClick={() => onMore(next)}>
            Load more articles
          </button>
        </li>
      )}
      {last && pageInfo && !pageInfo.hasNextPage && !first && (
        <li className="muted end">That is every article.</li>
      )}
    </>
  );
}

/** The server's snippet marks hits with <mark>; everything else in it is text, so escape it all
 * and put back only the marks. */
function Snippet({ html }: { html: string }) {
  const parts = html.split(/<\/?mark>/);
  return (
    <p className="snippet">
      {parts.map((part, index) =>
        index % 2 === 1 ? <mark key={index}>{part}</mark> : <span key={index}>{part}</span>,
      )}
    </p>
  );
}
