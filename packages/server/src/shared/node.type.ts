import { Field, ID, InterfaceType } from 'type-graphql';
import type { NodeTypeName } from './ids';

/** A row handed to GraphQL through the Node interface, tagged with its object type. */
export type TaggedRow<R> = R & { __typename: NodeTypeName };

export function tagged<R extends object>(row: R, typename: NodeTypeName): TaggedRow<R> {
  return Object.assign(row, { __typename: typename });
}

/** A Node's object type is the tag its row carries. */
export const resolveNodeType = (value: { __typename?: string }): string | undefined =>
  value.__typename;

@InterfaceType('Node', {
  description: 'An object with a global ID, fetchable with the node and nodes queries.',
  resolveType: resolveNodeType,
})
export abstract class Node {
  @Field(() => ID, { description: 'Opaque global ID; stable, and unique across all types.' })
  id!: string;
}
