// Enumerations shared by several tables; their values are the GraphQL enum values.
import { pgEnum } from 'drizzle-orm/pg-core';

export const entityKinds = [
  'PERSON',
  'ORGANIZATION',
  'GOVERNMENT',
  'COUNTRY',
  'PLACE',
  'MEDIA_OUTLET',
  'OTHER',
] as const;
export type EntityKindValue = (typeof entityKinds)[number];
export const entityKind = pgEnum('entity_kind', entityKinds);

export const relationTypes = [
  'OWNS',
  'LEADS',
  'PART_OF',
  'MEMBER_OF',
  'WORKS_FOR',
  'LOCATED_IN',
  'SPEAKS_FOR',
] as const;
export type RelationTypeValue = (typeof relationTypes)[number];
export const relationType = pgEnum('relation_type', relationTypes);

export const quoteChannels = [
  'STATEMENT',
  'INTERVIEW',
  'PRESS_BRIEFING',
  'PRESS_CONFERENCE',
  'SOCIAL_MEDIA',
  'SPEECH',
  'TESTIMONY',
  'FILING',
  'OTHER',
] as const;
export type QuoteChannelValue = (typeof quoteChannels)[number];
export const quoteChannel = pgEnum('quote_channel', quoteChannels);

export const deadlineStatuses = ['PENDING', 'MET', 'MISSED', 'EXTENDED', 'CANCELLED'] as const;
export type DeadlineStatusValue = (typeof deadlineStatuses)[number];
export const deadlineStatus = pgEnum('deadline_status', deadlineStatuses);
