import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { z } from 'zod';
import { aliases, name, optionalText, wikidataId } from './entity.schemas';
import { DeadlineRole, DeadlineStatus } from '../deadlines/deadline.type';
import { QuoteChannel } from '../quotes/quote.type';
import { ConnectionArgs } from '../shared/pagination';
import { EntityKind, RelationDirection, RelationType } from './entity.type';

@ArgsType()
export class EntitiesArgs extends ConnectionArgs {
  @Field(() => String, {
    nullable: true,
    description:
      'Fuzzy search on names and aliases (1–200 characters); tolerates typos ("Mosery" finds Adam Mosseri). Best match first; without it, by name.',
  })
  search?: string | null;

  @Field(() => [EntityKind], { nullable: true, description: 'Only entities of these kinds.' })
  kinds?: (keyof typeof EntityKind)[] | null;
}

@ArgsType()
export class EntityQuotesArgs extends ConnectionArgs {
  @Field(() => Boolean, {
    nullable: true,
    description: 'Only direct (true) or indirect (false) quotes.',
  })
  direct?: boolean | null;

  @Field(() => [QuoteChannel], {
    nullable: true,
    description: 'Only quotes given through these channels.',
  })
  channels?: (keyof typeof QuoteChannel)[] | null;
}

@ArgsType()
export class EntityDeadlinesArgs extends ConnectionArgs {
  @Field(() => DeadlineRole, {
    nullable: true,
    description: "The entity's part in the deadlines; ANY when omitted.",
  })
  role?: DeadlineRole | null;

  @Field(() => [DeadlineStatus], { nullable: true, description: 'Only deadlines in these states.' })
  statuses?: (keyof typeof DeadlineStatus)[] | null;
}

@ArgsType()
export class EntityRelationsArgs extends ConnectionArgs {
  @Field(() => [RelationType], { nullable: true, description: 'Only relations of these types.' })
  types?: (keyof typeof RelationType)[] | null;

  @Field(() => RelationDirection, {
    nullable: true,
    description: 'Only relations in this direction.',
  })
  direction?: RelationDirection | null;
}

@InputType('CreateEntityInput', { description: 'A new entity.' })
export class CreateEntityInput {
  @Field(() => String, { description: 'Canonical name, 1–300 characters.' })
  name!: string;

  @Field(() => EntityKind, { description: 'What sort of entity it is.' })
  kind!: keyof typeof EntityKind;

  @Field(() => String, { nullable: true, description: 'Title or role, for people.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Wikidata item id, such as Q2283.' })
  wikidataId?: string | null;

  @Field(() => [String], { nullable: true, description: 'Other names it goes by.' })
  aliases?: string[] | null;
}

@InputType('UpdateEntityInput', {
  description: 'Changes to an entity; omitted fields stay as they are.',
})
export class UpdateEntityInput {
  @Field(() => ID, { description: 'The entity to change.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New canonical name.' })
  name?: string | null;

  @Field(() => EntityKind, { nullable: true, description: 'New kind.' })
  kind?: keyof typeof EntityKind | null;

  @Field(() => String, { nullable: true, description: 'New title; an empty string removes it.' })
  title?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'New Wikidata id; an empty string removes it.',
  })
  wikidataId?: string | null;

  @Field(() => [String], { nullable: true, description: 'Aliases to add.' })
  addAliases?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Aliases to remove.' })
  removeAliases?: string[] | null;
}

@InputType('DeleteEntityInput', { description: 'The entity to delete.' })
export class DeleteEntityInput {
  @Field(() => ID, { description: 'An entity that nothing refers to any more.' })
  id!: string;
}

@InputType('MergeEntitiesInput', { description: 'Two entities that turn out to be one.' })
export class MergeEntitiesInput {
  @Field(() => ID, { description: 'The entity that stays.' })
  keep!: string;

  @Field(() => ID, {
    description:
      'The entity folded into keep: its mentions, quotes, relations and deadline roles move over, its names become aliases, and it is deleted.',
  })
  merge!: string;
}

@InputType('EntityRelationInput', {
  description: 'A typed relation between two entities, read from → to.',
})
export class EntityRelationInput {
  @Field(() => ID, {
    description: 'The subject of the relation (ByteDance in "ByteDance owns TikTok").',
  })
  from!: string;

  @Field(() => RelationType, { description: 'How they relate.' })
  type!: keyof typeof RelationType;

  @Field(() => ID, { description: 'The object of the relation (TikTok).' })
  to!: string;
}

export const createEntitySchema = z.object({
  name,
  kind: z.string(),
  title: optionalText,
  wikidataId,
  aliases,
});

export const updateEntitySchema = z.object({
  id: z.string(),
  name: name.nullish(),
  kind: z.string().nullish(),
  title: optionalText,
  wikidataId,
  addAliases: aliases,
  removeAliases: aliases,
});

@InputType('EntityRefInput', {
  description:
    'An entity referred to from another input: an existing one by id, or by name and kind (the entity with that exact name and kind is reused, else created).',
})
export class EntityRefInput {
  @Field(() => ID, {
    nullable: true,
    description: 'An existing entity. Give either id, or name and kind.',
  })
  id?: string | null;

  @Field(() => String, { nullable: true, description: 'The name, to find or create the entity.' })
  name?: string | null;

  @Field(() => EntityKind, { nullable: true, description: 'The kind, with name.' })
  kind?: keyof typeof EntityKind | null;

  @Field(() => [String], { nullable: true, description: 'Aliases for an entity created here.' })
  aliases?: string[] | null;
}
