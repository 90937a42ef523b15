// The operations the benchmark drives: their GraphQL documents (bench/operations/*.graphql),
// the variables they run with, and the one hand-written SQL statement per operation that the
// "limit" server answers them with. Both must produce the same `data`; run.ts checks that.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const operationKeys = [
  'feed',
  'entity',
  'search',
  'upcoming',
  'timeline',
  'comentions',
] as const;
export type OperationKey = (typeof operationKeys)[number];

/** What the operations are run with; chosen once per database, deterministically. */
export interface Fixture {
  /** The entity with the most quotes (ties: lowest id). */
  entityId: number;
  /** The entity with the most mentions (ties: lowest id), for the aggregates. */
  mentionedId: number;
  search: string;
  /** Upcoming deadlines as of this day: a window holding the same number at every size. */
  asOf: string;
  /** Open deadlines due within 30 days of asOf. */
  upcoming: number;
}

export const SEARCH = 'nostrum dolorem';
/** The window upcomingDeadlines looks ahead, as bench/operations/upcoming.graphql asks. */
export const UPCOMING_DAYS = 30;

export interface BenchOperation {
  key: OperationKey;
  title: string;
  operationName: string;
  document: string;
  variables(fixture: Fixture): Record<string, unknown>;
  /** The limit server's statement, with $1… bound from the same variables. */
  sql: string;
  params(variables: Record<string, unknown>): unknown[];
}

export function globalId(type: string, id: number): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

function rowIdOf(value: unknown): number {
  const match = /^[A-Za-z]+:(\d+)$/.exec(Buffer.from(String(value), 'base64url').toString('utf8'));
  if (!match) throw new Error(`not a global ID: ${String(value)}`);
  return Number(match[1]);
}

/** SQL for Dateline's opaque global ID: base64url("Type:id"), unpadded. */
export const gid = (type: string, column: string): string =>
  `rtrim(translate(encode(convert_to('${type}:' || ${column}, 'UTF8'), 'base64'), '+/', '-_'), '=')`;
/** SQL for a DateTime as Dateline serialises it (Date#toISOString). */
export const iso = (column: string): string =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export const HEADLINE_OPTIONS = `'StartSel=<mark>, StopSel=</mark>, MaxFragments=2, MinWords=8, MaxWords=30, FragmentDelimiter=" … "'`;

/**
 * The feed's statement: a page of 20 articles newest first with their top entities and first
 * quotes, as the feed's json. `where` narrows the page (the variable feed's cursor and window).
 */
export const feedSql = (where = ''): string => `
select json_build_object('articles', json_build_object('nodes', coalesce(json_agg(json_build_object(
  'id', ${gid('Article', 'a.id')},
  'headline', a.headline,
  'publishedAt', ${iso('a.published_at')},
  'source', case when s.id is null then null else json_build_object('name', s.name) end,
  'entities', json_build_object('nodes', coalesce((
    select json_agg(json_build_object('id', ${gid('Entity', 'e.id')}, 'name', e.name, 'kind', e.kind)
                    order by m.mention_count desc, m.entity_id desc)
    from (select entity_id, mention_count from article_mentions
          where article_id = a.id order by mention_count desc, entity_id desc limit 5) m
    join entities e on e.id = m.entity_id), '[]'::json)),
  'quotes', json_build_object('nodes', coalesce((
    select json_agg(json_build_object('id', ${gid('Quote', 'q.id')}, 'text', q.text,
                      'speaker', json_build_object('id', ${gid('Entity', 'sp.id')}, 'name', sp.name))
                    order by q.span_start, q.id)
    from (select id, text, speaker_id, span_start from quotes
          where article_id = a.id order by span_start, id limit 3) q
    join entities sp on sp.id = q.speaker_id), '[]'::json))
) order by a.published_at desc, a.id desc), '[]'::json)))::text
from (select id, headline, published_at, source_id from articles${
  where
    ? `
      where ${where}`
    : ''
}
      order by published_at desc, id desc limit 20) a
left join entities s on s.id = a.source_id`;

const entitySql = `
select json_build_object('entity', (
  select json_build_object(
    'id', ${gid('Entity', 'e.id')}, 'name', e.name, 'kind', e.kind, 'title', e.title,
    'aliases', coalesce((select json_agg(al.alias order by al.alias)
                         from entity_aliases al where al.entity_id = e.id), '[]'::json),
    'relations', json_build_object('edges', coalesce((
      select json_agg(json_build_object('type', r.type, 'direction', r.direction,
               'node', json_build_object('id', ${gid('Entity', 'o.id')}, 'name', o.name, 'kind', o.kind))
             order by r.id)
      from (select id, type,
                   case when from_id = e.id then 'OUTGOING' else 'INCOMING' end as direction,
                   case when from_id = e.id then to_id else from_id end as other_id
            from entity_relations where from_id = e.id or to_id = e.id
            order by id limit 20) r
      join entities o on o.id = r.other_id), '[]'::json)),
    'quotes', json_build_object('nodes', coalesce((
      select json_agg(json_build_object('id', ${gid('Quote', 'q.id')}, 'text', q.text, 'channel', q.channel,
               'article', json_build_object('id', ${gid('Article', 'qa.id')}, 'headline', qa.headline,
                                            'publishedAt', ${iso('qa.published_at')}))
             order by q.reported_at desc, q.id desc)
      from (select id, text, channel, article_id, reported_at from quotes
            where speaker_id = e.id order by reported_at desc, id desc limit 20) q
      join articles qa on qa.id = q.article_id), '[]'::json)),
    'deadlines', json_build_object('nodes', coalesce((
      select json_agg(json_build_object('id', ${gid('Deadline', 'd.id')}, 'description', d.description,
                                        'dueOn', d.due_on)
             order by d.due_on, d.id)
      from ((select id, description, due_on from deadlines
             where status = 'PENDING' and set_by_id = e.id
             order by due_on, id limit 20)
            union all
            (select id, description, due_on from deadlines
             where status = 'PENDING' and subject_id = e.id
               and set_by_id is distinct from e.id
             order by due_on, id limit 20)
            union all
            (select id, description, due_on from deadlines
             where status = 'PENDING'
               and id in (select deadline_id from deadline_concerns where entity_id = e.id)
               and set_by_id is distinct from e.id and subject_id is distinct from e.id
             order by due_on, id limit 20)
            order by due_on, id limit 20) d), '[]'::json))
  )
  from entities e where e.id = $1))::text`;

const searchSql = `
with query as (select websearch_to_tsquery('english', $1) as q),
ranked as (
  select a.id, a.headline, a.published_at, a.body, ts_rank_cd(a.search, query.q)::float8 as rank
  from articles a, query where a.search @@ query.q
  order by rank desc, a.id desc limit 20)
select json_build_object('articles', json_build_object('edges', coalesce(json_agg(json_build_object(
  'rank', r.rank,
  'snippet', ts_headline('english', r.body, query.q, ${HEADLINE_OPTIONS}),
  'node', json_build_object('id', ${gid('Article', 'r.id')}, 'headline', r.headline,
                            'publishedAt', ${iso('r.published_at')})
) order by r.rank desc, r.id desc), '[]'::json)))::text
from ranked r, query`;

const upcomingSql = `
select json_build_object('upcomingDeadlines', json_build_object('nodes', coalesce(json_agg(json_build_object(
  'id', ${gid('Deadline', 'd.id')}, 'description', d.description, 'dueOn', d.due_on, 'status', d.status,
  'setBy', case when sb.id is null then null
                else json_build_object('id', ${gid('Entity', 'sb.id')}, 'name', sb.name) end,
  'subject', json_build_object('id', ${gid('Entity', 'su.id')}, 'name', su.name)
) order by d.due_on, d.id), '[]'::json)))::text
from (select id, description, due_on, status, set_by_id, subject_id from deadlines
      where status in ('PENDING', 'EXTENDED') and due_on >= $1::date and due_on <= $1::date + 30
      order by due_on, id limit 20) d
left join entities sb on sb.id = d.set_by_id
join entities su on su.id = d.subject_id`;

const timelineSql = `
with counted as (
  select date_trunc('week', published_at at time zone 'UTC') as bucket, count(*) as n
  from article_mentions
  where entity_id = $1 and published_at >= timestamptz '2024-01-01 00:00:00+00'
    and published_at < timestamptz '2025-01-01 00:00:00+00'
  group by 1)
select json_build_object('entity', json_build_object('timeline', json_build_object(
  'total', coalesce((select sum(n) from counted), 0),
  'points', (select json_agg(json_build_object('date', to_char(series.bucket, 'YYYY-MM-DD'),
                                               'count', coalesce(counted.n, 0))
                             order by series.bucket)
             from generate_series(date_trunc('week', timestamp '2024-01-01'),
                                  timestamp '2024-12-31', interval '1 week') as series(bucket)
             left join counted on counted.bucket = series.bucket))))::text`;

const coMentionsSql = `
select json_build_object('entity', json_build_object('coMentions', coalesce(json_agg(
  json_build_object('count', c.n, 'entity', json_build_object('id', ${gid('Entity', 'e.id')}, 'name', e.name))
  order by c.n desc, c.id), '[]'::json)))::text
from (select other.entity_id as id, count(*) as n
      from article_mentions m
      join article_mentions other on other.article_id = m.article_id and other.entity_id <> m.entity_id
      where m.entity_id = $1
      group by other.entity_id order by count(*) desc, other.entity_id limit 20) c
join entities e on e.id = c.id`;

function graphqlDocument(key: OperationKey): string {
  return readFileSync(join(__dirname, 'operations', `${key}.graphql`), 'utf8');
}

export const operations: readonly BenchOperation[] = [
  {
    key: 'feed',
    title: 'article feed',
    operationName: 'BenchFeed',
    document: graphqlDocument('feed'),
    variables: () => ({}),
    sql: feedSql(),
    params: () => [],
  },
  {
    key: 'entity',
    title: 'entity page',
    operationName: 'BenchEntity',
    document: graphqlDocument('entity'),
    variables: (fixture) => ({ id: globalId('Entity', fixture.entityId) }),
    sql: entitySql,
    params: (variables) => [rowIdOf(variables['id'])],
  },
  {
    key: 'search',
    title: 'full-text search',
    operationName: 'BenchSearch',
    document: graphqlDocument('search'),
    variables: (fixture) => ({ search: fixture.search }),
    sql: searchSql,
    params: (variables) => [variables['search']],
  },
  {
    key: 'upcoming',
    title: 'upcoming deadlines',
    operationName: 'BenchUpcoming',
    document: graphqlDocument('upcoming'),
    variables: (fixture) => ({ asOf: fixture.asOf }),
    sql: upcomingSql,
    params: (variables) => [variables['asOf']],
  },
  {
    key: 'timeline',
    title: 'weekly timeline, one year',
    operationName: 'BenchTimeline',
    document: graphqlDocument('timeline'),
    variables: (fixture) => ({ id: globalId('Entity', fixture.mentionedId) }),
    sql: timelineSql,
    params: (variables) => [rowIdOf(variables['id'])],
  },
  {
    key: 'comentions',
    title: 'top-20 co-mentions',
    operationName: 'BenchCoMentions',
    document: graphqlDocument('comentions'),
    variables: (fixture) => ({ id: globalId('Entity', fixture.mentionedId) }),
    sql: coMentionsSql,
    params: (variables) => [rowIdOf(variables['id'])],
  },
];

export function operationByName(operationName: unknown): BenchOperation | undefined {
  return operations.find((operation) => operation.operationName === operationName);
}
