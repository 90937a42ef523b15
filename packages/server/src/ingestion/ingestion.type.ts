import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { Article } from '../articles/article.type';
import { DeadlineStatus } from '../deadlines/deadline.type';
import { Entity, EntityKind } from '../entities/entity.type';
import { QuoteChannel, TextSpan } from '../quotes/quote.type';
import { DateTime, LocalDate } from '../shared/scalars';

export enum MentionForm {
  NAME = 'NAME',
  DESCRIPTION = 'DESCRIPTION',
  PRONOUN = 'PRONOUN',
}
registerEnumType(MentionForm, {
  name: 'MentionForm',
  description: 'How the text refers to an entity at one mention.',
  valuesConfig: {
    NAME: { description: 'By a name (Microsoft, Adam Mosseri).' },
    DESCRIPTION: { description: 'By a description (the US tech giant).' },
    PRONOUN: { description: 'By a pronoun (he, it).' },
  },
});

@ObjectType('ExtractedMention', { description: 'One place in the body that refers to an entity.' })
export class ExtractedMention {
  @Field(() => String, { description: 'The words used.' })
  text!: string;

  @Field(() => MentionForm, { description: 'Name, description or pronoun.' })
  form!: MentionForm;

  @Field(() => TextSpan, { description: 'Where the words are in the body.' })
  span!: TextSpan;
}

@ObjectType('ExtractedEntity', { description: 'An entity the extraction found in the text.' })
export class ExtractedEntity {
  @Field(() => String, {
    description: 'Identifies it within this extraction (quotes and deadlines refer to it).',
  })
  key!: string;

  @Field(() => String, {
    description: 'Its name: the stored name when linked, else the fullest name in the text.',
  })
  name!: string;

  @Field(() => EntityKind, { description: 'What sort of entity it is.' })
  kind!: keyof typeof EntityKind;

  @Field(() => [String], {
    description: 'Other names the text (or the stored entity) uses for it.',
  })
  aliases!: string[];

  @Field(() => String, { nullable: true, description: 'A title the text gives a person.' })
  title!: string | null;

  @Field(() => Float, {
    description: 'How sure the extraction is that this is an entity of this kind, 0–1.',
  })
  confidence!: number;

  @Field(() => [ExtractedMention], { description: 'Every place the body refers to it, in order.' })
  mentions!: ExtractedMention[];

  @Field(() => Entity, {
    nullable: true,
    description:
      'The stored entity it was linked to by name or alias (tolerating small differences); null when none matched and ingesting creates one.',
  })
  entity!: Entity | null;
}

@ObjectType('ExtractedQuote', { description: 'A quote the extraction found in the text.' })
export class ExtractedQuote {
  @Field(() => String, { description: 'The quoted words, exactly as in the body.' })
  text!: string;

  @Field(() => Boolean, {
    description: 'True for words in quotation marks; false for reported speech.',
  })
  direct!: boolean;

  @Field(() => TextSpan, { description: 'Where the words are in the body.' })
  span!: TextSpan;

  @Field(() => ExtractedEntity, {
    nullable: true,
    description: 'Who said it; null when the text names nobody the extraction could resolve.',
  })
  speaker!: ExtractedEntity | null;

  @Field(() => String, {
    nullable: true,
    description: 'The words the speaker is referred to by at the cue (the US tech giant, he).',
  })
  speakerMention!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The speaker's title or role (spokesperson).",
  })
  speakerTitle!: string | null;

  @Field(() => String, { nullable: true, description: 'The verb that attributes it (said).' })
  cue!: string | null;

  @Field(() => QuoteChannel, { nullable: true, description: 'How the words were delivered.' })
  channel!: keyof typeof QuoteChannel | null;

  @Field(() => ExtractedEntity, {
    nullable: true,
    description: 'The outlet it reached us through (according to AFP).',
  })
  via!: ExtractedEntity | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'The day it was said, resolved against the publication date.',
  })
  spokenOn!: string | null;

  @Field(() => Float, { description: 'How sure the extraction is of the attribution, 0–1.' })
  confidence!: number;

  @Field(() => TextSpan, {
    description: 'The passage the attribution rests on (the quote with its cue), to highlight.',
  })
  evidence!: TextSpan;

  @Field(() => Boolean, {
    description:
      'Whether it is part of the stored article (on a dry run: would be). Quotes whose speaker was not found are stored unattributed (Quote.speaker null).',
  })
  stored!: boolean;
}

@ObjectType('ExtractedDeadline', { description: 'A deadline the extraction found in the text.' })
export class ExtractedDeadline {
  @Field(() => String, { description: 'What must happen.' })
  description!: string;

  @Field(() => LocalDate, { description: 'The due date, resolved against the publication date.' })
  dueOn!: string;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'The earlier due date, when the text reports the deadline being moved.',
  })
  previousDueOn!: string | null;

  @Field(() => DeadlineStatus, { description: 'Where it stands as of the article.' })
  status!: keyof typeof DeadlineStatus;

  @Field(() => ExtractedEntity, { nullable: true, description: 'Who set it.' })
  setBy!: ExtractedEntity | null;

  @Field(() => ExtractedEntity, { nullable: true, description: 'Who must act.' })
  subject!: ExtractedEntity | null;

  @Field(() => [ExtractedEntity], { description: 'What else it is about.' })
  concerns!: ExtractedEntity[];

  @Field(() => String, { nullable: true, description: 'What happens if it is not met.' })
  consequence!: string | null;

  @Field(() => Float, { description: 'How sure the extraction is of the deadline, 0–1.' })
  confidence!: number;

  @Field(() => TextSpan, { description: 'The passage that reports it, to highlight.' })
  evidence!: TextSpan;

  @Field(() => Boolean, {
    description:
      'Whether it is part of the stored article (on a dry run: would be). Deadlines with no one who must act, or due before the article was published, are not stored.',
  })
  stored!: boolean;
}

@ObjectType('ArticleExtraction', {
  description: 'What ingestion read from the text: the article as it is (or would be) stored.',
})
export class ArticleExtraction {
  @Field(() => String, { description: 'The headline: the one given, or the derived one.' })
  headline!: string;

  @Field(() => Boolean, {
    description: "True when the headline was derived from the body's first sentence.",
  })
  headlineDerived!: boolean;

  @Field(() => String, {
    description: 'The body (the text without its "date …" header); spans are offsets into it.',
  })
  body!: string;

  @Field(() => DateTime, { description: 'The publication time.' })
  publishedAt!: Date;

  @Field(() => [String], { description: 'The places in the dateline, in order.' })
  datelines!: string[];

  @Field(() => [ExtractedEntity], {
    description: 'The entities found, each with every place the body refers to it.',
  })
  entities!: ExtractedEntity[];

  @Field(() => [ExtractedQuote], {
    description: 'The quotes found, direct and reported, in text order.',
  })
  quotes!: ExtractedQuote[];

  @Field(() => [ExtractedDeadline], { description: 'The deadlines found.' })
  deadlines!: ExtractedDeadline[];
}

@ObjectType('IngestArticlePayload', { description: 'The result of ingestArticle.' })
export class IngestArticlePayload {
  @Field(() => Article, {
    nullable: true,
    description:
      'The stored article: the new one, or the one already stored with the same URL or headline and body. Null on a dry run.',
  })
  article!: Article | null;

  @Field(() => Boolean, {
    description:
      'True when this call stored a new article; false when it was already stored (nothing was written) or on a dry run.',
  })
  created!: boolean;

  @Field(() => Boolean, { description: 'True when nothing was written because dryRun was set.' })
  dryRun!: boolean;

  @Field(() => ArticleExtraction, {
    description: 'What was read from the text, each item with its confidence and evidence span.',
  })
  extraction!: ArticleExtraction;
}
