/**
 * The support assistant's brain against the real database (issue 16, M13): status only for
 * the booking's owner or its token holder, one refusal for everyone else and for made-up
 * references, prices equal to the pricing engine's quote, the booking link, hours from the
 * shops, knowledge-base answers, and handover on complaints and requests for a person.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerMessage, type AssistantContext } from '@/features/support/server';
import { loadCatalog } from '@/features/catalog/server';
import { pricingConfigOf, quoteFromSnapshot } from '@/features/pricing/server';
import { formatMoney } from '@/features/pricing';
import { getShopRow } from '@/features/shops/server';
import { generateReference } from '@/features/repairs/server';
import { BACKENDS, startApp, type TestApp } from './harness';
import { bookOrder, createUser, type BookedOrder, type TestUser } from './fixtures';

const anonymous: AssistantContext = { userId: null, trackingToken: null, history: [] };

describe.each(BACKENDS)('support assistant on $name', (backend) => {
  let app: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let order: BookedOrder;
  const ask = (message: string, ctx: AssistantContext = anonymous) =>
    answerMessage(app.handle.db, message, ctx);

  beforeAll(async () => {
    app = await startApp(backend);
    alice = await createUser(app, 'customer', { tag: 'alice' });
    bob = await createUser(app, 'customer', { tag: 'bob' });
    order = await bookOrder(app, { cookie: alice.cookie, email: alice.email });
  });
  afterAll(() => app.close());

  it("refuses someone else's reference and a made-up one with the same answer", async () => {
    let madeUp = generateReference();
    while (madeUp === order.reference) madeUp = generateReference();
    const ctx = { ...anonymous, userId: bob.id };
    const others = await ask(`what's the status of my repair ${order.reference}?`, ctx);
    const fake = await ask(`what's the status of my repair ${madeUp}?`, ctx);
    const stranger = await ask(`what's the status of my repair ${order.reference}?`);
    const wrongToken = await ask(`what's the status of my repair ${order.reference}?`, {
      ...anonymous,
      trackingToken: 'not-the-token',
    });
    expect(others.intent).toBe('status');
    for (const a of [fake, stranger, wrongToken]) {
      expect(a.reply).toBe(others.reply);
      expect(a.links).toEqual(others.links);
      expect(a.handover).toBe(others.handover);
    }
    expect(others.reply).not.toContain(order.reference);
    expect(others.reply).not.toMatch(/\bBooked\b|iPhone/);
  });

  it("tells the owner, and the tracking token's holder, how the repair is going", async () => {
    const owner = await ask(`any update on ${order.reference.toLowerCase()}`, {
      ...anonymous,
      userId: alice.id,
    });
    expect(owner.intent).toBe('status');
    expect(owner.reply).toContain(order.reference);
    expect(owner.reply).toContain('iPhone 15');
    expect(owner.reply).toContain('Booked');
    expect(owner.links).toContainEqual({
      label: 'Open your repair',
      href: `/account/repairs/${order.reference}`,
    });
    const holder = await ask(`is ${order.reference} ready yet?`, {
      ...anonymous,
      trackingToken: order.trackingToken,
    });
    expect(holder.reply).toBe(owner.reply);
    // no reference yet: it asks for one
    const noRef = await ask('where is my repair', { ...anonymous, userId: alice.id });
    expect(noRef.reply).toMatch(/reference/);
    // the reference given in an earlier turn is used for a follow-up
    const followUp = await ask('is it ready now?', {
      ...anonymous,
      userId: alice.id,
      history: [
        { author: 'customer', body: `my booking is ${order.reference}`, intent: 'status' },
        { author: 'assistant', body: noRef.reply, intent: 'status' },
      ],
    });
    expect(followUp.reply).toBe(owner.reply);
  });

  it("prices a repair with the pricing engine's quote", async () => {
    const snapshot = await loadCatalog(app.handle.db);
    const quote = quoteFromSnapshot(
      snapshot,
      { modelSlug: 'iphone-15', repairSlugs: ['screen-crack'], urgency: 'standard' },
      pricingConfigOf(null),
      new Date(),
    );
    const answer = await ask('how much is an iPhone 15 screen');
    expect(answer.intent).toBe('pricing');
    expect(answer.entities.devices).toEqual([{ slug: 'iphone-15', name: 'iPhone 15' }]);
    expect(answer.reply).toContain(formatMoney(quote.totalMinor, quote.currency, 'en-GB'));
    expect(answer.links[0]?.href).toBe('/book-repair?model=iphone-15&repairs=screen-crack');

    // no model: it asks for one; then the model alone answers with the earlier repair
    const first = await ask('how much do you charge for a new screen?');
    expect(first.intent).toBe('pricing');
    expect(first.reply).toMatch(/which device/i);
    const second = await ask('iphone15', {
      ...anonymous,
      history: [
        { author: 'customer', body: 'how much do you charge for a new screen?', intent: 'pricing' },
        { author: 'assistant', body: first.reply, intent: 'pricing' },
      ],
    });
    expect(second.intent).toBe('pricing');
    expect(second.handover).toBe(false);
    expect(second.reply).toContain(formatMoney(quote.totalMinor, quote.currency, 'en-GB'));
  });

  it('links to the booking form with the model and repairs filled in', async () => {
    const answer = await ask('I want to book my Galaxy S24 in for a battery replacement next week');
    expect(answer.intent).toBe('booking');
    expect(answer.entities.dates).toEqual(['next week']);
    expect(answer.links[0]?.href).toBe('/book-repair?model=galaxy-s24&repairs=battery');
  });

  it('gives opening hours and addresses from the shops', async () => {
    const manchester = (await getShopRow(app.handle.db, 'manchester'))!;
    const answer = await ask('what time does the Manchester shop open on saturday?');
    expect(answer.intent).toBe('hours_location');
    expect(answer.entities.shops).toEqual([{ slug: 'manchester', name: manchester.name }]);
    expect(answer.reply).toContain(manchester.addressLine1);
    expect(answer.reply).toContain(manchester.postcode);
    expect(answer.reply).toMatch(/Saturday/);
  });

  it('answers technical questions from the knowledge base', async () => {
    const answer = await ask('should i put my wet phone in rice?');
    expect(answer.intent).toBe('technical');
    expect(answer.handover).toBe(false);
    expect(answer.reply).toMatch(/rice/i);
  });

  it('hands complaints and requests for a person to a human', async () => {
    const complaint = await ask('the screen you fitted stopped working after two days, I want my money back');
    expect(complaint).toMatchObject({ intent: 'complaint', handover: true, handoverReason: 'complaint' });
    expect(complaint.reply).toMatch(/member of staff|team/);
    const human = await ask('can I talk to a real person please');
    expect(human).toMatchObject({ intent: 'human', handover: true, handoverReason: 'requested' });
    const greeting = await ask('hello!');
    expect(greeting).toMatchObject({ intent: 'greeting', handover: false, handoverReason: null });
  });

  it('answers any message, of any size or content', async () => {
    for (const message of [
      '',
      '\u0000\u0000\u0000',
      'x'.repeat(100_000),
      '🔧'.repeat(3000),
      '<script>alert(1)</script>',
    ]) {
      const answer = await ask(message);
      expect(answer.reply.length).toBeGreaterThan(0);
      expect(answer.confidence).toBeGreaterThanOrEqual(0);
      expect(answer.confidence).toBeLessThanOrEqual(1);
    }
  });
});
