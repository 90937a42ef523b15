import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { quoteChannels } from '../db/schema';
import { Node } from '../shared/node.type';
import { ConnectionType, EdgeType } from '../shared/pagination';
import { LocalDate } from '../shared/scalars';

export const QuoteChannel = Object.fromEntries(
  quoteChannels.map((channel) => [channel, channel]),
) as {
  [K in (typeof quoteChannels)[number]]: K;
};
registerEnumType(QuoteChannel, {
  name: 'QuoteChannel',
  description: 'How the words reached the public.',
  valuesConfig: {
    STATEMENT: { description: 'A written or issued statement.' },
    INTERVIEW: { description: 'An interview with a journalist or outlet.' },
    PRESS_BRIEFING: { description: "A spokesperson's regular briefing." },
    PRESS_CONFERENCE: { description: 'A press conference.' },
    SOCIAL_MEDIA: { description: 'A post on a social network.' },
    SPEECH: { description: 'A speech or public address.' },
    TESTIMONY: { description: 'Testimony before a court or legislature.' },
    FILING: { description: 'A regulatory or court filing.' },
    OTHER: { description: 'Another channel.' },
  },
});

@ObjectType('TextSpan', {
  simpleResolvers: true,
  description: 'A range of characters in an article body.',
})
export class TextSpan {
  @Field(() => Int, { description: 'Offset of the first character (Unicode code points, from 0).' })
  start!: number;

  @Field(() => Int, { description: 'Offset just past the last character.' })
  end!: number;
}

// simpleResolvers: the plain fields are columns of the row, read without a resolver per field
// (see ConnectionType in shared/pagination).
@ObjectType('Quote', {
  implements: Node,
  simpleResolvers: true,
  description:
    'Words reported in an article, with who said them (when the article names them) and where they came from.',
})
export class Quote implements Node {
  @Field(() => ID, { description: 'Opaque global ID.' })
  id!: string;

  @Field(() => String, { description: 'The quoted words, exactly as in the article body.' })
  text!: string;

  @Field(() => Boolean, {
    description: 'True for words in quotation marks; false for reported (indirect) speech.',
  })
  direct!: boolean;

  @Field(() => String, {
    nullable: true,
    description: "The speaker's title or role when speaking (spokesperson).",
  })
  speakerTitle!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The verb that attributes the quote (said).',
  })
  cue!: string | null;

  @Field(() => QuoteChannel, { nullable: true, description: 'How the words were delivered.' })
  channel!: keyof typeof QuoteChannel | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'The day the words were said, when known.',
  })
  spokenOn!: string | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'How sure text extraction was of the quote and its speaker, from 0 to 1 (unattributed quotes score low); null for quotes entered by hand.',
  })
  confidence!: number | null;
}

@ObjectType('QuoteEdge', { description: 'A quote in a list of quotes.' })
export class QuoteEdge extends EdgeType(Quote) {}

@ObjectType('QuoteConnection', { description: 'A page of quotes.' })
export class QuoteConnection extends ConnectionType(Quote, QuoteEdge, 'The quotes on this page.') {
  @Field(() => Boolean, {
    description:
      'Whether totalCount is an estimate: a search counts its matches exactly up to 1,000 and beyond that gives the database estimate; always false without a search.',
  })
  totalCountIsEstimate!: boolean;
}

@ObjectType('QuotePayload', { description: 'The quote after a create or update.' })
export class QuotePayload {
  @Field(() => Quote, { description: 'The quote as stored now.' })
  quote!: Quote;
}

@ObjectType('DeleteQuotePayload', { description: 'The result of deleting a quote.' })
export class DeleteQuotePayload {
  @Field(() => ID, { description: 'The ID the deleted quote had.' })
  deletedId!: string;
}
