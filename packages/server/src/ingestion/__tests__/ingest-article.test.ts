import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { entities } from '../../db/schema';
import { tableCounts } from '../../testing/table-counts';
import { createTestApi, errorCodes, viewers, type TestApi } from '../../testing/test-api';

const fixture = readFileSync(
  join(__dirname, '../../../fixtures/articles-tiktok-2020-09-14.txt'),
  'utf8',
);

const INGEST = /* GraphQL */ `
  mutation ($input: IngestArticleInput!) {
    ingestArticle(input: $input) {
      created
      dryRun
      article {
        id
        headline
        quotes(direct: true) {
          totalCount
          nodes {
            speaker {
              name
            }
          }
        }
        deadlines {
          nodes {
            dueOn
            setBy {
              name
            }
            subject {
              name
            }
          }
        }
      }
      extraction {
        headline
        headlineDerived
        body
        publishedAt
        datelines
        entities {
          name
          kind
          entity {
            id
            name
          }
        }
        quotes {
          text
          direct
          span {
            start
            end
          }
          speaker {
            name
          }
          channel
          via {
            name
          }
          confidence
          evidence {
            start
            end
          }
          stored
        }
        deadlines {
          dueOn
          status
          setBy {
            name
          }
          subject {
            name
          }
          consequence
          confidence
          evidence {
            start
            end
          }
          stored
        }
      }
    }
  }
`;

interface Named {
  name: string;
}
interface Span {
  start: number;
  end: number;
}
interface Ingested {
  ingestArticle: {
    created: boolean;
    dryRun: boolean;
    article: {
      id: string;
      headline: string;
      quotes: { totalCount: number; nodes: { speaker: Named }[] };
      deadlines: { nodes: { dueOn: string; setBy: Named | null; subject: Named }[] };
    } | null;
    extraction: {
      headline: string;
      headlineDerived: boolean;
      body: string;
      publishedAt: string;
      datelines: string[];
      entities: { name: string; kind: string; entity: { id: string; name: string } | null }[];
      quotes: {
        text: string;
        direct: boolean;
        span: Span;
        speaker: Named | null;
        channel: string | null;
        via: Named | null;
        confidence: number;
        evidence: Span;
        stored: boolean;
      }[];
      deadlines: {
        dueOn: string;
        status: string;
        setBy: Named | null;
        subject: Named | null;
        consequence: string | null;
        confidence: number;
        evidence: Span;
        stored: boolean;
      }[];
    };
  };
}

const SIX_DIRECT_QUOTES = [
  {
    opens: 'ByteDance let us kno',
    speaker: 'Microsoft',
    channel: 'STATEMENT',
    via: 'Agence France-Presse',
  },
  {
    opens: 'We are confident our',
    speaker: 'Microsoft',
    channel: 'STATEMENT',
    via: 'Agence France-Presse',
  },
  { opens: 'the risks of a fragm', speaker: 'Adam Mosseri', channel: 'INTERVIEW', via: 'CNBC' },
  { opens: 'If countries start t', speaker: 'Adam Mosseri', channel: 'INTERVIEW', via: 'CNBC' },
  { opens: 'coercive robbery', speaker: 'Government of China', channel: null, via: null },
  {
    opens: 'The tricks of econom',
    speaker: 'Ministry of Foreign Affairs of China',
    channel: 'PRESS_BRIEFING',
    via: 'Xinhua News Agency',
  },
];

function directQuotes(result: Ingested) {
  return result.ingestArticle.extraction.quotes
    .filter((quote) => quote.direct)
    .map((quote) => ({
      opens: quote.text.slice(0, 20),
      speaker: quote.speaker?.name,
      channel: quote.channel,
      via: quote.via?.name ?? null,
    }));
}

describe('ingestArticle on a fresh database', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ sample: false });
  });
  afterAll(() => api.dispose());

  it('on a dry run returns the six direct quotes and the deadline of the sample text, and writes nothing', async () => {
    const before = await tableCounts(api.database.handle.db);
    const result = await api.execute<Ingested>(
      INGEST,
      { input: { text: fixture, dryRun: true } },
      viewers.editor,
    );
    expect(result.errors).toBeUndefined();
    const { created, dryRun, article, extraction } = result.data!.ingestArticle;
    expect({ created, dryRun, article }).toEqual({ created: false, dryRun: true, article: null });
    expect(directQuotes(result.data!)).toEqual(SIX_DIRECT_QUOTES);
    expect(extraction.deadlines).toEqual([
      expect.objectContaining({
        dueOn: '2020-09-20',
        status: 'PENDING',
        setBy: { name: 'Donald Trump' },
        subject: { name: 'ByteDance' },
        consequence: 'the complete ban',
        stored: true,
      }),
    ]);
    expect(extraction.publishedAt).toBe('2020-09-14T00:00:00.000Z');
    expect(extraction.datelines).toEqual(['New York', 'Beijing']);
    expect(await tableCounts(api.database.handle.db)).toEqual(before);
  });

  it('gives every quote a confidence and spans that point into the body', async () => {
    const result = await api.execute<Ingested>(
      INGEST,
      { input: { text: fixture, dryRun: true } },
      viewers.editor,
    );
    const { body, quotes } = result.data!.ingestArticle.extraction;
    for (const quote of quotes) {
      expect([...body].slice(quote.span.start, quote.span.end).join('')).toBe(quote.text);
      expect(quote.evidence.start).toBeLessThanOrEqual(quote.span.start);
      expect(quote.evidence.end).toBeGreaterThanOrEqual(quote.span.end);
      expect(quote.confidence).toBeGreaterThan(0);
      expect(quote.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('derives the headline from the first sentence when none is given', async () => {
    const result = await api.execute<Ingested>(
      INGEST,
      { input: { text: fixture, dryRun: true } },
      viewers.editor,
    );
    const { headline, headlineDerived } = result.data!.ingestArticle.extraction;
    expect(headlineDerived).toBe(true);
    expect(headline).toBe(
      "Software major Microsoft in a statement Sunday said TikTok has rejected its offer to purchase the short video app maker's US operations.",
    );
  });

  it('stores the article with its quotes and deadline, and stores nothing new the second time', async () => {
    const first = await api.execute<Ingested>(INGEST, { input: { text: fixture } }, viewers.editor);
    expect(first.errors).toBeUndefined();
    const stored = first.data!.ingestArticle;
    expect(stored.created).toBe(true);
    expect(stored.article!.quotes.totalCount).toBe(6);
    expect(stored.article!.quotes.nodes.map((quote) => quote.speaker.name)).toEqual(
      SIX_DIRECT_QUOTES.map((quote) => quote.speaker),
    );
    expect(stored.article!.deadlines.nodes).toEqual([
      { dueOn: '2020-09-20', setBy: { name: 'Donald Trump' }, subject: { name: 'ByteDance' } },
    ]);

    const before = await tableCounts(api.database.handle.db);
    expect(before.articles).toBe(1);
    const second = await api.execute<Ingested>(
      INGEST,
      { input: { text: fixture } },
      viewers.editor,
    );
    expect(second.errors).toBeUndefined();
    expect(second.data!.ingestArticle.created).toBe(false);
    expect(second.data!.ingestArticle.article!.id).toBe(stored.article!.id);
    expect(await tableCounts(api.database.handle.db)).toEqual(before);
  });

  it('stores a quote whose speaker it cannot find as unattributed, with its confidence', async () => {
    const text =
      'Workers gathered outside the Harbor Shipping plant on Monday. "We are not leaving," one of them shouted. The plant closes in May.';
    const result = await api.execute<{
      ingestArticle: {
        article: { id: string };
        extraction: { quotes: { text: string; stored: boolean; confidence: number }[] };
      };
    }>(
      `mutation ($input: IngestArticleInput!) {
        ingestArticle(input: $input) {
          article { id }
          extraction { quotes { text stored confidence } }
        }
      }`,
      {
        input: { text, publishedAt: '2024-04-01T08:00:00Z', headline: 'Workers refuse to leave' },
      },
      viewers.editor,
    );
    expect(result.errors).toBeUndefined();
    const { article, extraction } = result.data!.ingestArticle;
    const extracted = extraction.quotes.find((quote) => quote.text === 'We are not leaving,');
    expect(extracted).toMatchObject({ stored: true });

    const listed = await api.execute<{
      quotes: { nodes: { text: string; speaker: null | { name: string }; confidence: number }[] };
    }>(
      `query ($article: ID!) {
        quotes(article: $article, attributed: false) { nodes { text speaker { name } confidence } }
      }`,
      { article: article.id },
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.quotes.nodes).toEqual([
      { text: 'We are not leaving,', speaker: null, confidence: extracted!.confidence },
    ]);
  });

  it('refuses plain text without publishedAt, naming the field', async () => {
    const result = await api.execute(
      INGEST,
      { input: { text: 'The council said on Monday it would vote "as soon as we can".' } },
      viewers.editor,
    );
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    const fields = result.errors![0]!.extensions['fields'] as { path: unknown[] }[];
    expect(fields.map((field) => field.path)).toEqual([['input', 'publishedAt']]);
  });

  it('reads plain text against the publishedAt it is given', async () => {
    const result = await api.execute<Ingested>(
      INGEST,
      {
        input: {
          text: 'Harbor Shipping said on Monday it would leave the quay. "We will be out in time," the company said.',
          publishedAt: '2024-04-03T09:30:00Z',
          headline: 'Harbor Shipping to leave the quay',
          dryRun: true,
        },
      },
      viewers.editor,
    );
    expect(result.errors).toBeUndefined();
    const { extraction } = result.data!.ingestArticle;
    expect(extraction.headlineDerived).toBe(false);
    expect(extraction.publishedAt).toBe('2024-04-03T09:30:00.000Z');
    expect(extraction.quotes.filter((quote) => quote.direct).map((quote) => quote.text)).toEqual([
      'We will be out in time,',
    ]);
  });

  it('refuses a publishedAt on another day than the text header says', async () => {
    const result = await api.execute(
      INGEST,
      { input: { text: fixture, publishedAt: '2021-01-01T00:00:00Z', dryRun: true } },
      viewers.editor,
    );
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    const fields = result.errors![0]!.extensions['fields'] as { path: unknown[] }[];
    expect(fields[0]!.path).toEqual(['input', 'publishedAt']);
  });

  it('is forbidden to a reader key', async () => {
    const before = await tableCounts(api.database.handle.db);
    const result = await api.execute(INGEST, { input: { text: fixture } }, viewers.reader);
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    expect(await tableCounts(api.database.handle.db)).toEqual(before);
  });
});

describe('ingestArticle next to stored entities', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.dispose());

  it('links what it finds to the stored entities instead of creating them again', async () => {
    const dry = await api.execute<Ingested>(
      INGEST,
      { input: { text: fixture, dryRun: true } },
      viewers.editor,
    );
    expect(dry.errors).toBeUndefined();
    const linked = dry.data!.ingestArticle.extraction.entities.filter((e) => e.entity !== null);
    expect(linked.map((entity) => entity.entity!.name)).toEqual(
      expect.arrayContaining(['Microsoft', 'ByteDance', 'Adam Mosseri', 'Donald Trump']),
    );

    // With a URL of its own the text is a new (syndicated) copy, so the write path runs.
    const stored = await api.execute<Ingested>(
      INGEST,
      { input: { text: fixture, url: 'https://news.example/tiktok-rejects-microsoft' } },
      viewers.editor,
    );
    expect(stored.data!.ingestArticle.created).toBe(true);
    const rows = await api.database.handle.db
      .select({ name: entities.name, kind: entities.kind })
      .from(entities);
    const names = rows.map((row) => `${row.kind} ${row.name.toLowerCase()}`);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
  });
});

describe('ingestArticle of text already stored by another path', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.dispose());

  it('recognises the loaded sample by its text and returns it instead of storing a second copy', async () => {
    const sample = await api.execute<{ articles: { nodes: { id: string; headline: string }[] } }>(
      `{ articles(first: 5) { nodes { id headline } } }`,
    );
    expect(sample.data!.articles.nodes).toHaveLength(1);
    const before = await tableCounts(api.database.handle.db);

    const ingested = await api.execute<Ingested>(
      INGEST,
      { input: { text: fixture } },
      viewers.editor,
    );
    expect(ingested.errors).toBeUndefined();
    expect(ingested.data!.ingestArticle.created).toBe(false);
    expect(ingested.data!.ingestArticle.article!.id).toBe(sample.data!.articles.nodes[0]!.id);
    expect(ingested.data!.ingestArticle.article!.headline).toBe(
      sample.data!.articles.nodes[0]!.headline,
    );
    expect(await tableCounts(api.database.handle.db)).toEqual(before);
  });
});
