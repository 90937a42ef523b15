import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTime } from '../shared/scalars';
import type { Topic } from './event.repository';

export const WebhookEvent = {
  ARTICLE_CREATED: 'ARTICLE_CREATED',
  QUOTE_CREATED: 'QUOTE_CREATED',
  DEADLINE_CHANGED: 'DEADLINE_CHANGED',
  DEADLINE_COMING_DUE: 'DEADLINE_COMING_DUE',
  ENTITY_MERGED: 'ENTITY_MERGED',
} as const;
export type WebhookEventValue = keyof typeof WebhookEvent;
registerEnumType(WebhookEvent, {
  name: 'WebhookEvent',
  description: 'An event a webhook can be sent; the same events as the subscriptions.',
  valuesConfig: {
    ARTICLE_CREATED: { description: 'An article was stored (articleCreated).' },
    QUOTE_CREATED: { description: 'A quote was stored (quoteCreated).' },
    DEADLINE_CHANGED: { description: 'A deadline was reported or changed (deadlineChanged).' },
    DEADLINE_COMING_DUE: {
      description: 'A pending deadline has one day fewer left (deadlineComingDue, every day).',
    },
    ENTITY_MERGED: { description: 'Two entities were merged (entityMerged).' },
  },
});

const topics: Record<WebhookEventValue, Topic> = {
  ARTICLE_CREATED: 'article.created',
  QUOTE_CREATED: 'quote.created',
  DEADLINE_CHANGED: 'deadline.changed',
  DEADLINE_COMING_DUE: 'deadline.comingDue',
  ENTITY_MERGED: 'entity.merged',
};

export const topicOf = (event: WebhookEventValue): Topic => topics[event];

export function webhookEventOf(topic: Topic): WebhookEventValue {
  return (Object.keys(topics) as WebhookEventValue[]).find((event) => topics[event] === topic)!;
}

export const WebhookDeliveryStatus = {
  PENDING: 'PENDING',
  DELIVERED: 'DELIVERED',
  FAILED: 'FAILED',
} as const;
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a delivery stands.',
  valuesConfig: {
    PENDING: { description: 'Not delivered yet; tried again at nextAttemptAt.' },
    DELIVERED: { description: 'The endpoint answered with a 2xx status.' },
    FAILED: { description: 'Every attempt failed; no more will be made.' },
  },
});

@ObjectType('WebhookDelivery', { description: 'One event sent (or to be sent) to one webhook.' })
export class WebhookDelivery {
  @Field(() => ID, { description: 'The delivery ID, sent as the X-Dateline-Delivery header.' })
  id!: string;

  @Field(() => ID, { description: 'The event ID, the `id` of the delivered body.' })
  eventId!: string;

  @Field(() => WebhookEvent, { description: 'Which event.' })
  event!: WebhookEventValue;

  @Field(() => WebhookDeliveryStatus, { description: 'Where the delivery stands.' })
  status!: keyof typeof WebhookDeliveryStatus;

  @Field(() => Int, { description: 'Attempts made so far.' })
  attempts!: number;

  @Field(() => Int, { nullable: true, description: "The endpoint's last HTTP status, if any." })
  lastStatusCode!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' })
  lastError!: string | null;

  @Field(() => DateTime, { description: 'When the next attempt is due (PENDING only).' })
  nextAttemptAt!: Date;

  @Field(() => DateTime, { nullable: true, description: 'When it was delivered.' })
  deliveredAt!: Date | null;

  @Field(() => DateTime, { description: 'When the event was queued for this webhook.' })
  createdAt!: Date;
}

@ObjectType('Webhook', {
  description:
    'An endpoint that receives events as signed HTTP POSTs. IDs are plain numbers, not global IDs.',
})
export class Webhook {
  @Field(() => ID, { description: 'The webhook ID.' })
  id!: string;

  @Field(() => String, { description: 'Where events are POSTed.' })
  url!: string;

  @Field(() => [WebhookEvent], { description: 'The events it receives.' })
  events!: WebhookEventValue[];

  @Field(() => DateTime, { description: 'When it was registered.' })
  createdAt!: Date;
}

@InputType('CreateWebhookInput', { description: 'A webhook to register.' })
export class CreateWebhookInput {
  @Field(() => String, { description: 'An http(s) URL that accepts POSTed JSON.' })
  url!: string;

  @Field(() => [WebhookEvent], { description: 'The events to send it (at least one).' })
  events!: WebhookEventValue[];
}

@InputType('DeleteWebhookInput', { description: 'The webhook to delete.' })
export class DeleteWebhookInput {
  @Field(() => ID, { description: 'The webhook ID.' })
  id!: string;
}

@ObjectType('CreateWebhookPayload', { description: 'The result of createWebhook.' })
export class CreateWebhookPayload {
  @Field(() => Webhook, { description: 'The webhook.' })
  webhook!: Webhook;

  @Field(() => String, {
    description:
      'The signing secret, shown only now. Each delivery carries X-Dateline-Timestamp and X-Dateline-Signature: "sha256=" + hex HMAC-SHA256 of "<timestamp>.<body>" with this secret.',
  })
  secret!: string;
}

@ObjectType('DeleteWebhookPayload', { description: 'The result of deleteWebhook.' })
export class DeleteWebhookPayload {
  @Field(() => ID, { description: 'The ID of the deleted webhook.' })
  deletedId!: string;
}
