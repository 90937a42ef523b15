import { QuotesDocument, createTransport, quotes, type Client } from '@dateline/sdk';
import { clientFor, countingFetch } from '../testkit/sdk';
import {
  createStorage,
  startServer,
  type ServerProcess,
  type ServerStorage,
} from '../testkit/server';

let storage: ServerStorage;
let server: ServerProcess;
let client: Client;

beforeAll(async () => {
  storage = await createStorage();
  server = await startServer(storage);
  client = clientFor(server);
});
afterAll(async () => {
  await server.stop();
  await storage.dispose();
});

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const list: T[] = [];
  for await (const item of items) list.push(item);
  return list;
}

async function mosseriId(): Promise<string> {
  const { entities } = await client.entities({ search: 'Mosery', kinds: ['PERSON'] });
  expect(entities.nodes[0]?.name).toBe('Adam Mosseri');
  return entities.nodes[0]!.id;
}

describe('the SDK against the sample article', () => {
  it('finds Adam Mosseri by a misspelt name and lists every quote he gave, with its channel and outlet', async () => {
    const quotes = await all(client.paginate.quotes({ speaker: await mosseriId() }));
    expect(
      quotes.map((quote) => [quote.text, quote.direct, quote.channel, quote.via?.name ?? null]),
    ).toEqual([
      [
        'he is far from enthused by the prospect of a drastic step to prohibit the functioning of the short video-sharing platform in the country as it may set a wrong precedent',
        false,
        null,
        null,
      ],
      ['If countries start to silo Internet within them,', true, 'INTERVIEW', 'CNBC'],
      ['the risks of a fragmented Internet', true, 'INTERVIEW', 'CNBC'],
    ]);
    expect(new Set(quotes.map((quote) => quote.speaker?.name))).toEqual(new Set(['Adam Mosseri']));
    expect(quotes[1]!.article.headline).toBe(
      "TikTok rejects Microsoft's offer for its US operations",
    );
  });

  it('lists every pending deadline with who set it, who must act and what happens otherwise', async () => {
    const pending = await all(client.paginate.deadlines({ statuses: ['PENDING'] }));
    expect(pending).toEqual([
      expect.objectContaining({
        description: "ByteDance must sell TikTok's US business",
        dueOn: '2020-09-20',
        status: 'PENDING',
        consequence: 'complete ban of TikTok in the United States',
        setBy: expect.objectContaining({ name: 'Donald Trump' }) as unknown,
        subject: expect.objectContaining({ name: 'ByteDance' }) as unknown,
        concerns: [expect.objectContaining({ name: 'TikTok' })],
      }),
    ]);
  });

  it('shows the deadline among those falling due within a week of the article', async () => {
    const week = await client.upcomingDeadlines({ asOf: '2020-09-14', withinDays: 7 });
    expect(week.upcomingDeadlines.nodes.map((deadline) => deadline.dueOn)).toEqual(['2020-09-20']);
    const dayAfter = await client.upcomingDeadlines({ asOf: '2020-09-21', withinDays: 7 });
    expect(dayAfter.upcomingDeadlines.totalCount).toBe(0);
  });

  it('walks every entity page by page, each once, in the order of one big page', async () => {
    const counter = countingFetch();
    const paged = clientFor(server, { fetch: counter.fetch });
    const walked = await all(paged.paginate.entities({ first: 5 }));
    const { entities } = await client.entities({ first: 100 });
    expect(entities.totalCount).toBe(19);
    expect(walked.map((entity) => entity.name)).toEqual(
      entities.nodes.map((entity) => entity.name),
    );
    expect(counter.count()).toBe(4);
  });

  it('paginates articles, yielding the sample article once', async () => {
    const articles = await all(client.paginate.articles({ first: 1 }));
    expect(articles.map((article) => article.headline)).toEqual([
      "TikTok rejects Microsoft's offer for its US operations",
    ]);
    expect(articles[0]!.datelines.map((place) => place.name)).toEqual(['New York City', 'Beijing']);
  });

  it('searches articles and yields each hit with its rank and the matching words marked', async () => {
    const hits = await all(client.paginate.searchArticles({ search: 'TikTok ban' }));
    expect(hits).toHaveLength(1);
    expect(hits[0]!.rank).toBeGreaterThan(0);
    expect(hits[0]!.snippet).toContain('<mark>');
    expect(hits[0]!.node.headline).toContain('TikTok');
  });

  it('reads an article in full, with quote spans that point into its body', async () => {
    const { articles } = await client.articles({ first: 1 });
    const { article } = await client.article({ id: articles.nodes[0]!.id });
    expect(article).not.toBeNull();
    expect(article!.quotes.totalCount).toBe(9);
    for (const quote of article!.quotes.nodes) {
      expect(article!.body.slice(quote.span.start, quote.span.end)).toBe(quote.text);
    }
    expect(article!.deadlines.nodes.map((deadline) => deadline.subject.name)).toEqual([
      'ByteDance',
    ]);
    const mentions = new Map(
      article!.entities.edges.map((edge) => [edge.node.name, edge.mentionCount]),
    );
    expect(mentions.get('TikTok')).toBeGreaterThan(1);
  });

  it('reads an entity with its relations, a quote with its article, a deadline with its history', async () => {
    const { entity } = await client.entity({ id: await mosseriId() });
    expect(entity!.relations.edges.map((edge) => [edge.type, edge.node.name])).toContainEqual([
      'LEADS',
      'Instagram',
    ]);

    const { quotes } = await client.quotes({ channels: ['PRESS_BRIEFING'] });
    const { quote } = await client.quote({ id: quotes.nodes[0]!.id });
    expect(quote!.via?.name).toBe('Xinhua News Agency');
    expect(quote!.article.publishedAt).toBe('2020-09-14T00:00:00.000Z');

    const { deadlines } = await client.deadlines();
    const { deadline } = await client.deadline({ id: deadlines.nodes[0]!.id });
    expect(deadline!.history.nodes[0]).toMatchObject({ status: 'PENDING', previousStatus: null });
  });

  it('fetches any object by its global ID and says which type it is', async () => {
    const { quotes } = await client.quotes({ first: 1, attributed: true });
    const quote = quotes.nodes[0]!;
    const { node } = await client.node({ id: quote.id });
    expect(node?.__typename).toBe('Quote');
    if (node?.__typename === 'Quote') expect(node.text).toBe(quote.text);

    const { nodes } = await client.nodes({ ids: [quote.article.id, quote.speaker!.id] });
    expect(nodes.map((found) => found?.__typename)).toEqual(['Article', 'Entity']);
  });

  it('sends any TypedDocumentNode through request, typed by the document', async () => {
    const data = await client.request(QuotesDocument, { speaker: await mosseriId(), first: 1 });
    expect(data.quotes.totalCount).toBe(3);
    expect(data.quotes.nodes).toHaveLength(1);
  });

  it('answers a standalone operation function on a bare transport like the client method', async () => {
    const transport = createTransport({ url: server.url, retries: 0 });
    const speaker = await mosseriId();
    const standalone = await quotes(transport, { speaker, first: 5 });
    const viaClient = await client.quotes({ speaker, first: 5 });
    expect(standalone.quotes.totalCount).toBe(3);
    expect(standalone).toEqual(viaClient);
  });
});
