import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { entityKinds, relationTypes } from '../db/schema';
import { Node } from '../shared/node.type';
import { ConnectionType, EdgeType } from '../shared/pagination';

export const EntityKind = Object.fromEntries(entityKinds.map((kind) => [kind, kind])) as {
  [K in (typeof entityKinds)[number]]: K;
};
registerEnumType(EntityKind, {
  name: 'EntityKind',
  description: 'What sort of thing an entity is.',
  valuesConfig: {
    PERSON: { description: 'A person (Adam Mosseri, Donald Trump).' },
    ORGANIZATION: { description: 'A company or other non-governmental organisation (Microsoft).' },
    GOVERNMENT: { description: 'A government, ministry or administration.' },
    COUNTRY: { description: 'A country (China, the United States).' },
    PLACE: { description: 'A city or other place, e.g. a dateline (New York, Beijing).' },
    MEDIA_OUTLET: { description: 'A news outlet or agency (AFP, CNBC, Xinhua).' },
    OTHER: { description: 'Anything else worth tracking.' },
  },
});

export const RelationType = Object.fromEntries(relationTypes.map((type) => [type, type])) as {
  [K in (typeof relationTypes)[number]]: K;
};
registerEnumType(RelationType, {
  name: 'RelationType',
  description: 'How one entity relates to another, read from → to.',
  valuesConfig: {
    OWNS: { description: 'From owns to (ByteDance owns TikTok).' },
    LEADS: { description: 'From heads to (Adam Mosseri leads Instagram).' },
    PART_OF: { description: 'From is a part of to (a ministry of a government).' },
    MEMBER_OF: { description: 'From is a member of to.' },
    WORKS_FOR: { description: 'From works for to.' },
    LOCATED_IN: { description: 'From is located in to.' },
    SPEAKS_FOR: { description: 'From is a spokesperson of to.' },
  },
});

export enum RelationDirection {
  OUTGOING = 'OUTGOING',
  INCOMING = 'INCOMING',
}
registerEnumType(RelationDirection, {
  name: 'RelationDirection',
  description: 'Which end of a relation the entity is on.',
  valuesConfig: {
    OUTGOING: { description: 'The entity is the "from" end (it owns, leads, is part of …).' },
    INCOMING: { description: 'The entity is the "to" end (it is owned, led, has parts …).' },
  },
});

// simpleResolvers: the plain fields are columns of the row, read without a resolver per field
// (see ConnectionType in shared/pagination).
@ObjectType('Entity', {
  implements: Node,
  simpleResolvers: true,
  description:
    'A person, organisation, government, country, place or outlet that articles mention.',
})
export class Entity implements Node {
  @Field(() => ID, { description: 'Opaque global ID.' })
  id!: string;

  @Field(() => String, { description: 'Canonical name (Adam Mosseri, Agence France-Presse).' })
  name!: string;

  @Field(() => EntityKind, { description: 'What sort of entity this is.' })
  kind!: keyof typeof EntityKind;

  @Field(() => String, {
    nullable: true,
    description: 'Title or role, for people (head of Instagram).',
  })
  title!: string | null;

  @Field(() => String, { nullable: true, description: 'Wikidata item id (Q2283), when known.' })
  wikidataId!: string | null;

  @Field(() => [String], { description: 'Other names the entity goes by (AFP, USA).' })
  aliases!: string[];
}

@ObjectType('EntityEdge', { description: 'An entity in a list of entities.' })
export class EntityEdge extends EdgeType(Entity) {}

@ObjectType('EntityConnection', { description: 'A page of entities.' })
export class EntityConnection extends ConnectionType(
  Entity,
  EntityEdge,
  'The entities on this page.',
) {
  @Field(() => Boolean, {
    description:
      'Whether totalCount is an estimate: a search counts its matches exactly up to 1,000 and beyond that gives the database estimate; always false without a search.',
  })
  totalCountIsEstimate!: boolean;
}

@ObjectType('EntityRelationEdge', {
  description: 'A related entity, with the type and direction of the relation.',
})
export class EntityRelationEdge extends EdgeType(Entity) {
  @Field(() => RelationType, { description: 'How the two entities relate.' })
  type!: keyof typeof RelationType;

  @Field(() => RelationDirection, {
    description: 'OUTGOING when this entity is the subject of the relation (it owns the node).',
  })
  direction!: RelationDirection;
}

@ObjectType('EntityRelationConnection', { description: 'A page of related entities.' })
export class EntityRelationConnection extends ConnectionType(
  Entity,
  EntityRelationEdge,
  'The related entities on this page.',
) {}

@ObjectType('EntityPayload', { description: 'The entity after a create, update or merge.' })
export class EntityPayload {
  @Field(() => Entity, { description: 'The entity as stored now.' })
  entity!: Entity;
}

@ObjectType('DeleteEntityPayload', { description: 'The result of deleting an entity.' })
export class DeleteEntityPayload {
  @Field(() => ID, { description: 'The ID the deleted entity had.' })
  deletedId!: string;
}

@ObjectType('EntityRelationPayload', {
  description: 'The result of adding or removing a relation.',
})
export class EntityRelationPayload {
  @Field(() => Entity, {
    description: 'The "from" entity, whose relations now reflect the change.',
  })
  from!: Entity;

  @Field(() => Boolean, {
    description: 'False when there was nothing to do (already there, or already gone).',
  })
  changed!: boolean;
}
