// An entity's coverage over time: articles mentioning it per month over the twelve months up to
// its newest article, as an accessible bar chart (a table for screen readers, SVG bars to see).
import { useQuery } from 'urql';
import { ArticlesDocument, TimelineDocument } from '@dateline/sdk';
import { Empty, ErrorPanel, Loading } from './components';

const MONTHS = 12;

/** The first day of the month `offset` months after the one `iso` falls in, as YYYY-MM-DD. */
export function monthStart(iso: string, offset = 0): string {
  const date = new Date(`${iso.slice(0, 7)}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + offset);
  return date.toISOString().slice(0, 10);
}

export function CoverageChart({ entity }: { entity: string }) {
  const [latest] = useQuery({
    query: ArticlesDocument,
    variables: { mentioning: entity, first: 1 },
  });
  const newest = latest.data?.articles.nodes[0]?.publishedAt;
  const range = newest ? { from: monthStart(newest, 1 - MONTHS), to: monthStart(newest, 1) } : null;
  const [{ data, fetching, error }] = useQuery({
    query: TimelineDocument,
    variables: {
      of: 'ARTICLES',
      bucket: 'MONTH',
      entity,
      from: range?.from ?? '',
      to: range?.to ?? '',
    },
    pause: !range,
  });
  if (latest.fetching || fetching) return <Loading what="coverage" />;
  if (latest.error) return <ErrorPanel error={latest.error} what="the coverage" />;
  if (error) return <ErrorPanel error={error} what="the coverage" />;
  const points = data?.timeline.points ?? [];
  if (!newest || points.length === 0) return <Empty title="No article mentions it yet." />;
  const highest = Math.max(1, ...points.map((point) => point.count));
  const label = (date: string): string =>
    new Date(`${date}T00:00:00Z`).toLocaleDateString('en', {
      month: 'short',
      year: '2-digit',
      timeZone: 'UTC',
    });
  const width = 24;
  const height = 80;
  return (
    <figure className="coverage">
      <svg
        viewBox={`0 0 ${points.length * width} ${height + 16}`}
        role="img"
        aria-label={`Articles per month, ${label(points[0]!.date)} to ${label(points.at(-1)!.date)}: ${data!.timeline.total} in all`}
      >
        <line className="axis" x1={0} x2={points.length * width} y1={height} y2={height} />
        {points.map((point, index) => {
          const bar = Math.round((point.count / highest) * height);
          return (
            <g key={point.date} transform={`translate(${index * width} 0)`}>
              <rect
                className="bar"
                data-count={point.count}
                x={3}
                y={height - bar}
                width={width - 6}
                height={bar}
              >
                <title>{`${label(point.date)}: ${point.count}`}</title>
              </rect>
              {index % 3 === 0 && (
                <text x={2} y={height + 12}>
                  {label(point.date)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption>
        {data!.timeline.total} {data!.timeline.total === 1 ? 'article' : 'articles'} in the twelve
        months up to {label(points.at(-1)!.date)}
      </figcaption>
      <table className="visually-hidden">
        <caption>Articles mentioning it per month</caption>
        <tbody>
          {points.map((point) => (
            <tr key={point.date}>
              <th scope="row">{label(point.date)}</th>
              <td>{point.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
