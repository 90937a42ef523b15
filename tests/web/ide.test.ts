// The query IDE the server serves at /graphql to browsers: bundled, so it works with no network
// beyond the server itself.
import type { Page } from 'playwright-core';
import { serverForSuite } from '../testkit/server';
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

async function runQuery(page: Page, query: string): Promise<string> {
  await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
  await page.evaluate((text) => {
    const editor = document.querySelector('.graphiql-query-editor .CodeMirror') as unknown as {
      CodeMirror: { setValue(value: string): void };
    };
    editor.CodeMirror.setValue(text);
  }, query);
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
