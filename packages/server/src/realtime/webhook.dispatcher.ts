// Delivers webhooks from the durable queue, on every instance, outside any write: a slow or
// failing endpoint costs this loop time, never a mutation. Deliveries are signed with the hook's
// secret and retried with exponential backoff until delivered or out of attempts.
import { createHmac } from 'node:crypto';
import type { Logger } from 'pino';
import type { WebhookDeliveryRow } from '../db/schema';
import { toGlobalId } from '../shared/ids';
import type { Topic } from './event.repository';
import type { ClaimedDelivery, WebhookRepository } from './webhook.repository';
import { webhookEventOf } from './webhook.type';
import { PeriodicTask } from './periodic-task';

export interface WebhookOptions {
  /** How often each instance looks for events to queue and deliveries due. */
  intervalMs: number;
  /** The wait after the first failed attempt; doubled after each further one. */
  retryBaseMs: number;
  /** Attempts before a delivery is marked FAILED. */
  maxAttempts: number;
  /** Time an endpoint has to answer. */
  timeoutMs: number;
}

const BATCH = 20;

/** The signature a receiver recomputes: HMAC-SHA256 of "<timestamp>.<body>" with the secret. */
export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The public form of an event: global IDs, not row ids. */
function publicData(topic: Topic, payload: Record<string, unknown>): Record<string, unknown> {
  const ids = (type: 'Entity', values: unknown) =>
    Array.isArray(values) ? values.map((id) => toGlobalId(type, id as number)) : [];
  switch (topic) {
    case 'article.created':
      return {
        article: toGlobalId('Article', payload['id'] as number),
        entities: ids('Entity', payload['entityIds']),
      };
    case 'quote.created':
      return {
        quote: toGlobalId('Quote', payload['id'] as number),
        speaker:
          payload['speakerId'] == null
            ? null
            : toGlobalId('Entity', payload['speakerId'] as number),
        channel: payload['channel'] ?? null,
      };
    case 'deadline.changed':
      return {
        deadline: toGlobalId('Deadline', payload['id'] as number),
        created: payload['created'],
        status: payload['status'],
        entities: ids('Entity', payload['entityIds']),
      };
    case 'deadline.comingDue':
      return {
        deadline: toGlobalId('Deadline', payload['id'] as number),
        daysLeft: payload['daysLeft'],
        entities: ids('Entity', payload['entityIds']),
      };
    case 'entity.merged':
      return {
        kept: toGlobalId('Entity', payload['keptId'] as number),
        merged: toGlobalId('Entity', payload['mergedId'] as number),
        mergedName: payload['mergedName'],
      };
  }
}

export function deliveryBody(delivery: WebhookDeliveryRow): string {
  return JSON.stringify({
    id: String(delivery.eventId),
    event: webhookEventOf(delivery.topic as Topic),
    data: publicData(delivery.topic as Topic, delivery.payload as Record<string, unknown>),
  });
}

export class WebhookDispatcher {
  private readonly task: PeriodicTask;

  constructor(
    private readonly transaction: <T>(work: (hooks: WebhookRepository) => Promise<T>) => Promise<T>,
    private readonly hooks: WebhookRepository,
    private readonly options: WebhookOptions,
    private readonly logger: Logger,
  ) {
    this.task = new PeriodicTask(() => this.tick(), this.options.intervalMs);
  }

  start(): void {
    this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  private async tick(): Promise<void> {
    try {
      await this.transaction((hooks) => hooks.enqueue());
      const lease = this.options.timeoutMs * 2;
      const claimed = await this.hooks.claim(BATCH, lease);
      await Promise.all(claimed.map((item) => this.deliver(item)));
    } catch (error) {
      this.logger.warn({ err: error }, 'webhook tick failed; trying again next interval');
    }
  }

  private async deliver({ delivery, url, secret }: ClaimedDelivery): Promise<void> {
    const body = deliveryBody(delivery);
    const timestamp = String(Math.floor(Date.now() / 1000));
    let statusCode: number | null = null;
    let problem: string;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Dateline-Webhooks',
          'x-dateline-event': webhookEventOf(delivery.topic as Topic),
          'x-dateline-delivery': String(delivery.id),
          'x-dateline-timestamp': timestamp,
          'x-dateline-signature': signature(secret, timestamp, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      statusCode = response.status;
      await response.body?.cancel();
      if (response.ok) {
        await this.hooks.delivered(delivery.id, response.status);
        return;
      }
      problem = `HTTP ${response.status}`;
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    const retry =
      delivery.attempts >= this.options.maxAttempts
        ? null
        : this.options.retryBaseMs * 2 ** (delivery.attempts - 1);
    await this.hooks.failed(delivery.id, statusCode, problem, retry);
  }
}
