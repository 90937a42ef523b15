// The Newsroom example app in a real browser, against the real server on the sample article.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { createKey } from '../testkit/cli';
import { clientFor } from '../testkit/sdk';
import {
  createStorage,
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

const sampleText = readFileSync(
  path.join(
    __dirname,
    '..',
    '..',
    'packages',
    'server',
    'fixtures',
    'articles-tiktok-2020-09-14.txt',
  ),
  'utf8',
);

let storage: ServerStorage;
let server: ServerProcess;
let browser: Browser;
let editorKey: string;
let page: Page;

beforeAll(async () => {
  ensureWebBuild();
  storage = await createStorage();
  // The embedded database takes one process at a time: make the key before the server opens it.
  editorKey = await createKey(storage, 'editor', 'newsroom desk');
  server = await startServer(storage);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await storage?.dispose();
});

beforeEach(async () => {
  page = await browser.context.newPage();
});

afterEach(async () => {
  await page.close();
});

async function open(pathname: string): Promise<void> {
  await page.goto(`${server.origin}${pathname}`);
}

describe('the Newsroom app served at /', () => {
  test('the feed lists the sample TikTok article with its date and place', async () => {
    await open('/');
    const headline = page.getByRole('link', {
      name: "TikTok rejects Microsoft's offer for its US operations",
    });
    await headline.waitFor();
    await expect(page.getByRole('list', { name: 'Articles' }).textContent()).resolves.toContain(
      '14 September 2020',
    );
    await expect(page.getByText('1 article', { exact: true }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'feed');
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('full-text search shows the matching article with its highlighted snippet, and says so when nothing matches', async () => {
    await open('/');
    await page.getByLabel('Search the full text').fill('fragmented Internet');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('heading', { name: 'Articles matching “fragmented Internet”' }).waitFor();
    await expect(page.locator('.snippet mark').first().textContent()).resolves.toMatch(
      /fragment|internet/i,
    );

    await page.getByLabel('Search the full text').fill('zeppelin');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('No articles match.').waitFor();
  });

  test('searching "Mosery" reaches Adam Mosseri\'s page with his two direct quotes', async () => {
    await open('/');
    await page.getByLabel('Find a person, company or outlet').fill('Mosery');
    await page.getByLabel('Find a person, company or outlet').press('Enter');
    await page.getByRole('link', { name: 'Adam Mosseri' }).click();
    await page.getByRole('heading', { level: 1, name: 'Adam Mosseri' }).waitFor();
    const direct = page.getByRole('list', { name: /In their own words/ }).getByRole('listitem');
    await direct.first().waitFor();
    expect(await direct.count()).toBe(2);
    const texts = await direct.locator('blockquote').allTextContents();
    expect(texts.join(' ')).toContain('the risks of a fragmented Internet');
    expect(await direct.first().textContent()).toContain('via CNBC');
    // Coverage: one article, in September 2020, the last of the twelve months charted.
    const chart = page.getByRole('img', { name: /Articles per month/ });
    await chart.waitFor();
    expect(await chart.getAttribute('aria-label')).toMatch(/Oct 19 to Sep 20: 1 in all/);
    const bars = await page
      .locator('.coverage rect.bar')
      .evaluateAll((rects) => rects.map((rect) => Number(rect.getAttribute('data-count'))));
    expect(bars).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    await screenshot(page, 'entity');
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the article page highlights its six direct quotes in the body, coloured and labelled by speaker', async () => {
    await open('/');
    await page
      .getByRole('link', { name: "TikTok rejects Microsoft's offer for its US operations" })
      .click();
    await page
      .getByRole('heading', {
        level: 1,
        name: "TikTok rejects Microsoft's offer for its US operations",
      })
      .waitFor();
    const direct = page.locator('.body-text mark.quote[data-direct="true"]');
    await direct.first().waitFor();
    expect(await direct.count()).toBe(6);
    const speakers = await direct.evaluateAll((marks) =>
      marks.map((mark) => mark.getAttribute('data-speaker')),
    );
    expect(speakers).toEqual([
      'Microsoft',
      'Microsoft',
      'Adam Mosseri',
      'Adam Mosseri',
      'Government of China',
      'Ministry of Foreign Affairs of China',
    ]);
    // The highlighted text is exactly the quote: spans are code points, converted correctly.
    const mosseri = direct.nth(2);
    expect(await mosseri.evaluate((mark) => mark.firstChild?.textContent)).toBe(
      'the risks of a fragmented Internet',
    );
    const colours = await direct.evaluateAll((marks) =>
      marks.map((mark) => getComputedStyle(mark).backgroundColor),
    );
    expect(colours[0]).toBe(colours[1]);
    expect(colours[0]).not.toBe(colours[2]);
    // Hovering shows who said it, how, and via which outlet.
    await mosseri.hover();
    const tip = mosseri.getByRole('tooltip');
    await expect(tip.isVisible()).resolves.toBe(true);
    await expect(tip.textContent()).resolves.toMatch(/Adam Mosseri.*interview.*via CNBC/);
    // Entities are linked to their pages.
    await expect(
      page.getByRole('complementary').getByRole('link', { name: 'ByteDance' }).getAttribute('href'),
    ).resolves.toMatch(/^\/entities\//);
    await screenshot(page, 'article');
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the deadline tracker shows the 2020-09-20 deadline set by Donald Trump, with its history', async () => {
    await open('/deadlines');
    const card = page.locator('.deadline-card', { hasText: '2020-09-20' });
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain('set by Donald Trump');
    await expect(card.locator('.countdown').textContent()).resolves.toMatch(/ago$/);
    await page.getByLabel('Count down from').fill('2020-09-14');
    await expect(card.locator('.countdown').textContent()).resolves.toBe('due in 6 days 23 h');
    await card.getByText('History of changes').click();
    await card
      .locator('.history')
      .getByText(/First reported in/)
      .waitFor();
    await screenshot(page, 'deadlines');
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the deadline tracker shows a deadline reported meanwhile without a reload', async () => {
    await open('/deadlines');
    await page.locator('.deadline-card', { hasText: '2020-09-20' }).waitFor();
    await page
      .getByRole('status')
      .getByText(/changes appear here/)
      .waitFor();
    const client = clientFor(server, { apiKey: editorKey });
    const { articles } = await client.articles({ first: 1 });
    await client.createDeadline({
      input: {
        article: articles.nodes[0]!.id,
        description: 'Oracle must close its TikTok deal',
        dueOn: '2020-10-01',
        subject: { name: 'Oracle', kind: 'ORGANIZATION' },
      },
    });
    await page
      .locator('.deadline-card', { hasText: 'Oracle must close its TikTok deal' })
      .waitFor();
    await expect(page.getByRole('status').textContent()).resolves.toContain(
      'new, Oracle must close its TikTok deal',
    );
  });

  test('the ingest page previews the extraction highlighted in the text, then stores the article with an editor key', async () => {
    await open('/ingest');
    await page.getByLabel('Article text').fill(sampleText);
    await page.getByLabel('Editor API key').fill('not-a-key');
    await page.getByRole('button', { name: 'Preview the extraction' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('UNAUTHENTICATED');

    await page.getByLabel('Editor API key').fill(editorKey);
    await page.getByRole('button', { name: 'Preview the extraction' }).click();
    await page.getByRole('heading', { name: 'What Dateline found' }).waitFor();
    const direct = page.locator('.preview mark.quote[data-direct="true"]');
    expect(await direct.count()).toBe(6);
    await expect(direct.nth(2).evaluate((mark) => mark.firstChild?.textContent)).resolves.toBe(
      'the risks of a fragmented Internet',
    );
    // One deadline; a quote inside its evidence splits its highlight into pieces.
    const deadlines = await page
      .locator('.preview mark.deadline')
      .evaluateAll((marks) => [...new Set(marks.map((mark) => mark.getAttribute('data-speaker')))]);
    expect(deadlines).toEqual(['Deadline 2020-09-20']);
    await screenshot(page, 'ingest');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Save the article' }).click();
    const saved = page.getByRole('status').filter({ hasText: /Stored|Already stored/ });
    await saved.waitFor();
    await saved.getByRole('link').click();
    await page.locator('.body-text mark.quote').first().waitFor();
    // The key stays for this tab only.
    await expect(page.evaluate(() => sessionStorage.getItem('dateline.apiKey'))).resolves.toBe(
      editorKey,
    );
  });

  test('an unknown article shows a designed empty state and a bad id shows the API code', async () => {
    await open('/articles/QXJ0aWNsZTo5OTk5');
    await page.getByText('This article does not exist (any more).').waitFor();
    await open('/articles/not-an-id');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('INVALID_ID');
  });

  test('scrolling to the end of the feed loads the next page on the cursor until every article is shown', async () => {
    const dateline = clientFor(server, { apiKey: editorKey });
    for (let day = 1; day <= 25; day += 1) {
      await dateline.createArticle({
        input: {
          headline: `Council briefing number ${day}`,
          body: `The city council met on day ${day} and published its minutes.`,
          publishedAt: new Date(Date.UTC(2021, 0, day)).toISOString(),
        },
      });
    }
    const { articles } = await dateline.articles({ first: 1 });
    await open('/');
    const cards = page.locator('.feed .card');
    await page.getByText(`${articles.totalCount} articles`, { exact: true }).waitFor();
    expect(await cards.count()).toBe(20);
    await page.locator('.feed .more').scrollIntoViewIfNeeded();
    await page.getByText('That is every article.').waitFor();
    expect(await cards.count()).toBe(articles.totalCount);
    expect(await cards.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining("TikTok rejects Microsoft's offer")]),
    );
  });

  test('the app made no request beyond the test server', () => {
    expect(browser.blocked).toEqual([]);
  });
});
