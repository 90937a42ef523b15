// The shell: a header with the sections and an entity search, and the page for the route.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ArticlePage } from './pages/article';
import { DeadlinesPage } from './pages/deadlines';
import { EntitiesPage, EntityPage } from './pages/entity';
import { FeedPage } from './pages/feed';
import { IngestPage } from './pages/ingest';
import { Link, navigate, paths, useRoute, type Route } from './router';

export function App() {
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  // After a client-side navigation, move focus to the new page so screen readers announce it.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [route]);

  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="masthead">
        <div className="masthead-inner">
          <Link className="brand" href={paths.feed()}>
            Newsroom <span className="brand-sub">on Dateline</span>
          </Link>
          <nav aria-label="Sections">
            <ul>
              <li>
                <Link href={paths.feed()} aria-current={route.page === 'feed' ? 'page' : undefined}>
                  Feed
                </Link>
              </li>
              <li>
                <Link
                  href={paths.deadlines()}
                  aria-current={route.page === 'deadlines' ? 'page' : undefined}
                >
                  Deadlines
                </Link>
              </li>
              <li>
                <Link
                  href={paths.ingest()}
                  aria-current={route.page === 'ingest' ? 'page' : undefined}
                >
                  Ingest
                </Link>
              </li>
              <li>
                <a href="/graphql">API explorer</a>
              </li>
            </ul>
          </nav>
          <EntitySearch initial={route.page === 'entities' ? route.search : ''} />
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Page route={route} />
      </main>
      <footer className="footer">
        <p>
          An example app on <code>@dateline/sdk</code> and urql. Copy it from{' '}
          <code>packages/web</code>.
        </p>
      </footer>
    </>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'feed':
      return <FeedPage />;
    case 'article':
      return <ArticlePage id={route.id} />;
    case 'entities':
      return <EntitiesPage search={route.search} />;
    case 'entity':
      return <EntityPage id={route.id} />;
    case 'deadlines':
      return <DeadlinesPage />;
    case 'ingest':
      return <IngestPage />;
    case 'not-found':
      return (
        <section className="page">
          <h1>Page not found</h1>
          <p>
            Nothing lives at <code>{route.path}</code>.{' '}
            <Link href={paths.feed()}>Back to the feed</Link>.
          </p>
        </section>
      );
  }
}

function EntitySearch({ initial }: { initial: string }) {
  const [value, setValue] = useState(initial);
  useEffect(() => setValue(initial), [initial]);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (value.trim()) navigate(paths.entities(value.trim()));
  };
  return (
    <form role="search" className="entity-search" onSubmit={submit}>
      <label htmlFor="entity-search">Find a person, company or outlet</label>
      <input
        id="entity-search"
        type="search"
        value={value}
        placeholder="e.g. Mosery, AFP"
        onChange={(event) => setValue(event.target.value)}
      />
      <button type="submit">Find</button>
    </form>
  );
}
