import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Entity } from '../entities/entity.type';
import { Node } from '../shared/node.type';
import { ConnectionType, EdgeType } from '../shared/pagination';
import { DateTime } from '../shared/scalars';

export enum ArticleOrder {
  PUBLISHED_AT_DESC = 'PUBLISHED_AT_DESC',
  PUBLISHED_AT_ASC = 'PUBLISHED_AT_ASC',
  RELEVANCE = 'RELEVANCE',
}
registerEnumType(ArticleOrder, {
  name: 'ArticleOrder',
  description: 'How a list of articles is ordered.',
  valuesConfig: {
    PUBLISHED_AT_DESC: { description: 'Newest first (the default without a search).' },
    PUBLISHED_AT_ASC: { description: 'Oldest first.' },
    RELEVANCE: { description: 'Best text-search match first (the default with a search).' },
  },
});

// simpleResolvers: the plain fields are columns of the row, read without a resolver per field
// (see ConnectionType in shared/pagination).
@ObjectType('Article', { implements: Node, simpleResolvers: true, description: 'A news article.' })
export class Article implements Node {
  @Field(() => ID, { description: 'Opaque global ID.' })
  id!: string;

  @Field(() => String, { description: 'The headline.' })
  headline!: string;

  @Field(() => String, { description: 'The full text; quote spans are offsets into it.' })
  body!: string;

  @Field(() => DateTime, { description: 'When the article was published.' })
  publishedAt!: Date;

  @Field(() => String, { nullable: true, description: 'Where the article is published online.' })
  url!: string | null;

  @Field(() => String, { description: 'Language of the text, as a BCP 47 tag (en).' })
  language!: string;
}

@ObjectType('ArticleEdge', { description: 'An article in a list, with its search match.' })
export class ArticleEdge extends EdgeType(Article) {
  @Field(() => Float, {
    nullable: true,
    description: 'Text-search rank (higher is better); null when the list has no search.',
  })
  rank!: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Passages of the body that match the search, hits wrapped in <mark></mark>; null when the list has no search.',
  })
  snippet!: string | null;
}

@ObjectType('ArticleConnection', { description: 'A page of articles.' })
export class ArticleConnection extends ConnectionType(
  Article,
  ArticleEdge,
  'The articles on this page.',
) {
  @Field(() => Boolean, {
    description:
      'Whether totalCount is an estimate: a search counts its matches exactly up to 1,000 and beyond that gives the database estimate; always false without a search.',
  })
  totalCountIsEstimate!: boolean;
}

@ObjectType('MentionedArticleEdge', {
  description: 'An article that mentions an entity, with how it mentions it.',
})
export class MentionedArticleEdge extends EdgeType(Article) {
  @Field(() => Int, { description: 'How many times the article mentions the entity.' })
  mentionCount!: number;

  @Field(() => [String], {
    description: 'The words the article uses for the entity ("the US tech giant").',
  })
  surfaceForms!: string[];
}

@ObjectType('MentionedArticleConnection', {
  description: 'A page of articles mentioning an entity.',
})
export class MentionedArticleConnection extends ConnectionType(
  Article,
  MentionedArticleEdge,
  'The articles on this page.',
) {}

@ObjectType('ArticleEntityEdge', {
  description: 'An entity an article mentions, with how it mentions it.',
})
export class ArticleEntityEdge extends EdgeType(Entity) {
  @Field(() => Int, { description: 'How many times the article mentions the entity.' })
  mentionCount!: number;

  @Field(() => [String], {
    description: 'The words the article uses for the entity ("the US tech giant").',
  })
  surfaceForms!: string[];
}

@ObjectType('ArticleEntityConnection', {
  description: 'A page of the entities an article mentions, most mentioned first.',
})
export class ArticleEntityConnection extends ConnectionType(
  Entity,
  ArticleEntityEdge,
  'The entities on this page.',
) {}

@ObjectType('CreateArticlePayload', { description: 'The result of createArticle.' })
export class CreateArticlePayload {
  @Field(() => Article, {
    description: 'The stored article: the new one, or the one already stored.',
  })
  article!: Article;

  @Field(() => Boolean, {
    description:
      'False when the article was already stored (same URL, or same headline and body); nothing was written.',
  })
  created!: boolean;
}

@ObjectType('ArticlePayload', { description: 'The article after an update.' })
export class ArticlePayload {
  @Field(() => Article, { description: 'The article as stored now.' })
  article!: Article;
}

@ObjectType('DeleteArticlePayload', { description: 'The result of deleting an article.' })
export class DeleteArticlePayload {
  @Field(() => ID, { description: 'The ID the deleted article had.' })
  deletedId!: string;
}
