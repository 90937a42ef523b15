import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { EntityRefInput } from '../entities/entity.inputs';
import { entityRefSchema } from '../entities/entity.schemas';
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

@InputType('ArticleDeadlineInput', {
  description: 'A deadline, as part of an article being created.',
})
export class ArticleDeadlineInput {
  @Field(() => String, {
    description: "What must happen (ByteDance must sell TikTok's US business).",
  })
  description!: string;

  @Field(() => LocalDate, { description: 'The due date; not before the article is published.' })
  dueOn!: string;

  @Field(() => EntityRefInput, { description: 'Who must act.' })
  subject!: EntityRefInput;

  @Field(() => EntityRefInput, { nullable: true, description: 'Who set it.' })
  setBy?: EntityRefInput | null;

  @Field(() => [EntityRefInput], { nullable: true, description: 'What else it is about.' })
  concerns?: EntityRefInput[] | null;

  @Field(() => String, { nullable: true, description: 'What happens if it is not met.' })
  consequence?: string | null;

  @Field(() => String, { nullable: true, description: 'The words of the article that report it.' })
  evidence?: string | null;

  @Field(() => DeadlineStatus, {
    nullable: true,
    description: 'Where it stands; PENDING when omitted.',
  })
  status?: keyof typeof DeadlineStatus | null;
}

@InputType('CreateDeadlineInput', { description: 'A deadline reported by a stored article.' })
export class CreateDeadlineInput extends ArticleDeadlineInput {
  @Field(() => ID, { description: 'The article that reports it.' })
  article!: string;
}

@InputType('UpdateDeadlineInput', {
  description:
    'A reported change to a deadline. A new status or due date is appended to its history, tied to the reporting article.',
})
export class UpdateDeadlineInput {
  @Field(() => ID, { description: 'The deadline.' })
  id!: string;

  @Field(() => ID, { description: 'The article that reports the change.' })
  article!: string;

  @Field(() => DeadlineStatus, {
    nullable: true,
    description: 'The new status; EXTENDED when only a later dueOn is given for an open deadline.',
  })
  status?: keyof typeof DeadlineStatus | null;

  @Field(() => LocalDate, { nullable: true, description: 'The new due date.' })
  dueOn?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why it changed; required to reopen a MET, MISSED or CANCELLED deadline.',
  })
  note?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A corrected description (not a history entry).',
  })
  description?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A corrected consequence (not a history entry).',
  })
  consequence?: string | null;
}

@InputType('DeleteDeadlineInput', { description: 'The deadline to delete, with its history.' })
export class DeleteDeadlineInput {
  @Field(() => ID, { description: 'The deadline.' })
  id!: string;
}

const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const deadlineFields = {
  description: text(1000),
  dueOn: z.string(),
  subject: entityRefSchema,
  setBy: entityRefSchema.nullish(),
  concerns: z.array(entityRefSchema).max(50, 'at most 50 entities').nullish(),
  consequence: text(1000).nullish(),
  evidence: text(2000).nullish(),
  status: z.string().nullish(),
};

export const articleDeadlineSchema = z.object(deadlineFields);
export const createDeadlineSchema = z.object({ ...deadlineFields, article: z.string() });
export const updateDeadlineSchema = z.object({
  id: z.string(),
  article: z.string(),
  status: z.string().nullish(),
  dueOn: z.string().nullish(),
  note: text(2000).nullish(),
  description: text(1000).nullish(),
  consequence: text(1000).nullish(),
});
