import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createKey } from '../testkit/cli';
import { post } from '../testkit/graphql';
import {
  createStorage,
  startServer,
  type ServerProcess,
  type ServerStorage,
} from '../testkit/server';

interface Received {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let storage: ServerStorage;
let server: ServerProcess;
let editorKey: string;
let adminKey: string;
let receiver: http.Server;
let receiverUrl: string;
const received: Received[] = [];

// A long timeout: keys are made with the CLI, each a process that opens the database, and the
// servers start from source; both are slow on a busy machine.
beforeAll(async () => {
  // An endpoint that fails twice, then accepts.
  receiver = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const status = received.length < 2 ? 500 : 204;
      received.push({ status, headers: request.headers, body });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/dateline`;
  storage = await createStorage();
  editorKey = await createKey(storage, 'editor', 'newsroom bot');
  adminKey = await createKey(storage, 'admin', 'ops');
  server = await startServer(storage, {
    DATELINE_WEBHOOK_INTERVAL_MS: '100',
    DATELINE_WEBHOOK_RETRY_BASE_MS: '100',
  });
}, 180_000);
afterAll(async () => {
  await server.stop();
  await storage.dispose();
  await new Promise((resolve) => receiver.close(resolve));
});

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('webhooks', () => {
  it('an endpoint that fails twice then succeeds accepts the event once, signed with its secret, and the delivery shows DELIVERED after 3 attempts', async () => {
    const created = await post<{
      createWebhook: { secret: string; webhook: { id: string; events: string[] } };
    }>(
      server.url,
      `mutation ($input: CreateWebhookInput!) {
        createWebhook(input: $input) { secret webhook { id events } }
      }`,
      { input: { url: receiverUrl, events: ['ARTICLE_CREATED'] } },
      bearer(adminKey),
    );
    expect(created.body.errors).toBeUndefined();
    const { secret, webhook } = created.body.data!.createWebhook;
    expect(webhook.events).toEqual(['ARTICLE_CREATED']);

    const article = await post<{ createArticle: { article: { id: string } } }>(
      server.url,
      'mutation ($input: CreateArticleInput!) { createArticle(input: $input) { article { id } } }',
      {
        input: {
          headline: 'Ferry service resumes',
          body: 'The ferry service resumed on Monday.',
          publishedAt: '2024-04-02T08:00:00Z',
        },
      },
      bearer(editorKey),
    );
    expect(article.body.errors).toBeUndefined();

    await until(() => received.some((delivery) => delivery.status === 204), 'a delivery');
    expect(received.map((delivery) => delivery.status)).toEqual([500, 500, 204]);
    const accepted = received[2]!;
    const timestamp = accepted.headers['x-dateline-timestamp'] as string;
    const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${accepted.body}`).digest('hex')}`;
    expect(accepted.headers['x-dateline-signature']).toBe(expected);
    expect(accepted.headers['x-dateline-event']).toBe('ARTICLE_CREATED');
    expect(JSON.parse(accepted.body)).toMatchObject({
      event: 'ARTICLE_CREATED',
      data: { article: article.body.data!.createArticle.article.id },
    });
    // Every attempt carried the same delivery.
    expect(new Set(received.map((delivery) => delivery.headers['x-dateline-delivery'])).size).toBe(
      1,
    );

    const status = await post<{
      webhooks: { deliveries: { status: string; attempts: number; lastStatusCode: number }[] }[];
    }>(
      server.url,
      '{ webhooks { deliveries { status attempts lastStatusCode } } }',
      {},
      bearer(adminKey),
    );
    expect(status.body.data?.webhooks[0]?.deliveries).toEqual([
      { status: 'DELIVERED', attempts: 3, lastStatusCode: 204 },
    ]);
  });

  it('registering a webhook needs the admin role and an http(s) URL', async () => {
    const mutation = `mutation ($input: CreateWebhookInput!) { createWebhook(input: $input) { secret } }`;
    const byEditor = await post(
      server.url,
      mutation,
      { input: { url: receiverUrl, events: ['QUOTE_CREATED'] } },
      bearer(editorKey),
    );
    expect(byEditor.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const badUrl = await post(
      server.url,
      mutation,
      { input: { url: 'file:///etc/passwd', events: ['QUOTE_CREATED'] } },
      bearer(adminKey),
    );
    expect(badUrl.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});
