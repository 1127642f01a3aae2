/**
 * Issue 14: notification preferences per kind and channel (GET/PUT /api/notifications/preferences).
 * Every channel starts on; a PUT changes only the channels it names; a person sees and changes
 * only the kinds of their role; bad input is a 422 with field messages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startApp, type TestApp } from './harness';
import { createUser, type TestUser } from './fixtures';

interface Prefs {
  items: Array<{ kind: string; channels: { email: boolean; push: boolean; inApp: boolean } }>;
}
const ALL_ON = { email: true, push: true, inApp: true };

describe.each(BACKENDS)('notification preferences on $name', (backend) => {
  let app: TestApp;
  let customer: TestUser;
  let other: TestUser;
  let manager: TestUser;

  beforeAll(async () => {
    app = await startApp(backend);
    customer = await createUser(app, 'customer');
    other = await createUser(app, 'customer');
    manager = await createUser(app, 'manager', { shopSlug: 'london' });
  });
  afterAll(() => app.close());

  const get = async (who: TestUser) => {
    const res = await app.request('/api/notifications/preferences', { headers: { cookie: who.cookie } });
    expect(res.status).toBe(200);
    return (await res.json()) as Prefs;
  };
  const put = (who: TestUser, body: unknown) =>
    app.request('/api/notifications/preferences', {
      method: 'PUT',
      headers: { cookie: who.cookie },
      json: body,
    });

  it("lists the customer's kinds, every channel on, and the staff kinds for staff", async () => {
    expect(await get(customer)).toEqual({
      items: [
        { kind: 'quote_ready', channels: ALL_ON },
        { kind: 'ready_for_collection', channels: ALL_ON },
        { kind: 'shop_message', channels: ALL_ON },
        { kind: 'payment_received', channels: ALL_ON },
      ],
    });
    expect((await get(manager)).items.map((i) => i.kind)).toEqual([
      'new_booking',
      'checked_in',
      'order_overdue',
    ]);
  });

  it('changes only the channels sent, keeps them, and touches nobody else', async () => {
    const res = await put(customer, {
      items: [
        { kind: 'ready_for_collection', channels: { push: false } },
        { kind: 'shop_message', channels: { email: false, inApp: false } },
      ],
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const after = (await res.json()) as Prefs;
    expect(after).toEqual(await get(customer));
    const byKind = Object.fromEntries(after.items.map((i) => [i.kind, i.channels]));
    expect(byKind.ready_for_collection).toEqual({ email: true, push: false, inApp: true });
    expect(byKind.shop_message).toEqual({ email: false, push: true, inApp: false });
    expect(byKind.quote_ready).toEqual(ALL_ON);
    // back on again
    await put(customer, { items: [{ kind: 'ready_for_collection', channels: { push: true } }] });
    expect((await get(customer)).items.find((i) => i.kind === 'ready_for_collection')!.channels).toEqual(
      ALL_ON,
    );
    expect(
      (await get(other)).items.every((i) => i.channels.email && i.channels.push && i.channels.inApp),
    ).toBe(true);
  });

  it('refuses kinds of another role, unknown kinds and channels, with field messages', async () => {
    const wrongRole = await put(customer, { items: [{ kind: 'new_booking', channels: { push: false } }] });
    expect(wrongRole.status).toBe(422);
    const body = (await wrongRole.json()) as { errors?: Array<{ path: string }> };
    expect(JSON.stringify(body)).toContain('items.0.kind');
    for (const bad of [
      { items: [{ kind: 'lottery_win', channels: { push: false } }] },
      { items: [{ kind: 'quote_ready', channels: { sms: true } }] },
      { items: [{ kind: 'quote_ready', channels: { push: 'no' } }] },
      { items: [] },
      {},
    ]) {
      const res = await put(customer, bad);
      expect(res.status, JSON.stringify(bad)).toBe(422);
    }
    expect((await get(manager)).items.every((i) => i.channels.push)).toBe(true);
  });

  it('needs a session', async () => {
    expect((await app.request('/api/notifications/preferences')).status).toBe(401);
  });
});
