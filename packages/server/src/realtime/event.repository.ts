// The only place that knows how events are stored: the outbox a write appends to in its own
// transaction, the reads every instance's listener makes after a notification, and the
// countdown the coming-due scheduler keeps.
import { rowsOf } from '../db/rows';
import { asc, gt, lt, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client';
import { events, type EventRow } from '../db/schema';

/** The channel every instance LISTENs on; a notification carries nothing but "look again". */
export const EVENTS_CHANNEL = 'dateline_events';

/**
 * Held from a transaction's first event until it commits or rolls back, so events get their ids
 * in commit order: a reader that has seen id n never later finds a committed n - 1.
 */
const OUTBOX_LOCK = 7_461_001;
/** Held by the instance running a coming-due tick, so two instances never announce twice. */
const COUNTDOWN_LOCK = 7_461_002;

export type Topic =
  'article.created' | 'quote.created' | 'deadline.changed' | 'deadline.comingDue' | 'entity.merged';

export interface ArticleCreatedPayload {
  id: number;
  /** Every entity the article mentions, names as source or datelines. */
  entityIds: number[];
}
export interface QuoteCreatedPayload {
  id: number;
  speakerId: number | null;
  channel: string | null;
  /** The entities the quote's article mentions. */
  aboutIds: number[];
}
export interface DeadlineChangedPayload {
  id: number;
  created: boolean;
  status: string;
  /** Subject, setter and concerned entities. */
  entityIds: number[];
}
export interface DeadlineComingDuePayload {
  id: number;
  daysLeft: number;
  /** Days left at the previous announcement; null when the deadline was not counted yet. */
  previousDaysLeft: number | null;
  entityIds: number[];
}
export interface EntityMergedPayload {
  keptId: number;
  mergedId: number;
  mergedName: string;
}

export interface TopicPayloads {
  'article.created': ArticleCreatedPayload;
  'quote.created': QuoteCreatedPayload;
  'deadline.changed': DeadlineChangedPayload;
  'deadline.comingDue': DeadlineComingDuePayload;
  'entity.merged': EntityMergedPayload;
}

/** Deadlines further away than this are not counted down (and no subscriber may ask for more). */
export const MAX_COUNTDOWN_DAYS = 366;

const deadlineEntityIds = (deadline: SQL) => sql`(
  select coalesce(jsonb_agg(distinct x), '[]'::jsonb) from (
    select d.subject_id as x from deadlines d where d.id = ${deadline}
    union all select d.set_by_id from deadlines d where d.id = ${deadline} and d.set_by_id is not null
    union all select c.entity_id from deadline_concerns c where c.deadline_id = ${deadline}
  ) involved)`;

/** Both drivers answer a raw statement with `{ rows }`. */

export class EventRepository {
  constructor(private readonly db: Database) {}

  /** Appends an event whose payload the database builds from the rows this transaction wrote. */
  private async append(topic: Topic, payload: SQL): Promise<void> {
    await this.db.execute(sql`select pg_advisory_xact_lock(${OUTBOX_LOCK})`);
    // NOTIFY inside the transaction: PostgreSQL delivers it on commit and drops it on rollback.
    await this.db.execute(sql`
      with appended as (
        insert into events (topic, payload) values (${topic}, (${payload})) returning id
      )
      select pg_notify(${EVENTS_CHANNEL}, id::text) from appended`);
  }

  /**
   * The events of newly stored articles in one statement, as articleCreated, quoteCreated and
   * deadlineChanged(created) one after another would append them: per article (in the order
   * given) the article, then its quotes, then its deadlines, by id. Call it once every row of
   * these articles is written; it takes the outbox lock once.
   */
  async articlesStored(articleIds: readonly number[]): Promise<void> {
    if (articleIds.length === 0) return;
    const ids = sql`${sql.param([...articleIds])}::int[]`;
    await this.db.execute(sql`select pg_advisory_xact_lock(${OUTBOX_LOCK})`);
    // A quote is about what its article mentions: read once per article, not once per quote.
    await this.db.execute(sql`
      with about as materialized (
        select m.article_id, jsonb_agg(m.entity_id) as ids
          from article_mentions m where m.article_id = any(${ids})
         group by m.article_id
      ), stored as (
        select 'article.created' as topic, ${this.articlePayload(sql`a`)} as payload,
               a.id as article_id, 0 as part, a.id as item
          from articles a where a.id = any(${ids})
        union all
        select 'quote.created',
               ${this.quotePayload(sql`q`, sql`coalesce(about.ids, '[]'::jsonb)`)},
               q.article_id, 1, q.id
          from quotes q left join about on about.article_id = q.article_id
         where q.article_id = any(${ids})
        union all
        select 'deadline.changed', ${this.deadlinePayload(sql`stored_d`, true)}, stored_d.article_id,
               2, stored_d.id
          from deadlines stored_d where stored_d.article_id = any(${ids})
      ), appended as (
        insert into events (topic, payload)
        select topic, payload from stored
         order by array_position(${ids}, article_id), part, item
        returning id
      )
      select pg_notify(${EVENTS_CHANNEL}, max(id)::text) from appended`);
  }

  private articlePayload(a: SQL): SQL {
    return sql`jsonb_build_object('id', ${a}.id, 'entityIds', (
        select coalesce(jsonb_agg(distinct x), '[]'::jsonb) from (
          select m.entity_id as x from article_mentions m where m.article_id = ${a}.id
          union all select l.place_id from article_datelines l where l.article_id = ${a}.id
          union all select ${a}.source_id where ${a}.source_id is not null
        ) involved))`;
  }

  /** `aboutIds`: the article's mentioned entities as a jsonb array, read here when not given. */
  private quotePayload(q: SQL, aboutIds?: SQL): SQL {
    const about =
      aboutIds ??
      sql`(select coalesce(jsonb_agg(m.entity_id), '[]'::jsonb)
                     from article_mentions m where m.article_id = ${q}.article_id)`;
    return sql`jsonb_build_object('id', ${q}.id, 'speakerId', ${q}.speaker_id, 'channel', ${q}.channel,
        'aboutIds', ${about})`;
  }

  /** `d` must not be called `d`: the entity list's subquery reads deadlines as `d`. */
  private deadlinePayload(d: SQL, created: boolean): SQL {
    return sql`jsonb_build_object('id', ${d}.id, 'created', ${created}::boolean, 'status', ${d}.status,
        'entityIds', ${deadlineEntityIds(sql`${d}.id`)})`;
  }

  articleCreated(articleId: number): Promise<void> {
    return this.append(
      'article.created',
      sql`select ${this.articlePayload(sql`a`)}
      from articles a where a.id = ${articleId}`,
    );
  }

  quoteCreated(quoteId: number): Promise<void> {
    return this.append(
      'quote.created',
      sql`select ${this.quotePayload(sql`q`)}
      from quotes q where q.id = ${quoteId}`,
    );
  }

  deadlineChanged(deadlineId: number, created: boolean): Promise<void> {
    return this.append(
      'deadline.changed',
      sql`select ${this.deadlinePayload(sql`changed`, created)}
      from deadlines changed where changed.id = ${deadlineId}`,
    );
  }

  entityMerged(keptId: number, mergedId: number, mergedName: string): Promise<void> {
    return this.append(
      'entity.merged',
      sql`select jsonb_build_object('keptId', ${keptId}::int, 'mergedId', ${mergedId}::int,
        'mergedName', ${mergedName}::text)`,
    );
  }

  /** The newest event's id (0 when there is none): where a starting listener begins. */
  async lastId(): Promise<number> {
    const [row] = await this.db.select({ id: sql<string | null>`max(${events.id})` }).from(events);
    return Number(row?.id ?? 0);
  }

  /** Events after `id`, oldest first. */
  after(id: number, limit: number): Promise<EventRow[]> {
    return this.db
      .select()
      .from(events)
      .where(gt(events.id, id))
      .orderBy(asc(events.id))
      .limit(limit);
  }

  /** Forgets events older than `days`: every listener has read them long ago. */
  async prune(days: number): Promise<void> {
    await this.db
      .delete(events)
      .where(lt(events.createdAt, sql`now() - make_interval(days => ${days})`));
  }

  /**
   * One coming-due tick, in the caller's transaction: when another instance holds the tick, does
   * nothing and returns false. Otherwise announces every pending deadline whose days left (in
   * UTC days, within MAX_COUNTDOWN_DAYS) changed since the last tick, and records them, so a
   * restart or a second instance never announces the same day twice.
   */
  async countDown(): Promise<boolean> {
    const claimed = await this.db.execute(
      sql`select pg_try_advisory_xact_lock(${COUNTDOWN_LOCK}) as claimed`,
    );
    if (!rowsOf<{ claimed: boolean }>(claimed)[0]?.claimed) return false;
    const today = sql`(now() at time zone 'utc')::date`;
    const changed = await this.db.execute(sql`
      with due as (
        select d.id, d.due_on, (d.due_on - ${today}) as days_left, c.days_left as previous
        from deadlines d left join deadline_countdowns c on c.deadline_id = d.id
        where d.status in ('PENDING', 'EXTENDED')
          and d.due_on between ${today} and ${today} + ${MAX_COUNTDOWN_DAYS}::int
          and (c.deadline_id is null or c.days_left <> d.due_on - ${today} or c.due_on <> d.due_on)
        order by d.due_on, d.id
      ), counted as (
        insert into deadline_countdowns (deadline_id, due_on, days_left)
        select id, due_on, days_left from due
        on conflict (deadline_id) do update
          set due_on = excluded.due_on, days_left = excluded.days_left, announced_at = now()
      )
      select id, days_left, previous from due order by due_on, id`);
    for (const row of rowsOf<{ id: number; days_left: number; previous: number | null }>(changed)) {
      await this.append(
        'deadline.comingDue',
        sql`select jsonb_build_object('id', ${row.id}::int, 'daysLeft', ${row.days_left}::int,
          'previousDaysLeft', ${row.previous}::int, 'entityIds', ${deadlineEntityIds(sql`${row.id}::int`)})`,
      );
    }
    return true;
  }
}
