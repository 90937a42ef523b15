import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { deadlineStatuses } from '../db/schema';
import { Node } from '../shared/node.type';
import { ConnectionType, EdgeType } from '../shared/pagination';
import { DateTime, LocalDate } from '../shared/scalars';

export const DeadlineStatus = Object.fromEntries(
  deadlineStatuses.map((status) => [status, status]),
) as {
  [K in (typeof deadlineStatuses)[number]]: K;
};
registerEnumType(DeadlineStatus, {
  name: 'DeadlineStatus',
  description: 'Where a deadline stands.',
  valuesConfig: {
    PENDING: { description: 'Not yet due, or due with no outcome reported.' },
    MET: { description: 'What had to happen happened in time.' },
    MISSED: { description: 'The due date passed without it happening.' },
    EXTENDED: { description: 'The due date was moved later.' },
    CANCELLED: { description: 'The deadline was withdrawn.' },
  },
});

export enum DeadlineRole {
  SETTER = 'SETTER',
  SUBJECT = 'SUBJECT',
  CONCERNED = 'CONCERNED',
  ANY = 'ANY',
}
registerEnumType(DeadlineRole, {
  name: 'DeadlineRole',
  description: "An entity's part in a deadline.",
  valuesConfig: {
    SETTER: { description: 'The entity set the deadline.' },
    SUBJECT: { description: 'The entity must act by the deadline.' },
    CONCERNED: { description: 'The deadline is about the entity.' },
    ANY: { description: 'Any of the above.' },
  },
});

export enum DeadlineOrder {
  DUE_ON_ASC = 'DUE_ON_ASC',
  DUE_ON_DESC = 'DUE_ON_DESC',
}
registerEnumType(DeadlineOrder, {
  name: 'DeadlineOrder',
  description: 'How a list of deadlines is ordered.',
  valuesConfig: {
    DUE_ON_ASC: { description: 'Soonest due first (the default).' },
    DUE_ON_DESC: { description: 'Latest due first.' },
  },
});

// simpleResolvers: the plain fields are columns of the row, read without a resolver per field
// (see ConnectionType in shared/pagination).
@ObjectType('Deadline', {
  implements: Node,
  simpleResolvers: true,
  description:
    'Something that must happen by a date, as reported: who set it, who must act, or else what.',
})
export class Deadline implements Node {
  @Field(() => ID, { description: 'Opaque global ID.' })
  id!: string;

  @Field(() => String, {
    description: "What must happen (ByteDance must sell TikTok's US business).",
  })
  description!: string;

  @Field(() => LocalDate, { description: 'The current due date.' })
  dueOn!: string;

  @Field(() => DeadlineStatus, { description: 'Where the deadline stands now.' })
  status!: keyof typeof DeadlineStatus;

  @Field(() => String, { nullable: true, description: 'What happens if it is not met.' })
  consequence!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The words of the first article that report the deadline.',
  })
  evidence!: string | null;
}

@ObjectType('DeadlineEdge', { description: 'A deadline in a list of deadlines.' })
export class DeadlineEdge extends EdgeType(Deadline) {}

@ObjectType('DeadlineConnection', { description: 'A page of deadlines.' })
export class DeadlineConnection extends ConnectionType(
  Deadline,
  DeadlineEdge,
  'The deadlines on this page.',
) {}

@ObjectType('DeadlineChange', {
  implements: Node,
  simpleResolvers: true,
  description:
    "One entry in a deadline's history: its status and due date after a reported change.",
})
export class DeadlineChange implements Node {
  @Field(() => ID, { description: 'Opaque global ID.' })
  id!: string;

  @Field(() => DeadlineStatus, { description: 'The status after this change.' })
  status!: keyof typeof DeadlineStatus;

  @Field(() => LocalDate, { description: 'The due date after this change.' })
  dueOn!: string;

  @Field(() => DeadlineStatus, {
    nullable: true,
    description: 'The status before this change; null for the first report.',
  })
  previousStatus!: keyof typeof DeadlineStatus | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'The due date before this change; null for the first report.',
  })
  previousDueOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it changed, when recorded.' })
  note!: string | null;

  @Field(() => DateTime, { description: 'When the change was recorded.' })
  changedAt!: Date;
}

@ObjectType('DeadlineChangeEdge', { description: "An entry in a deadline's history." })
export class DeadlineChangeEdge extends EdgeType(DeadlineChange) {}

@ObjectType('DeadlineChangeConnection', {
  description: "A page of a deadline's history, oldest first.",
})
export class DeadlineChangeConnection extends ConnectionType(
  DeadlineChange,
  DeadlineChangeEdge,
  'The changes on this page.',
) {}

@ObjectType('DeadlinePayload', { description: 'The deadline after a create or update.' })
export class DeadlinePayload {
  @Field(() => Deadline, { description: 'The deadline as stored now.' })
  deadline!: Deadline;

  @Field(() => DeadlineChange, {
    nullable: true,
    description: 'The history entry this write added; null for corrections of the wording.',
  })
  change!: DeadlineChange | null;
}

@ObjectType('DeleteDeadlinePayload', { description: 'The result of deleting a deadline.' })
export class DeleteDeadlinePayload {
  @Field(() => ID, { description: 'The ID the deleted deadline had.' })
  deletedId!: string;
}
