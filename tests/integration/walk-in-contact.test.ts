/** Walk-ins booked at the counter for a customer who gives a phone number but no e-mail. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { bookings, emailMessages } from '@/server/db/schema';
import { BACKENDS, startApp, type TestApp } from './harness';
import { createUser, type TestUser } from './fixtures';

interface Problem {
  code: string;
  errors?: Array<{ path: string; message: string }>;
}

describe.each(BACKENDS)('walk-in contact on $name', (backend) => {
  let app: TestApp;
  let tech: TestUser;

  beforeAll(async () => {
    app = await startApp(backend);
    tech = await createUser(app, 'technician', { shopSlug: 'london', name: 'Tess Tech' });
  });
  afterAll(() => app.close());

  const walkIn = (customer: Record<string, unknown>) =>
    app.request('/api/staff/walk-ins', {
      method: 'POST',
      headers: { cookie: tech.cookie },
      json: {
        modelSlug: 'iphone-15',
        repairSlugs: ['screen-crack'],
        customer,
        conditionNotes: 'Cracked glass',
        accessories: [],
        passcodePolicy: 'none',
      },
    });
  const mailCount = async () => (await app.handle.db.select({ n: count() }).from(emailMessages))[0]!.n;

  it('books a walk-in with a name and phone only: no e-mail sent, staff find it by reference', async () => {
    const before = await mailCount();
    const res = await walkIn({ name: 'Phoebe Phone', phone: '07700 900123' });
    expect(res.status, await res.clone().text()).toBe(201);
    const created = (await res.json()) as { reference: string; orderId: string; trackingUrl: string };
    expect(created.reference).toMatch(/^RT-/);
    expect(created.trackingUrl).toContain(`/track/${created.reference}?token=`);

    const [row] = await app.handle.db
      .select()
      .from(bookings)
      .where(eq(bookings.reference, created.reference));
    expect(row).toMatchObject({ customerEmail: null, customerPhone: '07700 900123' });
    expect(await mailCount()).toBe(before);

    const detail = await app.request(`/api/staff/orders/${created.orderId}`, {
      headers: { cookie: tech.cookie },
    });
    expect(detail.status).toBe(200);
    expect(await detail.json()).toMatchObject({
      reference: created.reference,
      status: 'received',
      customer: { name: 'Phoebe Phone', email: null, phone: '07700 900123' },
    });
    // the queue's search finds it by reference
    const list = await app.request(`/api/staff/orders?q=${created.reference}`, {
      headers: { cookie: tech.cookie },
    });
    const items = ((await list.json()) as { items: Array<{ reference: string }> }).items;
    expect(items.map((i) => i.reference)).toEqual([created.reference]);
  });

  it('an empty e-mail field counts as none', async () => {
    const res = await walkIn({ name: 'Eddie Empty', email: '', phone: '+44 7700 900999' });
    expect(res.status, await res.clone().text()).toBe(201);
  });

  it('asks for an e-mail address or a phone number when both are missing (422, field messages)', async () => {
    const res = await walkIn({ name: 'Nobody Reachable' });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as Problem;
    expect(problem.code).toBe('VALIDATION_FAILED');
    const paths = problem.errors?.map((e) => e.path).sort();
    expect(paths).toEqual(['customer.email', 'customer.phone']);
    expect(problem.errors?.[0]?.message).toMatch(/e-mail address or a phone number/);

    const bad = await walkIn({ name: 'Bad Phone', phone: 'call me' });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as Problem).errors?.map((e) => e.path)).toEqual(['customer.phone']);
  });
});
