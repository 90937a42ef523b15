import { ArgsType, Field, ID } from 'type-graphql';
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
