import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Deadline } from '../deadlines/deadline.type';
import { Entity } from '../entities/entity.type';

@ObjectType('DeadlineChangedEvent', { description: 'A deadline was reported or changed.' })
export class DeadlineChangedEvent {
  @Field(() => Deadline, { description: 'The deadline as committed.' })
  deadline!: Deadline;

  @Field(() => Boolean, {
    description: 'True when the deadline was first reported; false when it changed.',
  })
  created!: boolean;
}

@ObjectType('DeadlineComingDueEvent', {
  description: "A pending deadline entered the subscriber's window of days before it is due.",
})
export class DeadlineComingDueEvent {
  @Field(() => Deadline, { description: 'The deadline.' })
  deadline!: Deadline;

  @Field(() => Int, { description: 'Whole days (UTC) until the due date; 0 on the day itself.' })
  daysLeft!: number;
}

@ObjectType('EntityMergedEvent', { description: 'Two entities were merged into one.' })
export class EntityMergedEvent {
  @Field(() => Entity, {
    description: 'The entity that stayed; it now has the merged one’s references and name.',
  })
  kept!: Entity;

  @Field(() => ID, { description: 'The global ID of the entity that was merged away.' })
  mergedId!: string;

  @Field(() => String, {
    description: 'The name of the merged entity, now an alias of the kept one.',
  })
  mergedName!: string;
}
