import { schemaSDL } from '@dateline/schema';
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  lexicographicSortSchema,
  printSchema,
  type IntrospectionQuery,
} from 'graphql';
import { post } from '../testkit/graphql';
import { serverForSuite } from '../testkit/server';

const server = serverForSuite({ NODE_ENV: 'production' });

const sorted = (sdl: string) => printSchema(lexicographicSortSchema(buildSchema(sdl)));

describe('introspection over HTTP', () => {
  it('serves the schema committed in @dateline/schema, descriptions included', async () => {
    const response = await post<IntrospectionQuery>(server().url, getIntrospectionQuery());
    expect(response.body.errors).toBeUndefined();
    const served = printSchema(lexicographicSortSchema(buildClientSchema(response.body.data!)));
    expect(served).toEqual(sorted(schemaSDL));
  });

  it('resolves the Node interface to each object type', async () => {
    const page = await post<{
      articles: {
        nodes: {
          id: string;
          entities: { nodes: { id: string }[] };
          quotes: { nodes: { id: string }[] };
        }[];
      };
    }>(
      server().url,
      '{ articles(first: 1) { nodes { id entities(first: 1) { nodes { id } } quotes(first: 1) { nodes { id } } } } }',
    );
    const article = page.body.data!.articles.nodes[0]!;
    const ids = [article.id, article.entities.nodes[0]!.id, article.quotes.nodes[0]!.id];
    const nodes = await post<{ nodes: { __typename: string; id: string }[] }>(
      server().url,
      'query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }',
      { ids },
    );
    expect(nodes.body.errors).toBeUndefined();
    expect(nodes.body.data!.nodes).toEqual([
      { __typename: 'Article', id: ids[0] },
      { __typename: 'Entity', id: ids[1] },
      { __typename: 'Quote', id: ids[2] },
    ]);
  });
});
