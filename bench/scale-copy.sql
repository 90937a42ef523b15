-- A 1,000,000-article copy of a 100,000-article benchmark database, for the search section of
-- `pnpm bench` when generating a million articles does not fit (on the shared 2-core machine the
-- generator made ~140 articles/s under load). Run on a copy you own, never on a shared one:
--
--   createdb -h 127.0.0.1 -U postgres -T dateline_bench_100k <name>
--   psql -h 127.0.0.1 -U postgres -d <name> -f bench/scale-copy.sql
--
-- Written for the generated 100,000-article database (ids 1–100,000; 20,000 entities; 500,000
-- quotes). Each article, quote, mention, entity and alias is copied nine times with new ids (copy k:
-- id + k × the source's count), entity names renumbered as the generator numbers them (so the
-- copy has articles / 5 entities, as generated data does), URLs and content hashes made unique,
-- times shifted by k × 7 minutes. The text and its tsvector are the generated ones: word and
-- phrase frequencies, document lengths and the share of articles a word is in stay those of the
-- generator's data, while the number of matches per query grows tenfold. What differs from
-- generating a million: every text occurs ten times (ten articles tie on any score; ties are
-- broken by id), and the stored `search` columns become plain columns filled from the source
-- (copied, not recomputed: a generated column cannot be inserted into), which reads the same.
-- Deadlines (10,000 in the source) and their history are copied the same way, due dates kept;
-- datelines are not copied. Takes ~45 minutes here
-- under load, most of it the index builds at the end (RUM 27 min, GIN 15 min) (run with psql; \timing shows
-- each step).
\set ON_ERROR_STOP on
set maintenance_work_mem = '1GB';
set synchronous_commit = off;
drop index if exists articles_search_rum_idx;
drop index articles_search_idx, articles_published_at_id_idx, articles_source_id_published_at_id_idx, articles_url_key, articles_content_hash_key;
drop index article_mentions_entity_id_published_at_article_id_count_idx;
drop index quotes_article_id_span_idx, quotes_reported_at_id_idx, quotes_search_idx, quotes_speaker_id_reported_at_id_article_id_idx, quotes_via_id_reported_at_id_idx;
drop index entities_kind_name_id_idx, entities_name_id_idx, entities_name_trgm_idx, entity_aliases_alias_trgm_idx;
alter table articles alter column search drop expression;
alter table quotes alter column search drop expression;
insert into entities (id, name, kind, title, wikidata_id, created_at, updated_at) overriding system value
select e.id + k * 20000,
       regexp_replace(e.name, '[0-9]+$', ((substring(e.name from '([0-9]+)$'))::int + k * 20000)::text),
       e.kind, e.title, null, e.created_at, e.updated_at
from entities e, generate_series(1, 9) k where e.id <= 20000;
insert into entity_aliases (entity_id, alias) select a.entity_id + k * 20000, a.alias from entity_aliases a, generate_series(1, 9) k where a.entity_id <= 20000;
insert into articles (id, headline, body, published_at, source_id, url, language, content_hash, search, created_at, updated_at) overriding system value
select a.id + k * 100000, a.headline, a.body, a.published_at + k * interval '7 minutes', a.source_id + k * 20000,
       case when a.url is null then null else a.url || '#' || k end, a.language, a.content_hash || '-' || k, a.search, a.created_at, a.updated_at
from articles a, generate_series(1, 9) k where a.id <= 100000;
insert into article_mentions (article_id, entity_id, mention_count, surface_forms, published_at)
select m.article_id + k * 100000, m.entity_id + k * 20000, m.mention_count, m.surface_forms, m.published_at + k * interval '7 minutes'
from article_mentions m, generate_series(1, 9) k where m.article_id <= 100000;
insert into quotes (id, article_id, text, direct, speaker_id, speaker_title, cue, channel, via_id, spoken_on, reported_at, span_start, span_end, search, created_at, confidence) overriding system value
select q.id + k * 500000, q.article_id + k * 100000, q.text, q.direct, q.speaker_id + k * 20000, q.speaker_title, q.cue, q.channel, q.via_id + k * 20000, q.spoken_on,
       q.reported_at + k * interval '7 minutes', q.span_start, q.span_end, q.search, q.created_at, q.confidence
from quotes q, generate_series(1, 9) k where q.id <= 500000;
insert into deadlines (id, article_id, description, due_on, set_by_id, subject_id, consequence, evidence, status, created_at, updated_at) overriding system value
select d.id + k * 10000, d.article_id + k * 100000, d.description, d.due_on, d.set_by_id + k * 20000, d.subject_id + k * 20000,
       d.consequence, d.evidence, d.status, d.created_at, d.updated_at
from deadlines d, generate_series(1, 9) k where d.id <= 10000;
insert into deadline_changes (deadline_id, article_id, status, due_on, previous_status, previous_due_on, note, changed_at)
select c.deadline_id + k * 10000, c.article_id + k * 100000, c.status, c.due_on, c.previous_status, c.previous_due_on, c.note, c.changed_at
from deadline_changes c, generate_series(1, 9) k where c.deadline_id <= 10000;
select setval(pg_get_serial_sequence('articles', 'id'), (select max(id) from articles));
select setval(pg_get_serial_sequence('deadlines', 'id'), (select max(id) from deadlines));
select setval(pg_get_serial_sequence('quotes', 'id'), (select max(id) from quotes));
select setval(pg_get_serial_sequence('entities', 'id'), (select max(id) from entities));
create index articles_published_at_id_idx on articles (published_at, id);
create index articles_source_id_published_at_id_idx on articles (source_id, published_at, id);
create unique index articles_url_key on articles (url);
create unique index articles_content_hash_key on articles (content_hash) where url is null;
create index article_mentions_entity_id_published_at_article_id_count_idx on article_mentions (entity_id, published_at, article_id, mention_count);
create index quotes_article_id_span_idx on quotes (article_id, span_start, id);
create index quotes_reported_at_id_idx on quotes (reported_at, id);
create index quotes_speaker_id_reported_at_id_article_id_idx on quotes (speaker_id, reported_at, id, article_id);
create index quotes_via_id_reported_at_id_idx on quotes (via_id, reported_at, id);
create index entities_kind_name_id_idx on entities (kind, name, id);
create index entities_name_id_idx on entities (name, id);
create index entities_name_trgm_idx on entities using gin (name gin_trgm_ops);
create index entity_aliases_alias_trgm_idx on entity_aliases using gin (alias gin_trgm_ops);

create index articles_search_idx on articles using gin (search);
create index quotes_search_idx on quotes using gin (search);
create extension if not exists rum;
create index articles_search_rum_idx on articles using rum (search rum_tsvector_ops);
-- A VACUUM would also read the ~12 GB TOAST table; ANALYZE gives the planner its statistics.
analyze;
