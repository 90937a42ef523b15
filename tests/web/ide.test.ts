// The query IDE the server serves at /graphql to browsers: bundled, so it works with no network
// beyond the server itself.
import type { Page } from 'playwright-core';
import { createKey } from '../testkit/cli';
import { post } from '../testkit/graphql';
import {
  createStorage,
  serverForSuite,
  startServer,
  type ServerProcess,
  type ServerStorage,
} from '../testkit/server';
import {
  ensureWebBuild,
  launchBrowser,
  screenshot,
  seriousViolations,
  type Browser,
} from './browser';

const server = serverForSuite();
let browser: Browser;

beforeAll(async () => {
  ensureWebBuild();
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

async function setEditor(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(`${selector} .CodeMirror`).waitFor({ state: 'attached' });
  await page.evaluate(
    ([target, value]) => {
      const editor = document.querySelector(`${target} .CodeMirror`) as unknown as {
        CodeMirror: { setValue(value: string): void };
      };
      editor.CodeMirror.setValue(value);
    },
    [selector, text] as const,
  );
}

async function runQuery(page: Page, query: string): Promise<string> {
  await setEditor(page, '.graphiql-query-editor', query);
  await page.getByRole('button', { name: /Execute query/ }).click();
  const result = page.locator('.result-window');
  await result.getByText('"totalCount"').waitFor();
  return (await result.textContent()) ?? '';
}

describe('the query IDE at /graphql', () => {
  test('a browser gets GraphiQL, which runs a query with every request to anything but the server blocked', async () => {
    const page = await browser.context.newPage();
    await page.goto(server().url);
    const text = await runQuery(page, '{ articles { totalCount nodes { headline } } }');
    expect(text).toContain("TikTok rejects Microsoft's offer for its US operations");
    expect(text).toMatch(/"totalCount":\s*1/);
    // A place for the API key.
    await expect(page.getByRole('button', { name: 'Headers' }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'ide');

    // The schema's documentation, from introspection.
    await page.getByRole('button', { name: /Show Documentation Explorer/ }).click();
    await page
      .locator('.graphiql-doc-explorer')
      .getByText('Query', { exact: true })
      .first()
      .click();
    await page
      .locator('.graphiql-doc-explorer')
      .getByText('upcomingDeadlines', { exact: true })
      .first()
      .waitFor();
    await screenshot(page, 'ide-docs');
    expect(await seriousViolations(page)).toEqual([]);
    expect(browser.blocked).toEqual([]);
    await page.close();
  });

  test('API clients still get GraphQL at the same URL', async () => {
    const response = await fetch(
      `${server().url}?query=${encodeURIComponent('{ articles { totalCount } }')}`,
      {
        headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
      },
    );
    await expect(response.json()).resolves.toMatchObject({ data: { articles: { totalCount: 1 } } });
    const landing = await fetch(server().url, { headers: { accept: '*/*' } });
    expect(landing.headers.get('content-type')).not.toMatch(/text\/html/);
  });
});

describe('with DATELINE_IDE=false', () => {
  const noIde = serverForSuite({ DATELINE_IDE: 'false' });

  test('a browser gets no IDE and no CDN page, while the app is still served at /', async () => {
    const ide = await fetch(noIde().url, { headers: { accept: 'text/html' } });
    expect(ide.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect(await ide.text()).not.toMatch(/graphiql|apollo.*sandbox|cdn/i);
    const file = await fetch(`${noIde().origin}/ide.html`, { headers: { accept: 'text/html' } });
    expect(file.status).toBe(404);
    const app = await fetch(`${noIde().origin}/`, { headers: { accept: 'text/html' } });
    expect(app.status).toBe(200);
    await expect(app.text()).resolves.toContain('<title>Newsroom · Dateline</title>');
  });
});

describe('subscriptions in the query IDE', () => {
  let storage: ServerStorage;
  let live: ServerProcess;
  let editorKey: string;

  beforeAll(async () => {
    storage = await createStorage();
    // The embedded database takes one process at a time: make the key before the server opens it.
    editorKey = await createKey(storage, 'editor', 'ide desk');
    live = await startServer(storage);
  }, 240_000);

  afterAll(async () => {
    await live?.stop();
    await storage?.dispose();
  });

  const CREATE = `mutation ($input: CreateArticleInput!) {
    createArticle(input: $input) { created }
  }`;

  async function until(check: () => boolean, what: string): Promise<void> {
    for (let waited = 0; !check(); waited += 50) {
      if (waited > 60_000) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  test("an anonymous and a named subscription run over the WebSocket with the Headers pane's key, and show the article a write over HTTP stores", async () => {
    const page = await browser.context.newPage();
    const sent: string[] = [];
    const overHttp: string[] = [];
    page.on('request', (request) => {
      const body = request.postData();
      if (body && /^\s*subscription\b/.test((JSON.parse(body) as { query?: string }).query ?? ''))
        overHttp.push(body);
    });
    page.on('websocket', (socket) => {
      socket.on('framesent', (frame) => sent.push(String(frame.payload)));
    });
    await page.goto(live.url);
    await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
    await page.getByRole('button', { name: 'Headers' }).click();
    const headers = '.graphiql-editor-tool .graphiql-editor:nth-child(2)';
    const result = page.locator('.result-window');

    // The key typed in Headers is what the socket presents: a wrong one is refused by name.
    await setEditor(page, headers, '{ "Authorization": "Bearer dl_not-a-key" }');
    await setEditor(page, '.graphiql-query-editor', 'subscription { articleCreated { headline } }');
    await page.getByRole('button', { name: /Execute query/ }).click();
    await result
      .getByText(/4403 UNAUTHENTICATED: The API key is not valid/)
      .first()
      .waitFor();

    await setEditor(page, headers, JSON.stringify({ Authorization: `Bearer ${editorKey}` }));
    const runs = [
      { query: 'subscription { articleCreated { headline } }', headline: 'Port strike ends' },
      {
        query: 'subscription NewArticles { articleCreated(search: "ferry") { headline } }',
        headline: 'Ferry timetable restored',
      },
    ];
    for (const [index, run] of runs.entries()) {
      const before = sent.length;
      await setEditor(page, '.graphiql-query-editor', run.query);
      await page.getByRole('button', { name: /Execute query/ }).click();
      const subscribed = (): boolean =>
        sent.slice(before).some((frame) => {
          const message = JSON.parse(frame) as { type: string; payload?: { query?: string } };
          return message.type === 'subscribe' && message.payload?.query === run.query;
        });
      // The socket has been accepted (graphql-ws subscribes only after connection_ack) and the
      // server takes one socket's messages in order, ahead of the write that follows.
      await until(subscribed, 'the IDE to subscribe over its WebSocket');
      const init = sent.findLast((frame) => frame.includes('"connection_init"'));
      expect(JSON.parse(init ?? '{}')).toEqual({
        type: 'connection_init',
        payload: { Authorization: `Bearer ${editorKey}` },
      });

      const stored = await post<{ createArticle: { created: boolean } }>(
        live.url,
        CREATE,
        {
          input: {
            headline: run.headline,
            body: `${run.headline}: the harbour board said the ferry and the quay reopen on Monday (report ${index}).`,
            publishedAt: '2024-04-02T08:00:00Z',
          },
        },
        { authorization: `Bearer ${editorKey}` },
      );
      expect(stored.body.errors).toBeUndefined();
      await result.getByText(run.headline).waitFor();
      const shown = (await result.textContent()) ?? '';
      expect(shown).toMatch(
        new RegExp(`"articleCreated":\\s*\\{\\s*"headline":\\s*"${run.headline}"`),
      );
      expect(shown).not.toContain('"errors"');
      if (index === 0) await screenshot(page, 'ide-subscription');
      await page.getByRole('button', { name: /Stop query/ }).click();
    }
    expect(overHttp).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    expect(browser.blocked).toEqual([]);
    await page.close();
  });
});
