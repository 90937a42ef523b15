import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { headline, language, publishedAt, url } from './article.schemas';
import { ArticleDeadlineInput, articleDeadlineSchema } from '../deadlines/deadline.inputs';
import { EntityRefInput } from '../entities/entity.inputs';
import { entityRefSchema } from '../entities/entity.schemas';
import { ArticleQuoteInput, articleQuoteSchema } from '../quotes/quote.inputs';
import { EntityKind } from '../entities/entity.type';
import { DeadlineStatus } from '../deadlines/deadline.type';
import { QuoteChannel } from '../quotes/quote.type';
import { ConnectionArgs } from '../shared/pagination';
import { DateTime } from '../shared/scalars';
import { ArticleOrder } from './article.type';

@ArgsType()
export class ArticlesArgs extends ConnectionArgs {
  @Field(() => DateTime, {
    nullable: true,
    description: 'Only articles published at or after this instant.',
  })
  publishedFrom?: Date | null;

  @Field(() => DateTime, {
    nullable: true,
    description: 'Only articles published before this instant.',
  })
  publishedBefore?: Date | null;

  @Field(() => ID, { nullable: true, description: 'Only articles that mention this entity.' })
  mentioning?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only articles from this outlet (an Entity ID).',
  })
  source?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Full-text search (1–200 characters): words, "exact phrases", -excluded words, or. Edges then carry a rank and a snippet.',
  })
  search?: string | null;

  @Field(() => ArticleOrder, {
    nullable: true,
    description:
      'Order of the list; RELEVANCE (needs search) when searching, else PUBLISHED_AT_DESC.',
  })
  orderBy?: ArticleOrder | null;
}

@ArgsType()
export class ArticleEntitiesArgs extends ConnectionArgs {
  @Field(() => [EntityKind], { nullable: true, description: 'Only entities of these kinds.' })
  kinds?: (keyof typeof EntityKind)[] | null;
}

@ArgsType()
export class ArticleQuotesArgs extends ConnectionArgs {
  @Field(() => Boolean, {
    nullable: true,
    description: 'Only direct (true) or indirect (false) quotes.',
  })
  direct?: boolean | null;

  @Field(() => [QuoteChannel], {
    nullable: true,
    description: 'Only quotes given through these channels.',
  })
  channels?: (keyof typeof QuoteChannel)[] | null;
}

@ArgsType()
export class ArticleDeadlinesArgs extends ConnectionArgs {
  @Field(() => [DeadlineStatus], { nullable: true, description: 'Only deadlines in these states.' })
  statuses?: (keyof typeof DeadlineStatus)[] | null;
}

@InputType('MentionInput', { description: 'An entity the article mentions.' })
export class MentionInput {
  @Field(() => EntityRefInput, { description: 'The entity.' })
  entity!: EntityRefInput;

  @Field(() => [String], { nullable: true, description: 'The words the article uses for it.' })
  surfaceForms?: string[] | null;

  @Field(() => Int, {
    nullable: true,
    description: 'How many times it is mentioned; 1 when omitted.',
  })
  mentionCount?: number | null;
}

@InputType('CreateArticleInput', {
  description:
    'A whole article in one call: its text, the entities it mentions, its quotes and its deadlines. Sending an article whose URL (or, without a URL, whose headline and body) is already stored returns the stored one.',
})
export class CreateArticleInput {
  @Field(() => String, { description: 'The headline, 1–500 characters.' })
  headline!: string;

  @Field(() => String, { description: 'The full text, up to 200,000 characters.' })
  body!: string;

  @Field(() => DateTime, { description: 'When it was published.' })
  publishedAt!: Date;

  @Field(() => String, { nullable: true, description: 'Where it is published (http or https).' })
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'BCP 47 language tag; en when omitted.' })
  language?: string | null;

  @Field(() => EntityRefInput, { nullable: true, description: 'The outlet that published it.' })
  source?: EntityRefInput | null;

  @Field(() => [EntityRefInput], {
    nullable: true,
    description: 'The places in its dateline, in order.',
  })
  datelines?: EntityRefInput[] | null;

  @Field(() => [MentionInput], {
    nullable: true,
    description:
      'Entities it mentions; speakers, outlets and deadline parties are added when missing.',
  })
  mentions?: MentionInput[] | null;

  @Field(() => [ArticleQuoteInput], { nullable: true, description: 'Its quotes.' })
  quotes?: ArticleQuoteInput[] | null;

  @Field(() => [ArticleDeadlineInput], { nullable: true, description: 'The deadlines it reports.' })
  deadlines?: ArticleDeadlineInput[] | null;
}

@InputType('UpdateArticleInput', {
  description:
    'Changes to an article; omitted fields stay as they are. The body cannot change: quotes point into it.',
})
export class UpdateArticleInput {
  @Field(() => ID, { description: 'The article.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New headline.' })
  headline?: string | null;

  @Field(() => DateTime, { nullable: true, description: 'New publication time.' })
  publishedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'New URL; an empty string removes it.' })
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'New language tag.' })
  language?: string | null;

  @Field(() => EntityRefInput, { nullable: true, description: 'A different source outlet.' })
  source?: EntityRefInput | null;
}

@InputType('DeleteArticleInput', {
  description: 'The article to delete with its quotes and deadlines.',
})
export class DeleteArticleInput {
  @Field(() => ID, { description: 'The article.' })
  id!: string;
}

export const createArticleSchema = z.object({
  headline,
  body: z
    .string()
    .max(200_000, 'must be at most 200000 characters')
    .refine((body) => body.trim().length > 0, 'must not be empty'),
  publishedAt,
  url: url.nullish(),
  language: language.nullish(),
  source: entityRefSchema.nullish(),
  datelines: z.array(entityRefSchema).max(20, 'at most 20 places').nullish(),
  mentions: z
    .array(
      z.object({
        entity: entityRefSchema,
        surfaceForms: z.array(z.string().trim().min(1).max(300)).max(50).nullish(),
        mentionCount: z.number().int().min(1, 'must be at least 1').max(10_000).nullish(),
      }),
    )
    .max(1000, 'at most 1000 mentions')
    .nullish(),
  quotes: z.array(articleQuoteSchema).max(500, 'at most 500 quotes').nullish(),
  deadlines: z.array(articleDeadlineSchema).max(100, 'at most 100 deadlines').nullish(),
});

export const updateArticleSchema = z.object({
  id: z.string(),
  headline: headline.nullish(),
  publishedAt: publishedAt.nullish(),
  url: url.nullish(),
  language: language.nullish(),
  source: entityRefSchema.nullish(),
});
