/**
 * The optional provider for a second opinion, against a local node:http peer speaking the Chat
 * Completions wire format: when configured it is asked (the request it receives is checked:
 * model, bearer key, messages, contact details redacted) and its answer is blended in; when it
 * times out, fails with a 500, or answers malformed JSON, the local answer stands alone.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setChatProviderConfig } from '@/server/ai/chat-completions';
import type { Diagnosis } from '@/features/diagnostics/schemas';
import { BACKENDS, startApp, type TestApp } from './harness';

type Mode = 'answer' | 'hang' | 'error' | 'malformed' | 'off-list';

interface Received {
  path: string;
  authorization: string | undefined;
  body: { model: string; messages: Array<{ role: string; content: string }>; [k: string]: unknown };
}

/** A Chat Completions peer whose behaviour each test picks. */
async function startPeer() {
  const state: { mode: Mode; received: Received[]; answer: unknown } = {
    mode: 'answer',
    received: [],
    answer: null,
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.received.push({
        path: req.url ?? '',
        authorization: req.headers.authorization,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Received['body'],
      });
      const reply = (status: number, body: string) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(body);
      const completion = (content: string) =>
        JSON.stringify({
          id: 'chatcmpl-test',
          object: 'chat.completion',
          created: 1,
          model: 'test-model',
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        });
      switch (state.mode) {
        case 'hang':
          return; // never answers: the caller's timeout must end it
        case 'error':
          return reply(500, JSON.stringify({ error: { message: 'boom', type: 'server_error' } }));
        case 'malformed':
          return reply(200, completion('{"category": "back-glass", "reason": '));
        case 'off-list':
          return reply(200, completion(JSON.stringify({ category: 'toaster', reason: 'it is a toaster' })));
        case 'answer':
          return reply(200, completion(JSON.stringify(state.answer)));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    state,
    baseUrl: `http://127.0.0.1:${port}/v1`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const TEXT = 'iPhone 15 screen smashed. Call me on 07700 900123 or mail jane.doe@example.com';

describe.each(BACKENDS)('diagnose with a provider on $name', (backend) => {
  let app: TestApp;
  let peer: Awaited<ReturnType<typeof startPeer>>;
  beforeAll(async () => {
    peer = await startPeer();
    setChatProviderConfig({
      baseUrl: peer.baseUrl,
      apiKey: 'sk-test-123',
      model: 'test-model',
      timeoutMs: 800,
    });
    app = await startApp(backend);
  });
  afterAll(async () => {
    setChatProviderConfig(undefined);
    await app.close();
    await peer.close();
  });
  beforeEach(() => {
    peer.state.received = [];
  });

  async function diagnose(): Promise<Diagnosis> {
    const res = await app.request('/api/ai/diagnose', {
      method: 'POST',
      json: { description: TEXT, modelSlug: 'iphone-15' },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as Diagnosis;
  }

  it('is asked when configured: model, key and the redacted text reach it; its opinion is blended in', async () => {
    peer.state.mode = 'answer';
    peer.state.answer = { category: 'back-glass', reason: 'Glass damage after a drop.' };
    const d = await diagnose();

    expect(peer.state.received).toHaveLength(1);
    const [got] = peer.state.received;
    expect(got!.path).toBe('/v1/chat/completions');
    expect(got!.authorization).toBe('Bearer sk-test-123');
    expect(got!.body.model).toBe('test-model');
    const sent = got!.body.messages.map((m) => m.content).join('\n');
    expect(got!.body.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(sent).toContain('screen smashed');
    expect(sent).toContain('iPhone 15');
    expect(sent).toContain('[phone]');
    expect(sent).toContain('[email]');
    expect(sent).not.toContain('07700');
    expect(sent).not.toContain('jane.doe');
    expect(sent).not.toContain('example.com');

    expect(d.source).toBe('provider');
    expect(d.secondOpinion).toEqual({
      category: 'back-glass',
      agrees: false,
      reason: 'Glass damage after a drop.',
    });
    // the local model's confident answer stays first; the provider's label moves up with its weight
    expect(d.candidates[0]!.category).toBe('screen');
    const backGlass = d.candidates.find((c) => c.category === 'back-glass');
    expect(backGlass?.probability).toBeGreaterThanOrEqual(0.35);
    expect(backGlass?.repairs.map((r) => r.slug)).toEqual(['back-glass']);
  });

  it('an agreeing provider says so', async () => {
    peer.state.mode = 'answer';
    peer.state.answer = { category: 'screen', reason: 'Smashed display.' };
    const d = await diagnose();
    expect(d.source).toBe('provider');
    expect(d.secondOpinion).toMatchObject({ category: 'screen', agrees: true });
    expect(d.candidates[0]!.category).toBe('screen');
  });

  it.each<[string, Mode]>([
    ['times out (never answers)', 'hang'],
    ['answers 500', 'error'],
    ['answers malformed JSON', 'malformed'],
    ['names a category outside the list', 'off-list'],
  ])('the local answer stands when the provider %s', async (_, mode) => {
    peer.state.mode = mode;
    const d = await diagnose();
    expect(peer.state.received).toHaveLength(1);
    expect(d.source).toBe('local');
    expect(d.secondOpinion).toBeNull();
    expect(d.candidates[0]!.category).toBe('screen');
    expect(d.candidates[0]!.repairs[0]!.price).not.toBeNull();
  });
});
