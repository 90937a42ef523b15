// Concurrent writers for fault-injection runs (tests/postgres, bench/db-restart.ts): each creates
// articles through HTTP until told to stop, and every answer is classified as a client sees it.
// Afterwards the database is asked whether every acknowledged write is there and whether any
// write is there only in part.
import { Client } from 'pg';

export type OutcomeKind = 'ok' | 'unavailable' | 'other';

export interface Outcome {
  kind: OutcomeKind;
  /** The article URL the write used: unique per write, so the database can be asked about it. */
  url: string;
  startedAt: number;
  endedAt: number;
  /** For `other`: what came back, to print in a failure. */
  detail?: string;
}

const CREATE = `mutation ($input: CreateArticleInput!) {
  createArticle(input: $input) { created article { id } }
}`;

const URL_PREFIX = 'https://news.example/outage/';

/** An article with one quote and one deadline whose speaker and parties are new entities. */
function articleInput(tag: string): Record<string, unknown> {
  const speaker = `Outage speaker ${tag}`;
  return {
    headline: `Quay deadline ${tag}`,
    body: `The port authority gave ${speaker} until May 1 to clear the quay. "We will be out in time," ${speaker} said.`,
    publishedAt: '2024-04-02T08:00:00Z',
    url: `${URL_PREFIX}${tag}`,
    quotes: [
      {
        text: 'We will be out in time,',
        direct: true,
        speaker: { name: speaker, kind: 'ORGANIZATION' },
        channel: 'STATEMENT',
      },
    ],
    deadlines: [
      {
        description: `${speaker} must clear the quay`,
        dueOn: '2024-05-01',
        subject: { name: speaker, kind: 'ORGANIZATION' },
        setBy: { name: `Outage authority ${tag}`, kind: 'GOVERNMENT' },
      },
    ],
  };
}

interface Answer {
  data?: { createArticle?: { created: boolean } } | null;
  errors?: { extensions?: { code?: unknown } }[];
}

async function writeOnce(graphqlUrl: string, apiKey: string, tag: string): Promise<Outcome> {
  const input = articleInput(tag);
  const url = input['url'] as string;
  const startedAt = Date.now();
  const outcome = (kind: OutcomeKind, detail?: string): Outcome => ({
    kind,
    url,
    startedAt,
    endedAt: Date.now(),
    ...(detail !== undefined && { detail }),
  });
  let status: number;
  let retryAfter: string | null;
  let text: string;
  try {
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ query: CREATE, variables: { input } }),
      signal: AbortSignal.timeout(120_000),
    });
    status = response.status;
    retryAfter = response.headers.get('retry-after');
    text = await response.text();
  } catch (error) {
    return outcome('other', `no answer: ${error instanceof Error ? error.message : String(error)}`);
  }
  let answer: Answer;
  try {
    answer = JSON.parse(text) as Answer;
  } catch {
    return outcome('other', `HTTP ${status}, not JSON: ${text.slice(0, 200)}`);
  }
  const codes = (answer.errors ?? []).map((error) => error.extensions?.code);
  if (status === 200 && codes.length === 0 && answer.data?.createArticle?.created === true) {
    return outcome('ok');
  }
  if (
    status === 503 &&
    Number(retryAfter) > 0 &&
    codes.length > 0 &&
    codes.every((code) => code === 'SERVICE_UNAVAILABLE')
  ) {
    return outcome('unavailable');
  }
  return outcome('other', `HTTP ${status}, Retry-After ${retryAfter}: ${text.slice(0, 300)}`);
}

export interface WriteLoadOptions {
  graphqlUrl: string;
  apiKey: string;
  writers: number;
  /** Writers stop starting new writes once this returns true. */
  done: () => boolean;
  /** Makes the write URLs unique across runs on one database. */
  runTag: string;
}

/** Runs `writers` loops of one write at a time until `done()`; resolves with every outcome. */
export async function runWriters(options: WriteLoadOptions): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  await Promise.all(
    Array.from({ length: options.writers }, async (_, writer) => {
      for (let n = 0; !options.done(); n += 1) {
        const result = await writeOnce(
          options.graphqlUrl,
          options.apiKey,
          `${options.runTag}-${writer}-${n}`,
        );
        outcomes.push(result);
        // Not the full Retry-After: the point is to see when writes work again.
        if (result.kind !== 'ok') await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }),
  );
  return outcomes;
}

/** Writes once every second until one succeeds or `timeoutMs` passes; the successful outcome. */
export async function firstSuccessfulWrite(
  graphqlUrl: string,
  apiKey: string,
  runTag: string,
  timeoutMs: number,
): Promise<Outcome | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (let n = 0; Date.now() < deadline; n += 1) {
    const result = await writeOnce(graphqlUrl, apiKey, `${runTag}-after-${n}`);
    if (result.kind === 'ok') return result;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return undefined;
}

export interface StoredWrites {
  /** Acknowledged writes the database does not have. */
  lost: string[];
  /** Articles stored without their quote or deadline, or entities stored without their article. */
  partial: string[];
}

/** Asks the database about the writes of `outcomes`. */
export async function checkStoredWrites(
  databaseUrl: string,
  outcomes: Outcome[],
): Promise<StoredWrites> {
  const client = new Client({ connectionString: databaseUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const acknowledged = outcomes.filter((outcome) => outcome.kind === 'ok').map((o) => o.url);
    const { rows: stored } = await client.query<{ url: string }>(
      'select url from articles where url = any($1::text[])',
      [acknowledged],
    );
    const storedUrls = new Set(stored.map((row) => row.url));
    const { rows: partial } = await client.query<{ what: string }>(
      `select 'article ' || a.url as what from articles a
        where a.url like $1
          and ((select count(*) from quotes q where q.article_id = a.id) <> 1
            or (select count(*) from deadlines d where d.article_id = a.id) <> 1)
       union all
       select 'entity ' || e.name from entities e
        where e.name like 'Outage %'
          and not exists (
            select 1 from articles a
             where a.url = $2 || regexp_replace(e.name, '^Outage (speaker|authority) ', ''))`,
      [`${URL_PREFIX}%`, URL_PREFIX],
    );
    return {
      lost: acknowledged.filter((url) => !storedUrls.has(url)),
      partial: partial.map((row) => row.what),
    };
  } finally {
    await client.end();
  }
}
