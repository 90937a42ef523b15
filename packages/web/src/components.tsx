// The states every page shares: loading, empty and failed, each designed rather than blank.
import type { ReactNode } from 'react';
import type { CombinedError } from 'urql';
import type { EntityRefFragment } from '@dateline/sdk';
import { Link, paths } from './router';

export function Loading({ what }: { what: string }) {
  return (
    <p className="state loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state empty" role="status">
      <p className="state-title">{title}</p>
      {children}
    </div>
  );
}

/** An API failure with the codes the server gave, so a developer knows what to look up. */
export function ErrorPanel({ error, what }: { error: CombinedError; what: string }) {
  const codes = error.graphQLErrors.map((item) => {
    const code = item.extensions['code'];
    return typeof code === 'string' ? code : 'UNKNOWN';
  });
  const requestId = error.graphQLErrors
    .map((item) => item.extensions['requestId'])
    .find((id) => typeof id === 'string');
  return (
    <div className="state error" role="alert">
      <p className="state-title">Could not load {what}.</p>
      {error.networkError && !error.graphQLErrors.length ? (
        <p>
          The server could not be reached (<code>NETWORK_ERROR</code>): {error.networkError.message}
        </p>
      ) : (
        <ul>
          {error.graphQLErrors.map((item, index) => (
            <li key={index}>
              <code className="code">{codes[index]}</code> {item.message}
            </li>
          ))}
        </ul>
      )}
      {typeof requestId === 'string' && (
        <p className="muted">
          Request id: <code>{requestId}</code>
        </p>
      )}
    </div>
  );
}

export function EntityLink({ entity }: { entity: EntityRefFragment }) {
  return <Link href={paths.entity(entity.id)}>{entity.name}</Link>;
}

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** SCREAMING_CASE enum values as words: PRESS_BRIEFING → press briefing. */
export function words(value: string): string {
  return value.toLowerCase().replace(/_/g, ' ');
}
