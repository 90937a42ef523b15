// The compiled executor (graphql-jit) answers leaves that fail as graphql-js does: a null in a
// non-null field nulls its parent, an error value or a value its scalar refuses is reported at its
// path, and a nullable leaf stays null without an error.
import {
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  execute,
  parse,
  type ExecutionResult,
} from 'graphql';
import { compiledExecutor } from '../compiled-execution';

const Item = new GraphQLObjectType({
  name: 'Item',
  fields: {
    name: { type: new GraphQLNonNull(GraphQLString) },
    note: { type: GraphQLString },
    count: { type: new GraphQLNonNull(GraphQLInt) },
    failing: {
      type: GraphQLString,
      resolve: (item: { name: string | null }) =>
        item.name === 'b' ? new Error('the note is unreadable') : 'fine',
    },
  },
});

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      items: {
        type: new GraphQLNonNull(new GraphQLList(Item)),
        resolve: () => [
          { name: 'a', note: null, count: 1 },
          { name: 'b', note: 'n', count: 2 },
          { name: null, note: 'n', count: 3 },
          { name: 'd', note: 'n', count: 'many' },
          { name: 'e', note: 7, count: 2.5 },
        ],
      },
    },
  }),
});

/** A result as a client reads it, errors in path order. */
function asSent(result: ExecutionResult): unknown {
  const sent = JSON.parse(JSON.stringify(result)) as {
    data?: unknown;
    errors?: { path?: unknown[]; message: string }[];
  };
  sent.errors?.sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)));
  return sent;
}

describe('compiled execution', () => {
  it('answers failing, null and refused leaves as graphql-js does', async () => {
    const document = parse('{ items { name note count failing } }');
    const compiled = await compiledExecutor(schema)({ document, contextValue: {} });
    const reference = await execute({ schema, document });
    expect(asSent(compiled)).toEqual(asSent(reference));
    expect((compiled.errors ?? []).length).toBe(4);
    expect((compiled.data as { items: unknown[] }).items).toEqual([
      { name: 'a', note: null, count: 1, failing: 'fine' },
      { name: 'b', note: 'n', count: 2, failing: null },
      null,
      null,
      null,
    ]);
  });
});
