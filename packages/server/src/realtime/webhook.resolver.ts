// Maps webhook registration and delivery status onto the webhook repository. Admins only: a
// webhook sends every matching event to a URL of the caller's choosing.
import { randomBytes } from 'node:crypto';
import { Arg, Authorized, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { WebhookDeliveryRow, WebhookRow } from '../db/schema';
import { badUserInput } from '../shared/errors';
import { notFound } from '../shared/not-found';
import type { Topic } from './event.repository';
import type { WebhookRepository } from './webhook.repository';
import {
  CreateWebhookInput,
  CreateWebhookPayload,
  DeleteWebhookInput,
  DeleteWebhookPayload,
  Webhook,
  WebhookDelivery,
  WebhookDeliveryStatus,
  topicOf,
  webhookEventOf,
  type WebhookEventValue,
} from './webhook.type';

const MAX_URL_LENGTH = 2000;

function present(row: WebhookRow) {
  return {
    id: String(row.id),
    url: row.url,
    events: row.topics.map((topic) => webhookEventOf(topic as Topic)),
    createdAt: row.createdAt,
  };
}

function presentDelivery(row: WebhookDeliveryRow) {
  return {
    ...row,
    id: String(row.id),
    eventId: String(row.eventId),
    event: webhookEventOf(row.topic as Topic),
  };
}

function checkUrl(url: string): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || url.length > MAX_URL_LENGTH) {
    throw badUserInput(
      `"${url.slice(0, 100)}" is not an http(s) URL of at most ${MAX_URL_LENGTH} characters.`,
      [{ path: ['input', 'url'], message: 'must be an http(s) URL' }],
    );
  }
}

function webhookId(id: string): number {
  const value = /^[1-9][0-9]{0,9}$/.test(id) ? Number(id) : NaN;
  if (!Number.isSafeInteger(value) || value > 2_147_483_647)
    throw notFound('webhook', 'input', 'id');
  return value;
}

@Resolver(() => Webhook)
export class WebhookResolver {
  constructor(private readonly repository: WebhookRepository) {}

  @Authorized('admin')
  @Mutation(() => CreateWebhookPayload, {
    description:
      'Registers an endpoint to receive events committed from now on as signed POSTs, retried with backoff until it answers 2xx. Needs the admin role.',
  })
  async createWebhook(
    @Arg('input', () => CreateWebhookInput, { description: 'The webhook.' })
    input: CreateWebhookInput,
  ) {
    checkUrl(input.url);
    if (input.events.length === 0) {
      throw badUserInput('Give at least one event to send.', [
        { path: ['input', 'events'], message: 'must not be empty' },
      ]);
    }
    const secret = `whsec_${randomBytes(24).toString('base64url')}`;
    const topics = [...new Set(input.events)].map((event: WebhookEventValue) => topicOf(event));
    const row = await this.repository.insert(input.url, topics, secret);
    return { webhook: present(row), secret };
  }

  @Authorized('admin')
  @Mutation(() => DeleteWebhookPayload, {
    description: 'Deletes a webhook and its delivery history. Needs the admin role.',
  })
  async deleteWebhook(
    @Arg('input', () => DeleteWebhookInput, { description: 'The webhook.' })
    input: DeleteWebhookInput,
  ) {
    const row = await this.repository.delete(webhookId(input.id));
    if (!row) throw notFound('webhook', 'input', 'id');
    return { deletedId: String(row.id) };
  }

  @Authorized('admin')
  @Query(() => [Webhook], { description: 'Every registered webhook. Needs the admin role.' })
  async webhooks() {
    return (await this.repository.list()).map(present);
  }

  @FieldResolver(() => [WebhookDelivery], {
    description: 'Its latest deliveries, newest first, with their status.',
  })
  async deliveries(
    @Root() webhook: { id: string },
    @Arg('status', () => WebhookDeliveryStatus, {
      nullable: true,
      description: 'Only deliveries in this status.',
    })
    status: keyof typeof WebhookDeliveryStatus | null,
    @Arg('first', () => Int, {
      nullable: true,
      description: 'How many (1–100); 20 when not given.',
    })
    first: number | null,
  ) {
    const count = first ?? 20;
    if (!Number.isInteger(count) || count < 1 || count > 100) {
      throw badUserInput('"first" must be between 1 and 100.', [
        { path: ['first'], message: 'must be between 1 and 100' },
      ]);
    }
    const rows = await this.repository.deliveries(Number(webhook.id), status ?? undefined, count);
    return rows.map(presentDelivery);
  }
}
