import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { EntityRefInput } from '../entities/entity.inputs';
import { entityRefSchema } from '../entities/entity.schemas';
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

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Only quotes with a named speaker (true) or only unattributed ones (false): words the article reports without saying who spoke them.',
  })
  attributed?: boolean | null;

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

@InputType('ArticleQuoteInput', { description: 'A quote, as part of an article being created.' })
export class ArticleQuoteInput {
  @Field(() => String, { description: 'The quoted words: an exact passage of the article body.' })
  text!: string;

  @Field(() => Boolean, {
    description: 'True for words in quotation marks, false for reported speech.',
  })
  direct!: boolean;

  @Field(() => EntityRefInput, {
    nullable: true,
    description: 'Who said it; omit it for words the article does not attribute to anyone named.',
  })
  speaker?: EntityRefInput | null;

  @Field(() => String, {
    nullable: true,
    description: "The speaker's title when speaking (spokesperson).",
  })
  speakerTitle?: string | null;

  @Field(() => String, { nullable: true, description: 'The attributing verb (said, added).' })
  cue?: string | null;

  @Field(() => QuoteChannel, { nullable: true, description: 'How the words were delivered.' })
  channel?: keyof typeof QuoteChannel | null;

  @Field(() => EntityRefInput, {
    nullable: true,
    description: 'The outlet the words came via (AFP).',
  })
  via?: EntityRefInput | null;

  @Field(() => LocalDate, { nullable: true, description: 'The day the words were said.' })
  spokenOn?: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Where the text starts in the body (Unicode code points); the first occurrence when omitted. Needed when the same words occur twice.',
  })
  spanStart?: number | null;
}

@InputType('CreateQuoteInput', { description: 'A quote to add to a stored article.' })
export class CreateQuoteInput extends ArticleQuoteInput {
  @Field(() => ID, { description: 'The article the quote is in.' })
  article!: string;
}

@InputType('UpdateQuoteInput', {
  description: 'Changes to a quote; omitted fields stay as they are.',
})
export class UpdateQuoteInput {
  @Field(() => ID, { description: 'The quote to change.' })
  id!: string;

  @Field(() => String, {
    nullable: true,
    description: 'New quoted words, again an exact passage of the body.',
  })
  text?: string | null;

  @Field(() => Int, { nullable: true, description: 'New start of the span.' })
  spanStart?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Direct or reported speech.' })
  direct?: boolean | null;

  @Field(() => EntityRefInput, { nullable: true, description: 'A different speaker.' })
  speaker?: EntityRefInput | null;

  @Field(() => String, {
    nullable: true,
    description: 'New speaker title; an empty string removes it.',
  })
  speakerTitle?: string | null;

  @Field(() => String, { nullable: true, description: 'New cue verb; an empty string removes it.' })
  cue?: string | null;

  @Field(() => QuoteChannel, { nullable: true, description: 'New channel.' })
  channel?: keyof typeof QuoteChannel | null;

  @Field(() => EntityRefInput, { nullable: true, description: 'A different outlet.' })
  via?: EntityRefInput | null;

  @Field(() => LocalDate, { nullable: true, description: 'New day said.' })
  spokenOn?: string | null;
}

@InputType('DeleteQuoteInput', { description: 'The quote to delete.' })
export class DeleteQuoteInput {
  @Field(() => ID, { description: 'The quote.' })
  id!: string;
}

const optional = (max: number) =>
  z.string().trim().max(max, `must be at most ${max} characters`).nullish();

export const quoteFields = {
  text: z.string().min(1, 'must not be empty').max(10_000, 'must be at most 10000 characters'),
  direct: z.boolean(),
  speaker: entityRefSchema.nullish(),
  speakerTitle: optional(300),
  cue: optional(100),
  channel: z.string().nullish(),
  via: entityRefSchema.nullish(),
  spokenOn: z.string().nullish(),
  spanStart: z.number().int().min(0, 'must be 0 or more').nullish(),
};

export const articleQuoteSchema = z.object(quoteFields);
export const createQuoteSchema = z.object({ ...quoteFields, article: z.string() });
export const updateQuoteSchema = z.object({
  id: z.string(),
  text: quoteFields.text.nullish(),
  spanStart: quoteFields.spanStart,
  direct: z.boolean().nullish(),
  speaker: entityRefSchema.nullish(),
  speakerTitle: optional(300),
  cue: optional(100),
  channel: z.string().nullish(),
  via: entityRefSchema.nullish(),
  spokenOn: z.string().nullish(),
});
