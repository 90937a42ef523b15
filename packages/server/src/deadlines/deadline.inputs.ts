import { ArgsType, Field, ID, Int } from 'type-graphql';
import { ConnectionArgs } from '../shared/pagination';
import { LocalDate } from '../shared/scalars';
import { DeadlineOrder, DeadlineRole, DeadlineStatus } from './deadline.type';

@ArgsType()
export class DeadlinesArgs extends ConnectionArgs {
  @Field(() => [DeadlineStatus], { nullable: true, description: 'Only deadlines in these states.' })
  statuses?: (keyof typeof DeadlineStatus)[] | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'Only deadlines due on or after this day.',
  })
  dueFrom?: string | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'Only deadlines due on or before this day.',
  })
  dueTo?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only deadlines involving this entity (see role).',
  })
  entity?: string | null;

  @Field(() => DeadlineRole, {
    nullable: true,
    description: "With entity: the entity's part in the deadline; ANY when omitted.",
  })
  role?: DeadlineRole | null;

  @Field(() => DeadlineOrder, {
    nullable: true,
    description: 'Order of the list; DUE_ON_ASC when omitted.',
  })
  orderBy?: DeadlineOrder | null;
}

@ArgsType()
export class UpcomingDeadlinesArgs extends ConnectionArgs {
  @Field(() => LocalDate, {
    nullable: true,
    description: 'The day to look ahead from; today (UTC) when omitted.',
  })
  asOf?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'How many days ahead to look, 1–366; 30 when omitted.',
  })
  withinDays?: number | null;
}
