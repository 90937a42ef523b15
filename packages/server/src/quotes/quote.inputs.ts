import { ArgsType, Field, ID } from 'type-graphql';
import { ConnectionArgs } from '../shared/pagination';
import { LocalDate } from '../shared/scalars';
import { QuoteChannel } from './quote.type';

@ArgsType()
export class QuotesArgs extends ConnectionArgs {
  @Field(() => ID, { nullable: true, description: 'Only quotes said by this entity.' })
  speaker?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only quotes in this article.' })
  article?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only quotes that came via this outlet (an Entity ID).',
  })
  via?: string | null;

  @Field(() => [QuoteChannel], {
    nullable: true,
    description: 'Only quotes given through these channels.',
  })
  channels?: (keyof typeof QuoteChannel)[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only direct (true) or indirect (false) quotes.',
  })
  direct?: boolean | null;

  @Field(() => LocalDate, {
    nullable: true,
    description:
      'Only quotes said on or after this day (the reporting day when the day said is unknown).',
  })
  saidFrom?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Only quotes said before this day.' })
  saidBefore?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Full-text search in the quoted words (1–200 characters).',
  })
  search?: string | null;
}
