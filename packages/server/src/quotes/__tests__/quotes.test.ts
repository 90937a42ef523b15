import { createTestApi, errorCodes, viewers, type TestApi } from '../../testing/test-api';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.dispose());

async function entityId(name: string): Promise<string> {
  const result = await api.execute<{ entities: { nodes: { id: string }[] } }>(
    `query ($name: String!) { entities(search: $name, first: 1) { nodes { id } } }`,
    { name },
  );
  return result.data!.entities.nodes[0]!.id;
}

async function texts(args: string, variables: Record<string, unknown> = {}): Promise<string[]> {
  const declared = Object.keys(variables)
    .map((name) => `$${name}: ID!`)
    .join(', ');
  const result = await api.execute<{ quotes: { nodes: { text: string }[] } }>(
    `query ${declared ? `(${declared})` : ''} { quotes(first: 50${args}) { nodes { text } } }`,
    variables,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.quotes.nodes.map((quote) => quote.text);
}

describe('quotes', () => {
  it('lists every quote by a speaker', async () => {
    const speaker = await entityId('Microsoft');
    expect(await texts(', speaker: $speaker', { speaker })).toHaveLength(3);
    expect(await texts(', speaker: $speaker, direct: true', { speaker })).toHaveLength(2);
  });

  it('filters by channel and by the outlet they came via', async () => {
    const via = await entityId('Xinhua');
    expect(await texts(', via: $via', { via })).toEqual([
      'The tricks of economic bullying and political manipulation that the US played on non-American companies are tantamount to coercive robbery,',
    ]);
    const interviews = await texts(', channels: [INTERVIEW]');
    expect(interviews.sort()).toEqual([
      'If countries start to silo Internet within them,',
      'the risks of a fragmented Internet',
    ]);
  });

  it('filters by the day the words were said', async () => {
    expect(await texts(', saidFrom: "2020-09-11", saidBefore: "2020-09-12"')).toHaveLength(2);
    expect(await texts(', saidFrom: "2020-09-13", saidBefore: "2020-09-14"')).toHaveLength(3);
  });

  it('finds quotes by their words', async () => {
    expect(await texts(', search: "fragmented internet"')).toEqual([
      'the risks of a fragmented Internet',
    ]);
  });

  it('keeps words nobody is named as saying as an unattributed quote, listed apart', async () => {
    const attributedBefore = await texts(', attributed: true');
    const articles = await api.execute<{ articles: { nodes: { id: string }[] } }>(
      `{ articles { nodes { id } } }`,
    );
    const created = await api.execute<{
      createQuote: { quote: { text: string; speaker: null; confidence: null } };
    }>(
      `mutation ($input: CreateQuoteInput!) {
        createQuote(input: $input) { quote { text speaker { name } confidence } }
      }`,
      {
        input: {
          article: articles.data!.articles.nodes[0]!.id,
          text: 'a wrong precedent',
          direct: false,
        },
      },
      viewers.editor,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createQuote.quote).toEqual({
      text: 'a wrong precedent',
      speaker: null,
      confidence: null,
    });
    expect(await texts(', attributed: false')).toEqual(['a wrong precedent']);
    expect(await texts(', attributed: true')).toEqual(attributedBefore);
    expect(attributedBefore).not.toContain('a wrong precedent');
  });

  it('refuses an article ID where an entity ID is expected', async () => {
    const articles = await api.execute<{ articles: { nodes: { id: string }[] } }>(
      `{ articles { nodes { id } } }`,
    );
    const result = await api.execute(`query ($id: ID!) { quotes(speaker: $id) { totalCount } }`, {
      id: articles.data!.articles.nodes[0]!.id,
    });
    expect(errorCodes(result)).toEqual(['INVALID_ID']);
    expect(result.errors![0]!.message).toContain(
      'is an Article ID, but speaker takes an Entity ID',
    );
  });
});
