// The raw-SQL limit for the search cases (bench/search.ts): what one hand-written statement per
// request costs for the same page on the RUM engine's meaning of relevance (ordered by
// `search <=> query`, the page's snippets built by ts_headline), the JSON built in PostgreSQL.
// bench/limit-server.ts answers these by operationName next to the main benchmark's operations.
// No totalCount (the server's count is a planner estimate above 1,000 matches, ~2 ms).
import { HEADLINE_OPTIONS, gid, iso } from './operations';

export interface SearchLimitOperation {
  /** The limit server's operationName for this case, also its prepared statement's name. */
  key: string;
  sql: string;
  params(variables: Record<string, unknown>): unknown[];
}

function rowIdOf(value: unknown): number {
  const match = /^[A-Za-z]+:(\d+)$/.exec(Buffer.from(String(value), 'base64url').toString('utf8'));
  if (!match) throw new Error(`not a global ID: ${String(value)}`);
  return Number(match[1]);
}

const QUERY = `websearch_to_tsquery('english', $1)`;

/** A page of 20 articles matching $1 and `where`, in `order`, as the articles connection. */
function articlePage(rank: string, where: string, order: string, pageOrder: string): string {
  return `
with page as (
  select a.id, a.headline, a.published_at, a.body, ${rank} as rank
  from articles a
  where a.search @@ ${QUERY} ${where}
  order by ${order} limit 20)
select json_build_object('articles', json_build_object('edges', coalesce(json_agg(json_build_object(
  'rank', p.rank,
  'snippet', ts_headline('english', p.body, ${QUERY}, ${HEADLINE_OPTIONS}),
  'node', json_build_object('id', ${gid('Article', 'p.id')}, 'headline', p.headline,
                            'publishedAt', ${iso('p.published_at')})
) order by ${pageOrder}), '[]'::json)))::text
from page p`;
}

// RUM's rank as the server reports it: 1 / distance. The index orders by the distance alone.
const RUM_RANK = `1 / nullif((a.search <=> ${QUERY})::float8, 0)`;
const BY_DISTANCE = `a.search <=> ${QUERY}`;

const operations: SearchLimitOperation[] = [
  {
    key: 'SearchLimitRelevance',
    sql: articlePage(RUM_RANK, '', BY_DISTANCE, 'p.rank desc, p.id'),
    params: (variables) => [variables['search']],
  },
  {
    key: 'SearchLimitRange',
    sql: articlePage(
      RUM_RANK,
      'and a.published_at >= $2 and a.published_at < $3',
      BY_DISTANCE,
      'p.rank desc, p.id',
    ),
    params: (variables) => [variables['search'], variables['from'], variables['before']],
  },
  {
    key: 'SearchLimitEntity',
    sql: articlePage(
      RUM_RANK,
      'and a.id in (select article_id from article_mentions where entity_id = $2)',
      BY_DISTANCE,
      'p.rank desc, p.id',
    ),
    params: (variables) => [variables['search'], rowIdOf(variables['mentioning'])],
  },
  {
    key: 'SearchLimitDated',
    sql: articlePage(
      `ts_rank_cd(a.search, ${QUERY})::float8`,
      '',
      'a.published_at desc, a.id desc',
      'p.published_at desc, p.id desc',
    ),
    params: (variables) => [variables['search']],
  },
  {
    key: 'SearchLimitQuotes',
    sql: `
with page as (
  select q.id, q.text, q.reported_at from quotes q
  where q.search @@ ${QUERY}
  order by q.reported_at desc, q.id desc limit 20)
select json_build_object('quotes', json_build_object('nodes', coalesce(json_agg(json_build_object(
  'id', ${gid('Quote', 'p.id')}, 'text', p.text) order by p.reported_at desc, p.id desc), '[]'::json)))::text
from page p`,
    params: (variables) => [variables['search']],
  },
];

export function searchLimitByName(operationName: unknown): SearchLimitOperation | undefined {
  return operations.find((operation) => operation.key === operationName);
}
