/**
 * Support conversations through the real API: who may read and write a conversation (its
 * account, or the visitor cookie it was started with), a complaint handed over to the
 * customer's shop and seen live in that shop's console only, a staff reply shown to the
 * customer (live) and e-mailed, closing, and odd input answered with a 4xx, never a 500.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { emailMessages, supportConversations } from '@/server/db/schema';
import { ASK_FOR_EMAIL } from '@/features/support/server/post-customer-message';
import { BACKENDS, cookiesFrom, startApp, type TestApp } from './harness';
import { bookOrder, createUser, type TestUser } from './fixtures';
import { openSse, type SseStream } from './sse';

const COMPLAINT =
  'This is a disgrace. I want to make a formal complaint: you broke my phone and nobody answers my calls.';
const PRICE = 'How much is an iPhone 15 screen?';

interface Answer {
  conversationId: string;
  intent: string;
  reply: string;
  handover: boolean;
  status: string;
  links: Array<{ label: string; href: string }>;
  messages: Array<{ id: number; author: string; body: string; staffName: string | null }>;
}

describe.each(BACKENDS)('support conversations on $name', (backend) => {
  let app: TestApp;
  let customer: TestUser;
  let stranger: TestUser;
  let london: TestUser;
  let manchester: TestUser;
  let admin: TestUser;
  const streams: SseStream[] = [];

  /** A message to the assistant; `cookie` is the account's session or the visitor's cookie. */
  const ask = (message: unknown, opts: { cookie?: string; conversationId?: string } = {}) =>
    app.request('/api/support/messages', {
      method: 'POST',
      headers: opts.cookie ? { cookie: opts.cookie } : {},
      json: { message, ...(opts.conversationId ? { conversationId: opts.conversationId } : {}) },
    });

  /** A new visitor's first message: the answer and the visitor cookie it was given. */
  const visitorAsks = async (message: string) => {
    const res = await ask(message);
    expect(res.status).toBe(200);
    const cookie = cookiesFrom(res);
    expect(cookie).toMatch(/^rt_support=/);
    expect(res.headers.getSetCookie().join()).toMatch(/HttpOnly/i);
    return { answer: (await res.json()) as Answer, cookie };
  };

  const staffGet = (path: string, who: TestUser) => app.request(path, { headers: { cookie: who.cookie } });
  const inbox = async (who: TestUser, status = 'waiting_staff') => {
    const res = await staffGet(`/api/staff/support/conversations?status=${status}`, who);
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: Array<{ id: string; shopSlug: string }> }).items.map((i) => i.id);
  };
  const sse = async (path: string, cookie: string) => {
    const s = await openSse((p, init) => app.request(p, init), path, { cookie });
    streams.push(s);
    expect(s.status).toBe(200);
    await s.ready;
    return s;
  };

  beforeAll(async () => {
    app = await startApp(backend);
    customer = await createUser(app, 'customer');
    stranger = await createUser(app, 'customer');
    london = await createUser(app, 'manager', { shopSlug: 'london', name: 'Sam Carter' });
    manchester = await createUser(app, 'manager', { shopSlug: 'manchester', name: 'Alex Morgan' });
    admin = await createUser(app, 'admin');
  }, 300_000);
  afterEach(() => {
    for (const s of streams.splice(0)) s.close();
  });
  afterAll(() => app.close());

  it("keeps a visitor's conversation to the visitor cookie: nobody else reads or writes it", async () => {
    const { answer, cookie } = await visitorAsks(PRICE);
    expect(answer.messages.map((m) => m.author)).toEqual(['customer', 'assistant']);
    expect(answer.messages[1]!.body).toBe(answer.reply);
    const path = `/api/support/conversations/${answer.conversationId}`;

    const own = await app.request(path, { headers: { cookie } });
    expect(own.status).toBe(200);
    expect(((await own.json()) as { messages: unknown[] }).messages).toHaveLength(2);

    // the same conversation continues, and the history is kept
    const again = await ask('and a battery?', { cookie, conversationId: answer.conversationId });
    expect(again.status).toBe(200);
    expect(((await again.json()) as Answer).messages).toHaveLength(4);

    const { cookie: other } = await visitorAsks('hello');
    const callers: Array<Record<string, string>> = [
      {},
      { cookie: other },
      { cookie: stranger.cookie },
      { cookie: london.cookie },
    ];
    for (const headers of callers) {
      const res = await app.request(path, { headers });
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('battery');
      const live = await app.request(`${path}/live`, { headers });
      expect(live.status).toBe(404);
    }
    // posting to it without its cookie is the same 404, and adds nothing
    expect((await ask('let me in', { cookie: other, conversationId: answer.conversationId })).status).toBe(
      404,
    );
    expect((await ask('let me in', { conversationId: answer.conversationId })).status).toBe(404);
    const after = (await (await app.request(path, { headers: { cookie } })).json()) as {
      messages: unknown[];
    };
    expect(after.messages).toHaveLength(4);
  });

  it("keeps a signed-in customer's conversation to their account", async () => {
    const res = await ask(PRICE, { cookie: customer.cookie });
    expect(res.status).toBe(200);
    // a signed-in customer needs no visitor cookie
    expect(res.headers.getSetCookie().join()).not.toMatch(/rt_support=/);
    const { conversationId } = (await res.json()) as Answer;
    const path = `/api/support/conversations/${conversationId}`;
    expect((await app.request(path, { headers: { cookie: customer.cookie } })).status).toBe(200);
    expect((await app.request(path, { headers: { cookie: stranger.cookie } })).status).toBe(404);
    expect((await app.request(path)).status).toBe(404);
    expect((await ask('hi', { cookie: stranger.cookie, conversationId })).status).toBe(404);
  });

  it("hands a complaint to the customer's shop, live in that shop's console only; the reply reaches the customer and their inbox", async () => {
    // the customer's repair is at Manchester: the complaint goes to Manchester's staff
    await bookOrder(app, { cookie: customer.cookie, shop: 'manchester', email: customer.email });
    const manchesterLive = await sse('/api/staff/support/live', manchester.cookie);
    const londonLive = await sse('/api/staff/support/live', london.cookie);

    const res = await ask(COMPLAINT, { cookie: customer.cookie });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as Answer;
    expect(answer.intent).toBe('complaint');
    expect(answer.handover).toBe(true);
    expect(answer.status).toBe('waiting_staff');
    // the account's address is known: no need to ask for one
    expect(answer.reply).not.toContain(ASK_FOR_EMAIL);

    const event = await manchesterLive.next();
    expect(event.json).toMatchObject({ conversationId: answer.conversationId, shopSlug: 'manchester' });
    expect(await londonLive.collect(300)).toEqual([]);

    expect(await inbox(manchester)).toContain(answer.conversationId);
    expect(await inbox(admin)).toContain(answer.conversationId);
    expect(await inbox(london)).not.toContain(answer.conversationId);
    const path = `/api/staff/support/conversations/${answer.conversationId}`;
    expect((await staffGet(path, london)).status).toBe(404);
    const london404 = await app.request(`${path}/messages`, {
      method: 'POST',
      headers: { cookie: london.cookie },
      json: { message: 'Not my shop' },
    });
    expect(london404.status).toBe(404);

    const transcript = (await (await staffGet(path, manchester)).json()) as {
      handoverReason: string;
      contactEmail: string;
      messages: Array<{ author: string; body: string; intent: string | null }>;
    };
    expect(transcript.handoverReason).toBe('complaint');
    expect(transcript.contactEmail).toBe(customer.email);
    expect(transcript.messages[0]).toMatchObject({
      author: 'customer',
      body: COMPLAINT,
      intent: 'complaint',
    });

    // the staff reply: stored, live in the customer's widget, e-mailed
    const widget = await sse(`/api/support/conversations/${answer.conversationId}/live`, customer.cookie);
    const reply = await app.request(`${path}/messages`, {
      method: 'POST',
      headers: { cookie: manchester.cookie },
      json: { message: 'I am so sorry. Bring it in tomorrow and we will fix it free of charge.' },
    });
    expect(reply.status).toBe(200);
    const pushed = await widget.next();
    expect(pushed.json).toMatchObject({
      message: {
        author: 'staff',
        body: 'I am so sorry. Bring it in tomorrow and we will fix it free of charge.',
      },
    });
    const seen = (await (
      await app.request(`/api/support/conversations/${answer.conversationId}`, {
        headers: { cookie: customer.cookie },
      })
    ).json()) as Answer & { status: string };
    // customers see the staff member's first name only
    expect(seen.messages.at(-1)).toMatchObject({ author: 'staff', staffName: 'Alex' });
    expect(seen.status).toBe('open');
    const mail = await app.handle.db
      .select()
      .from(emailMessages)
      .where(and(eq(emailMessages.toAddress, customer.email), eq(emailMessages.template, 'support-reply')));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.text).toContain('Bring it in tomorrow');
    expect(mail[0]!.text).toContain(`?support=${answer.conversationId}`);

    // the customer writes again: it waits for staff again; closing takes it off the list
    await ask('Thank you, I will come at 10.', {
      cookie: customer.cookie,
      conversationId: answer.conversationId,
    });
    expect(await inbox(manchester)).toContain(answer.conversationId);
    const closed = await app.request(`${path}/close`, {
      method: 'POST',
      headers: { cookie: manchester.cookie },
    });
    expect(closed.status).toBe(200);
    expect(((await closed.json()) as { status: string }).status).toBe('closed');
    expect(await inbox(manchester)).not.toContain(answer.conversationId);
    expect(await inbox(manchester, 'closed')).toContain(answer.conversationId);
  });

  it('asks an anonymous visitor for an address on handover, and e-mails the reply there once given', async () => {
    const { answer, cookie } = await visitorAsks(COMPLAINT);
    expect(answer.handover).toBe(true);
    expect(answer.reply).toContain(ASK_FOR_EMAIL);
    // no booking known: the first shop's staff get it
    const [row] = await app.handle.db
      .select()
      .from(supportConversations)
      .where(eq(supportConversations.id, answer.conversationId));
    expect(row!.shopSlug).toBe('london');
    expect(row!.contactEmail).toBeNull();

    const address = `visitor-${Date.now()}@example.com`;
    const res = await ask(`You can reach me at ${address}`, {
      cookie,
      conversationId: answer.conversationId,
    });
    expect(res.status).toBe(200);
    await app.request(`/api/staff/support/conversations/${answer.conversationId}/messages`, {
      method: 'POST',
      headers: { cookie: london.cookie },
      json: { message: 'We will call you back today.' },
    });
    const mail = await app.handle.db.select().from(emailMessages).where(eq(emailMessages.toAddress, address));
    expect(mail.map((m) => m.template)).toEqual(['support-reply']);
  });

  it('answers odd input with a 4xx and field messages, never a 500', async () => {
    const cases: Array<[unknown, number, string]> = [
      [undefined, 422, 'message'],
      ['', 422, 'message'],
      ['   ', 422, 'message'],
      [42, 422, 'message'],
      ['x'.repeat(2_001), 422, 'message'],
      ['nul \u0000 byte', 422, 'message'],
      ['lone \ud800 surrogate', 422, 'message'],
    ];
    for (const [message, status, path] of cases) {
      const res = await ask(message);
      expect(res.status, JSON.stringify(message)?.slice(0, 40)).toBe(status);
      const body = (await res.json()) as { errors?: Array<{ path: string; message: string }> };
      expect(body.errors?.map((e) => e.path)).toContain(path);
    }
    const long = (await (await ask('x'.repeat(2_001))).json()) as { errors: Array<{ message: string }> };
    expect(long.errors[0]!.message).toMatch(/2,000 characters/);

    // a megabyte of text: refused before it is read in full
    const huge = await ask('y'.repeat(1_000_000));
    expect([413, 422]).toContain(huge.status);
    // not JSON, a bad conversation id, a bad token
    const notJson = await app.request('/api/support/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"message":',
    });
    expect(notJson.status).toBe(400);
    expect((await ask('hi', { conversationId: 'not-a-uuid' })).status).toBe(422);
    const token = await app.request('/api/support/messages', {
      method: 'POST',
      json: { message: 'hi', trackingToken: 't'.repeat(201) },
    });
    expect(token.status).toBe(422);
    expect((await app.request('/api/support/conversations/not-a-uuid')).status).toBe(422);
    const staffReply = await app.request(`/api/staff/support/conversations/${crypto.randomUUID()}/messages`, {
      method: 'POST',
      headers: { cookie: admin.cookie },
      json: { message: 'a\u0000b' },
    });
    expect(staffReply.status).toBe(422);
  });
});
