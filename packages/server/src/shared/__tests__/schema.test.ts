import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  getNamedType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { pino } from 'pino';
import { executorSchema } from '../../graphql/executor-schema';
import { printSortedSchema } from '../../schema';
import { nodeTypes } from '../ids';
import { createTestApi, errorCodes, type TestApi } from '../../testing/test-api';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.dispose());

function undocumented(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (!type.description) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of field.args) {
          if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
      }
    }
  }
  return missing;
}

describe('the schema', () => {
  it('describes every type, field and argument', () => {
    expect(undocumented(api.container.schema)).toEqual([]);
  });

  it('matches the committed packages/schema/schema.graphql', () => {
    const committed = readFileSync(
      path.join(__dirname, '..', '..', '..', '..', 'schema', 'schema.graphql'),
      'utf8',
    );
    expect(printSortedSchema(api.container.schema)).toBe(committed);
  });
});

describe("the executor's copy of the schema", () => {
  it("reads every node type's id as a leaf giving what its resolver gives, and leaves the API schema alone", () => {
    const schema = api.container.schema;
    const printed = printSortedSchema(schema);
    const copy = executorSchema(schema);
    expect(printSortedSchema(schema)).toBe(printed);
    const context = api.container.createContext({
      requestId: 'test',
      logger: pino({ level: 'silent' }),
      viewer: null,
      clientAddress: '127.0.0.1',
    });
    for (const typeName of nodeTypes) {
      const apiType = schema.getType(typeName);
      if (!isObjectType(apiType)) throw new Error(`${typeName} is not an object type`);
      const apiField = apiType.getFields()['id']!;
      const copied = copy.getType(typeName);
      if (!isObjectType(copied)) throw new Error(`${typeName} is not an object type in the copy`);
      const leafField = copied.getFields()['id']!;
      const leaf = getNamedType(leafField.type);
      expect(leafField.resolve).toBeUndefined();
      expect(isScalarType(leaf)).toBe(true);
      for (const id of [1, 7, 42, 1000, 2_147_483_647]) {
        expect(isScalarType(leaf) && leaf.serialize(id)).toBe(
          apiField.resolve!({ id }, {}, context, {} as GraphQLResolveInfo),
        );
      }
    }
  });

  it('is not what introspection describes: ids are IDs there', async () => {
    const result = await api.execute<{ __type: { fields: { name: string; type: unknown }[] } }>(
      '{ __type(name: "Quote") { fields { name type { kind ofType { name } } } } }',
    );
    expect(result.data?.__type.fields.find((field) => field.name === 'id')?.type).toEqual({
      kind: 'NON_NULL',
      ofType: { name: 'ID' },
    });
  });
});

describe('node and nodes', () => {
  it('fetch any object by global ID, in the order asked, with null for missing ones', async () => {
    const ids = await api.execute<{
      articles: {
        nodes: {
          id: string;
          quotes: { nodes: { id: string }[] };
          deadlines: { nodes: { id: string }[] };
        }[];
      };
    }>(
      `{ articles { nodes { id quotes(first: 1) { nodes { id } } deadlines { nodes { id } } } } }`,
    );
    const article = ids.data!.articles.nodes[0]!;
    const missing = Buffer.from('Quote:999999').toString('base64url');
    const result = await api.execute<{
      nodes: ({ __typename: string } | null)[];
      node: { headline: string };
    }>(
      `query ($ids: [ID!]!, $id: ID!) { nodes(ids: $ids) { __typename } node(id: $id) { ... on Article { headline } } }`,
      {
        ids: [article.deadlines.nodes[0]!.id, missing, article.quotes.nodes[0]!.id],
        id: article.id,
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.nodes).toEqual([{ __typename: 'Deadline' }, null, { __typename: 'Quote' }]);
    expect(result.data!.node.headline).toContain('TikTok');
  });

  it.each([
    ['garbage', 'not-an-id'],
    ['an unknown type', Buffer.from('Planet:1').toString('base64url')],
    ['a non-numeric row id', Buffer.from('Article:abc').toString('base64url')],
  ])('refuse %s as an ID', async (_label, id) => {
    const result = await api.execute(`query ($id: ID!) { node(id: $id) { id } }`, { id });
    expect(errorCodes(result)).toEqual(['INVALID_ID']);
  });

  it('refuse more than 100 IDs at once', async () => {
    const result = await api.execute(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
      ids: Array.from({ length: 101 }, (_, index) =>
        Buffer.from(`Article:${index + 1}`).toString('base64url'),
      ),
    });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });
});
