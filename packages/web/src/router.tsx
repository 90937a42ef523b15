// A few lines of history-API routing: the app has five pages and needs no router library.
import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent } from 'react';

export type Route =
  | { page: 'feed' }
  | { page: 'article'; id: string }
  | { page: 'entities'; search: string }
  | { page: 'entity'; id: string }
  | { page: 'deadlines' }
  | { page: 'ingest' }
  | { page: 'not-found'; path: string };

export function parseRoute(location: Location): Route {
  const path = location.pathname.replace(/\/+$/, '') || '/';
  const params = new URLSearchParams(location.search);
  const [, first, second] = path.split('/');
  if (path === '/') return { page: 'feed' };
  if (first === 'articles' && second) return { page: 'article', id: decodeURIComponent(second) };
  if (first === 'entities' && second) return { page: 'entity', id: decodeURIComponent(second) };
  if (first === 'entities') return { page: 'entities', search: params.get('search') ?? '' };
  if (first === 'deadlines') return { page: 'deadlines' };
  if (first === 'ingest') return { page: 'ingest' };
  return { page: 'not-found', path };
}

export const paths = {
  feed: (): string => '/',
  article: (id: string): string => `/articles/${encodeURIComponent(id)}`,
  entity: (id: string): string => `/entities/${encodeURIComponent(id)}`,
  entities: (search: string): string => `/entities?search=${encodeURIComponent(search)}`,
  deadlines: (): string => '/deadlines',
  ingest: (): string => '/ingest',
};

const NAVIGATE = 'newsroom:navigate';

export function navigate(to: string): void {
  window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE));
  window.scrollTo(0, 0);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location));
  useEffect(() => {
    const update = (): void => setRoute(parseRoute(window.location));
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATE, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATE, update);
    };
  }, []);
  return route;
}

/** An ordinary link (open in new tab works) that navigates in place on a plain click. */
export function Link({
  href,
  ...props
}: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>): void => {
    props.onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return <a {...props} href={href} onClick={onClick} />;
}
