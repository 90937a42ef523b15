import { post } from '../testkit/graphql';
import {
  createStorage,
  startServer,
  type ServerProcess,
  type ServerStorage,
} from '../testkit/server';

const SAMPLE = `{
  articles {
    totalCount
    nodes {
      headline
      quotes(direct: true) { nodes { speaker { name } channel via { name } } }
      deadlines { nodes { dueOn setBy { name } subject { name } } }
    }
  }
}`;

interface Sample {
  articles: {
    totalCount: number;
    nodes: {
      headline: string;
      quotes: {
        nodes: {
          speaker: { name: string };
          channel: string | null;
          via: { name: string } | null;
        }[];
      };
      deadlines: { nodes: { dueOn: string; setBy: { name: string }; subject: { name: string } }[] };
    }[];
  };
}

let storage: ServerStorage;
let server: ServerProcess | undefined;

beforeAll(async () => {
  storage = await createStorage();
});
afterAll(async () => {
  await server?.stop();
  await storage.dispose();
});

describe('the server process', () => {
  it('starts with the sample article loaded and serves it over HTTP', async () => {
    server = await startServer(storage);
    const response = await post<Sample>(server.url, SAMPLE);
    expect(response.status).toBe(200);
    const articles = response.body.data!.articles;
    expect(articles.totalCount).toBe(1);
    const [article] = articles.nodes;
    expect(article!.headline).toBe("TikTok rejects Microsoft's offer for its US operations");
    expect(
      article!.quotes.nodes.map(
        (quote) => `${quote.speaker.name}|${quote.channel}|${quote.via?.name}`,
      ),
    ).toEqual([
      'Microsoft|STATEMENT|Agence France-Presse',
      'Microsoft|STATEMENT|Agence France-Presse',
      'Adam Mosseri|INTERVIEW|CNBC',
      'Adam Mosseri|INTERVIEW|CNBC',
      'Government of China|null|undefined',
      'Ministry of Foreign Affairs of China|PRESS_BRIEFING|Xinhua News Agency',
    ]);
    expect(article!.deadlines.nodes).toEqual([
      { dueOn: '2020-09-20', setBy: { name: 'Donald Trump' }, subject: { name: 'ByteDance' } },
    ]);
  });

  it('answers /health and /ready', async () => {
    const health = await fetch(`${server!.origin}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server!.origin}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
  });

  it('echoes a request id, or makes one', async () => {
    const given = await post(server!.url, '{ __typename }', undefined, {
      'x-request-id': 'trace-123',
    });
    expect(given.headers.get('x-request-id')).toBe('trace-123');
    const made = await post(server!.url, '{ __typename }');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('finishes a request in flight when told to stop, then exits cleanly', async () => {
    const inFlight = post<Sample>(server!.url, SAMPLE);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const exitCode = await server!.stop();
    const response = await inFlight;
    expect(response.body.data!.articles.totalCount).toBe(1);
    expect(exitCode).toBe(0);
    server = undefined;
  });

  it('keeps its data across a restart without loading the sample twice', async () => {
    server = await startServer(storage);
    const response = await post<Sample>(
      server.url,
      '{ articles { totalCount } entities { totalCount } }',
    );
    expect(response.body.data).toEqual({
      articles: { totalCount: 1 },
      entities: { totalCount: 19 },
    });
  });
});
