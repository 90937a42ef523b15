// The only place that knows how webhooks and their delivery queue are stored.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import {
  events,
  webhookCursor,
  webhookDeliveries,
  webhooks,
  type WebhookDeliveryRow,
  type WebhookRow,
} from '../db/schema';

const ENQUEUE_PAGE = 500;

export interface ClaimedDelivery {
  delivery: WebhookDeliveryRow;
  url: string;
  secret: string;
}

export class WebhookRepository {
  constructor(private readonly db: Database) {}

  /** Registers a hook that hears events committed from now on. */
  async insert(url: string, topics: string[], secret: string): Promise<WebhookRow> {
    const [row] = await this.db
      .insert(webhooks)
      .values({
        url,
        topics,
        secret,
        afterEventId: sql`(select coalesce(max(${events.id}), 0) from ${events})`,
      })
      .returning();
    return row as WebhookRow;
  }

  async delete(id: number): Promise<WebhookRow | undefined> {
    const [row] = await this.db.delete(webhooks).where(eq(webhooks.id, id)).returning();
    return row;
  }

  list(): Promise<WebhookRow[]> {
    return this.db.select().from(webhooks).orderBy(webhooks.id);
  }

  deliveries(webhookId: number, status: string | undefined, first: number) {
    return this.db
      .select()
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.webhookId, webhookId),
          status ? eq(webhookDeliveries.status, status) : undefined,
        ),
      )
      .orderBy(desc(webhookDeliveries.id))
      .limit(first);
  }

  /**
   * In the caller's transaction: turns the next committed events into deliveries for the hooks
   * that want them and moves the cursor past them. The cursor row is taken with SKIP LOCKED, so
   * while one instance does this, the others skip it; a delivery exists once per hook and event.
   */
  async enqueue(): Promise<number> {
    await this.db.insert(webhookCursor).values({ id: 1, lastEventId: 0 }).onConflictDoNothing();
    const claimed = await this.db.execute(
      sql`select last_event_id from webhook_cursor where id = 1 for update skip locked`,
    );
    const [cursor] = (claimed as { rows: { last_event_id: string | number }[] }).rows;
    if (!cursor) return 0;
    const after = Number(cursor.last_event_id);
    const result = await this.db.execute(sql`
      with page as (
        select id, topic, payload from events where id > ${after} order by id limit ${ENQUEUE_PAGE}
      ), queued as (
        insert into webhook_deliveries (webhook_id, event_id, topic, payload)
        select w.id, page.id, page.topic, page.payload
        from page join webhooks w on page.topic = any(w.topics) and page.id > w.after_event_id
        on conflict (webhook_id, event_id) do nothing
      )
      update webhook_cursor set last_event_id = coalesce((select max(id) from page), last_event_id)
      where id = 1
      returning last_event_id`);
    const [moved] = (result as { rows: { last_event_id: string | number }[] }).rows;
    return Number(moved?.last_event_id ?? after) - after;
  }

  /**
   * Claims up to `limit` due deliveries for `leaseMs`: counted as an attempt and hidden from
   * other instances until then, so a delivery in flight is not sent twice, and one whose instance
   * died is tried again when the lease runs out.
   */
  async claim(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    const claimed = await this.db
      .update(webhookDeliveries)
      .set({
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        nextAttemptAt: sql`now() + make_interval(secs => ${leaseMs / 1000})`,
      })
      .where(
        inArray(
          webhookDeliveries.id,
          sql`(select id from webhook_deliveries
               where status = 'PENDING' and next_attempt_at <= now()
               order by id limit ${limit} for update skip locked)`,
        ),
      )
      .returning();
    if (claimed.length === 0) return [];
    const hooks = await this.db
      .select()
      .from(webhooks)
      .where(
        inArray(
          webhooks.id,
          claimed.map((delivery) => delivery.webhookId),
        ),
      );
    const byId = new Map(hooks.map((hook) => [hook.id, hook]));
    return claimed.flatMap((delivery) => {
      const hook = byId.get(delivery.webhookId);
      return hook ? [{ delivery, url: hook.url, secret: hook.secret }] : [];
    });
  }

  async delivered(id: number, statusCode: number): Promise<void> {
    await this.db
      .update(webhookDeliveries)
      .set({
        status: 'DELIVERED',
        lastStatusCode: statusCode,
        lastError: null,
        deliveredAt: sql`now()`,
      })
      .where(eq(webhookDeliveries.id, id));
  }

  /** Records a failed attempt: tried again after `retryInMs`, or given up when that is null. */
  async failed(
    id: number,
    statusCode: number | null,
    error: string,
    retryInMs: number | null,
  ): Promise<void> {
    await this.db
      .update(webhookDeliveries)
      .set({
        status: retryInMs === null ? 'FAILED' : 'PENDING',
        lastStatusCode: statusCode,
        lastError: error.slice(0, 500),
        ...(retryInMs !== null && {
          nextAttemptAt: sql`now() + make_interval(secs => ${retryInMs / 1000})`,
        }),
      })
      .where(eq(webhookDeliveries.id, id));
  }
}
