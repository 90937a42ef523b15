import { Field, InputType } from 'type-graphql';
import { EntityRefInput } from '../entities/entity.inputs';
import { DateTime } from '../shared/scalars';

@InputType('IngestArticleInput', {
  description:
    'Raw article text to read entities, quotes and deadlines from, then store as an article. Sending the same text again (same URL, or same headline and body) stores nothing new.',
})
export class IngestArticleInput {
  @Field(() => String, {
    description:
      'The article, up to 200,000 characters: either the fixture format "date YYYY-MM-DD Place/Place: body" (the date and datelines come from the header) or plain body text, which then needs publishedAt.',
  })
  text!: string;

  @Field(() => DateTime, {
    nullable: true,
    description:
      'When it was published. Required for plain text; optional with a "date …" header, whose day it must then match. Relative dates ("on Friday") are read against this day.',
  })
  publishedAt?: Date | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The headline, 1–500 characters. When omitted it is derived from the body: its first sentence, cut at a word to at most 500 characters.',
  })
  headline?: string | null;

  @Field(() => String, { nullable: true, description: 'Where it is published (http or https).' })
  url?: string | null;

  @Field(() => EntityRefInput, { nullable: true, description: 'The outlet that published it.' })
  source?: EntityRefInput | null;

  @Field(() => String, { nullable: true, description: 'BCP 47 language tag; en when omitted.' })
  language?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'True to read the text and return what would be stored, writing nothing; false when omitted.',
  })
  dryRun?: boolean | null;
}
