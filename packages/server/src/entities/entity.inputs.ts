import { ArgsType, Field } from 'type-graphql';
import { DeadlineRole, DeadlineStatus } from '../deadlines/deadline.type';
import { QuoteChannel } from '../quotes/quote.type';
import { ConnectionArgs } from '../shared/pagination';
import { EntityKind, RelationDirection, RelationType } from './entity.type';

@ArgsType()
export class EntitiesArgs extends ConnectionArgs {
  @Field(() => String, {
    nullable: true,
    description:
      'Fuzzy search on names and aliases (1–200 characters); tolerates typos ("Mosery" finds Adam Mosseri). Best match first; without it, by name.',
  })
  search?: string | null;

  @Field(() => [EntityKind], { nullable: true, description: 'Only entities of these kinds.' })
  kinds?: (keyof typeof EntityKind)[] | null;
}

@ArgsType()
export class EntityQuotesArgs extends ConnectionArgs {
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
export class EntityDeadlinesArgs extends ConnectionArgs {
  @Field(() => DeadlineRole, {
    nullable: true,
    description: "The entity's part in the deadlines; ANY when omitted.",
  })
  role?: DeadlineRole | null;

  @Field(() => [DeadlineStatus], { nullable: true, description: 'Only deadlines in these states.' })
  statuses?: (keyof typeof DeadlineStatus)[] | null;
}

@ArgsType()
export class EntityRelationsArgs extends ConnectionArgs {
  @Field(() => [RelationType], { nullable: true, description: 'Only relations of these types.' })
  types?: (keyof typeof RelationType)[] | null;

  @Field(() => RelationDirection, {
    nullable: true,
    description: 'Only relations in this direction.',
  })
  direction?: RelationDirection | null;
}
