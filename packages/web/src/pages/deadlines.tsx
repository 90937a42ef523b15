// The deadline tracker: deadlines soonest first with a countdown to each, and the history of
// extensions and outcomes as the articles reported them.
import { useEffect, useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import {
  DeadlineChangedDocument,
  DeadlineDocument,
  DeadlinesDocument,
  type DeadlineFieldsFragment,
  type DeadlineStatus,
} from '@dateline/sdk';
import { Empty, EntityLink, ErrorPanel, Loading, formatDate, words } from '../components';
import { Link, paths } from '../router';

const OPEN: DeadlineStatus[] = ['PENDING', 'EXTENDED'];

export function DeadlinesPage() {
  const [openOnly, setOpenOnly] = useState(false);
  const [asOf, setAsOf] = useState('');
  const now = useNow();
  const reference = asOf ? Date.parse(`${asOf}T00:00:00.000Z`) : now;
  const [{ data, fetching, error }, refetch] = useQuery({
    query: DeadlinesDocument,
    variables: { statuses: openOnly ? OPEN : null, orderBy: 'DUE_ON_ASC', first: 100 },
  });
  // Live: every deadline reported or changed anywhere reloads the list and is announced.
  const [{ data: change }] = useSubscription({ query: DeadlineChangedDocument });
  useEffect(() => {
    if (change) refetch({ requestPolicy: 'network-only' });
  }, [change, refetch]);
  const deadlines = data?.deadlines.nodes ?? [];
  const upcoming = deadlines.filter((deadline) => dueAt(deadline) >= reference);
  const past = deadlines.filter((deadline) => dueAt(deadline) < reference);

  return (
    <section className="page" aria-labelledby="deadlines-title">
      <h1 id="deadlines-title">Deadline tracker</h1>
      <p className="muted live" role="status" aria-live="polite">
        {change
          ? `Live: ${change.deadlineChanged.created ? 'new' : 'changed'}, ${change.deadlineChanged.deadline.description} (due ${change.deadlineChanged.deadline.dueOn})`
          : 'Live: changes appear here as they are reported.'}
      </p>
      <form
        className="filters"
        aria-label="Deadline options"
        onSubmit={(event) => event.preventDefault()}
      >
        <div className="field checkbox">
          <input
            id="open-only"
            type="checkbox"
            checked={openOnly}
            onChange={(event) => setOpenOnly(event.target.checked)}
          />
          <label htmlFor="open-only">Open deadlines only (pending or extended)</label>
        </div>
        <div className="field">
          <label htmlFor="as-of">Count down from</label>
          <input
            id="as-of"
            type="date"
            value={asOf}
            onChange={(event) => setAsOf(event.target.value)}
          />
        </div>
        {asOf && (
          <div className="field actions">
            <button type="button" className="secondary" onClick={() => setAsOf('')}>
              Back to now
            </button>
          </div>
        )}
      </form>
      {fetching ? (
        <Loading what="deadlines" />
      ) : error ? (
        <ErrorPanel error={error} what="the deadlines" />
      ) : !deadlines.length ? (
        <Empty title="No deadlines yet.">
          <p>Deadlines come from articles: ingest one that reports an ultimatum or a due date.</p>
        </Empty>
      ) : (
        <>
          <h2>Upcoming</h2>
          {upcoming.length ? (
            <DeadlineList deadlines={upcoming} reference={reference} />
          ) : (
            <p className="muted">Nothing falls due after {asOf ? formatDate(asOf) : 'today'}.</p>
          )}
          <h2>Past due dates</h2>
          {past.length ? (
            <DeadlineList deadlines={past} reference={reference} />
          ) : (
            <p className="muted">None.</p>
          )}
        </>
      )}
    </section>
  );
}

function DeadlineList({
  deadlines,
  reference,
}: {
  deadlines: readonly DeadlineFieldsFragment[];
  reference: number;
}) {
  return (
    <ul className="deadlines">
      {deadlines.map((deadline) => (
        <li key={deadline.id} className="card deadline-card">
          <div className="deadline-head">
            <p className="due">
              <time dateTime={deadline.dueOn}>{deadline.dueOn}</time>
              <span className={`status status-${deadline.status.toLowerCase()}`}>
                {words(deadline.status)}
              </span>
            </p>
            <p className="countdown">{countdown(dueAt(deadline), reference)}</p>
          </div>
          <h3 className="headline">{deadline.description}</h3>
          <p className="meta">
            {deadline.setBy ? (
              <>
                set by <EntityLink entity={deadline.setBy} />
              </>
            ) : (
              'set by an unknown party'
            )}{' '}
            · for <EntityLink entity={deadline.subject} />
            {deadline.consequence && <> · or else {deadline.consequence}</>}
          </p>
          <details>
            <summary>History of changes</summary>
            <DeadlineHistory id={deadline.id} />
          </details>
        </li>
      ))}
    </ul>
  );
}

function DeadlineHistory({ id }: { id: string }) {
  const [{ data, fetching, error }] = useQuery({ query: DeadlineDocument, variables: { id } });
  if (fetching) return <Loading what="the history" />;
  if (error) return <ErrorPanel error={error} what="the history" />;
  const deadline = data?.deadline;
  if (!deadline) return <p className="muted">This deadline no longer exists.</p>;
  return (
    <ol className="history">
      {deadline.article && (
        <li>
          First reported in{' '}
          <Link href={paths.article(deadline.article.id)}>{deadline.article.headline}</Link> (
          {formatDate(deadline.article.publishedAt)})
        </li>
      )}
      {deadline.history.nodes.map((change) => (
        <li key={change.id}>
          <time dateTime={change.changedAt}>{formatDate(change.changedAt)}</time>:{' '}
          {change.previousDueOn && change.dueOn && change.previousDueOn !== change.dueOn
            ? `moved from ${change.previousDueOn} to ${change.dueOn}`
            : change.previousStatus && change.previousStatus !== change.status
              ? `${words(change.previousStatus)} → ${words(change.status)}`
              : `${words(change.status)}${change.dueOn ? `, due ${change.dueOn}` : ''}`}
          {change.note && <> ({change.note})</>}
          {change.article && (
            <>
              {' '}
              · <Link href={paths.article(change.article.id)}>{change.article.headline}</Link>
            </>
          )}
        </li>
      ))}
      {deadline.history.nodes.length === 0 && (
        <li className="muted">No extensions or outcomes reported yet.</li>
      )}
    </ol>
  );
}

/** Due at the end of the day it is due on (UTC). */
function dueAt(deadline: DeadlineFieldsFragment): number {
  return Date.parse(`${deadline.dueOn}T23:59:59.999Z`);
}

function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function countdown(due: number, from: number): string {
  const minutes = Math.floor(Math.abs(due - from) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const amount =
    days >= 365
      ? `${Math.floor(days / 365)} year${days >= 730 ? 's' : ''}, ${days % 365} days`
      : days > 0
        ? `${days} day${days === 1 ? '' : 's'} ${hours} h`
        : `${hours} h ${minutes % 60} min`;
  return due >= from ? `due in ${amount}` : `${amount} ago`;
}
