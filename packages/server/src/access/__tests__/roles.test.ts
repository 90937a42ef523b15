import { createTestApi, errorCodes, viewers, type TestApi } from '../../testing/test-api';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.dispose());

// The role each mutation needs. A mutation missing here fails the first test, so new writes
// cannot ship without a decision on who may call them.
const required: Record<string, 'editor' | 'admin'> = {
  createArticle: 'editor',
  updateArticle: 'editor',
  deleteArticle: 'admin',
  createEntity: 'editor',
  updateEntity: 'editor',
  deleteEntity: 'admin',
  mergeEntities: 'admin',
  createEntityRelation: 'editor',
  deleteEntityRelation: 'editor',
  createQuote: 'editor',
  updateQuote: 'editor',
  deleteQuote: 'admin',
  createDeadline: 'editor',
  updateDeadline: 'editor',
  deleteDeadline: 'admin',
  ingestArticle: 'editor',
  createWebhook: 'admin',
  deleteWebhook: 'admin',
};

const rank = { reader: 1, editor: 2, admin: 3 } as const;

function mutationNames(): string[] {
  return Object.keys(api.container.schema.getMutationType()!.getFields()).sort();
}

/** The mutation called with an input that passes GraphQL validation but names nothing real. */
function call(name: string): string {
  const inputType = api.container.schema
    .getMutationType()!
    .getFields()
    [name]!.args[0]!.type.toString();
  return `mutation ($input: ${inputType}) { ${name}(input: $input) { __typename } }`;
}

const placeholderInput = {
  createArticle: { headline: ' ', body: 'b', publishedAt: '2024-01-01T00:00:00Z' },
  updateArticle: { id: 'x' },
  deleteArticle: { id: 'x' },
  createEntity: { name: '', kind: 'PERSON' },
  updateEntity: { id: 'x' },
  deleteEntity: { id: 'x' },
  mergeEntities: { keep: 'x', merge: 'x' },
  createEntityRelation: { from: 'x', type: 'OWNS', to: 'x' },
  deleteEntityRelation: { from: 'x', type: 'OWNS', to: 'x' },
  createQuote: { article: 'x', text: 't', direct: true, speaker: { id: 'x' } },
  updateQuote: { id: 'x' },
  deleteQuote: { id: 'x' },
  createDeadline: { article: 'x', description: 'd', dueOn: '2024-01-01', subject: { id: 'x' } },
  updateDeadline: { id: 'x', article: 'x' },
  deleteDeadline: { id: 'x' },
  ingestArticle: { text: ' ' },
  createWebhook: { url: 'x', events: [] },
  deleteWebhook: { id: 'x' },
} as Record<string, unknown>;

describe('roles', () => {
  it('cover every mutation in the schema', () => {
    expect(mutationNames()).toEqual(Object.keys(required).sort());
  });

  const cases = Object.entries(required).flatMap(([name, role]) =>
    (['anonymous', 'reader', 'editor', 'admin'] as const).map(
      (caller) => [name, role, caller] as const,
    ),
  );

  it.each(cases)('%s (needs %s) called by %s', async (name, role, caller) => {
    const viewer = caller === 'anonymous' ? null : viewers[caller];
    const result = await api.execute(call(name), { input: placeholderInput[name] }, viewer);
    const [code] = errorCodes(result);
    if (caller === 'anonymous') expect(code).toBe('UNAUTHENTICATED');
    else if (rank[caller] < rank[role]) expect(code).toBe('FORBIDDEN');
    // Allowed through: the placeholder input is then refused on its merits, never for the role.
    else expect(['BAD_USER_INPUT', 'INVALID_ID', 'NOT_FOUND']).toContain(code);
  });
});
