/**
 * The staff console's API through HTTP on a real database: the queue's filters and search,
 * the state machine's refusals, who may change, assign and receive which order, intake with an
 * encrypted passcode, notes that never reach the customer, walk-ins, and the timeline event
 * every change writes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { getMessage } from '@/features/email/server/get-message';
import { emailMessages, notifications, repairOrderEvents, repairOrders } from '@/server/db/schema';
import { decryptSecret } from '@/server/secrets';
import { BACKENDS, startApp, type TestApp } from './harness';
import { bookOrder, createUser, type TestUser } from './fixtures';

interface Summary {
  id: string;
  reference: string;
  status: string;
  overdue: boolean;
  urgency: string;
  assignedTechnician: { id: string; name: string } | null;
  shop: { slug: string } | null;
  device: { name: string };
  customerName: string;
}
interface List {
  items: Summary[];
  total: number;
  nextOffset: number | null;
}
interface TimelineEvent {
  id: number;
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
  actor: string;
  actorUserId: string | null;
  actorRole: string;
  visibility: 'customer' | 'internal';
  message: string | null;
  data: Record<string, unknown> | null;
}
interface Detail extends Summary {
  imeiSerial: string | null;
  intake: {
    passcodePolicy: string | null;
    hasPasscode: boolean;
    accessories: string[];
    conditionNotes: string;
  };
  timeline: TimelineEvent[];
  allowedTransitions: Array<{ to: string; requires: string[] }>;
  permissions: { update: boolean; assignAnyone: boolean; take: boolean };
  warrantyEndsAt: string | null;
  agreedTotalMinor: number | null;
  slotStartsAt: string | null;
  serviceType: string;
  quote: { warrantyDays: number };
  customer: { email: string; phone: string | null };
}
interface WalkIn {
  orderId: string;
  reference: string;
  status: string;
  trackingUrl: string;
}
interface Problem {
  code: string;
  errors?: Array<{ path: string; message: string }>;
}

// 490154203237518 is a valid IMEI (Luhn); ...517 is not
const IMEI = '490154203237518';

describe.each(BACKENDS)('staff orders API on $name', (backend) => {
  let app: TestApp;
  let techA: TestUser;
  let techB: TestUser;
  let managerLondon: TestUser;
  let managerManchester: TestUser;
  let admin: TestUser;
  let customer: TestUser;

  beforeAll(async () => {
    app = await startApp(backend);
    techA = await createUser(app, 'technician', { shopSlug: 'london', name: 'Tess Tech' });
    techB = await createUser(app, 'technician', { shopSlug: 'london', name: 'Bob Bench' });
    managerLondon = await createUser(app, 'manager', { shopSlug: 'london', name: 'Mia Manager' });
    managerManchester = await createUser(app, 'manager', { shopSlug: 'manchester', name: 'Max North' });
    admin = await createUser(app, 'admin', { name: 'Ada Admin' });
    customer = await createUser(app, 'customer', { name: 'Cara Customer' });
  });
  afterAll(() => app.close());

  const as = (who: TestUser | null): Record<string, string> => (who ? { cookie: who.cookie } : {});
  const get = (path: string, who: TestUser | null) => app.request(path, { headers: as(who) });
  const post = (
    path: string,
    who: TestUser | null,
    json: unknown = {},
    headers: Record<string, string> = {},
  ) => app.request(path, { method: 'POST', headers: { ...as(who), ...headers }, json });
  const list = async (query: string, who: TestUser = techA): Promise<List> => {
    const res = await get(`/api/staff/orders?${query}`, who);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as List;
  };
  const refs = (l: List) => l.items.map((i) => i.reference);
  const detail = async (id: string, who: TestUser = techA): Promise<Detail> => {
    const res = await get(`/api/staff/orders/${id}`, who);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as Detail;
  };
  const intake = (id: string, who: TestUser, body: Record<string, unknown> = {}) =>
    post(`/api/staff/orders/${id}/intake`, who, {
      conditionNotes: 'Cracked screen, scuffed corners',
      accessories: ['case'],
      passcodePolicy: 'none',
      ...body,
    });
  const move = (id: string, who: TestUser, to: string, extra: Record<string, unknown> = {}) =>
    post(`/api/staff/orders/${id}/status`, who, { to, ...extra });
  const eventsOf = async (orderId: string) =>
    app.handle.db
      .select()
      .from(repairOrderEvents)
      .where(eq(repairOrderEvents.orderId, orderId))
      .orderBy(repairOrderEvents.id);

  it('refuses customers and anonymous callers on every staff route', async () => {
    const own = await bookOrder(app, { cookie: customer.cookie });
    expect((await get('/api/staff/orders', null)).status).toBe(401);
    expect((await get('/api/staff/orders', customer)).status).toBe(403);
    // not even on their own order
    expect((await get(`/api/staff/orders/${own.reference}`, customer)).status).toBe(403);
    expect((await post(`/api/staff/orders/${own.orderId}/notes`, customer, { body: 'hi' })).status).toBe(403);
    expect((await move(own.orderId, customer, 'cancelled')).status).toBe(403);
    expect((await get('/api/staff/technicians', customer)).status).toBe(403);
  });

  it('lists orders, filters by status, shop, technician, urgency and overdue, and searches', async () => {
    const tag = `Zed${Date.now().toString(36)}`;
    const o1 = await bookOrder(app, {
      overrides: {
        customer: {
          name: `${tag} One`,
          email: `${tag.toLowerCase()}-one@example.com`,
          phone: '07700 900123',
        },
      },
    });
    const o2 = await bookOrder(app, {
      shop: 'manchester',
      overrides: {
        urgency: 'express',
        customer: { name: `${tag} Two`, email: `${tag.toLowerCase()}-two@example.com` },
      },
    });
    const o3 = await bookOrder(app, {
      overrides: {
        modelSlug: 'pixel-8',
        repairSlugs: ['battery'],
        customer: { name: `${tag} Three`, email: `${tag.toLowerCase()}-three@example.com` },
      },
    });
    expect(
      (await post(`/api/staff/orders/${o3.orderId}/assign`, managerLondon, { technicianId: techA.id }))
        .status,
    ).toBe(200);
    expect((await intake(o3.orderId, techA, { imeiSerial: '49 015420 323751 8' })).status).toBe(200);

    const all = await list(`q=${tag}`);
    expect(new Set(refs(all))).toEqual(new Set([o1.reference, o2.reference, o3.reference]));
    const row3 = all.items.find((i) => i.reference === o3.reference)!;
    expect(row3).toMatchObject({
      id: o3.orderId,
      status: 'received',
      overdue: false,
      urgency: 'standard',
      assignedTechnician: { id: techA.id, name: 'Tess Tech' },
      shop: { slug: 'london' },
      customerName: `${tag} Three`,
    });
    expect(row3.device.name).toMatch(/Pixel 8/);

    // status: one, many (repeated or comma-separated), and "active"
    expect(refs(await list(`q=${tag}&status=received`))).toEqual([o3.reference]);
    expect(new Set(refs(await list(`q=${tag}&status=booked`)))).toEqual(
      new Set([o1.reference, o2.reference]),
    );
    expect(refs(await list(`q=${tag}&status=booked&status=received`))).toHaveLength(3);
    expect(refs(await list(`q=${tag}&status=booked,received`))).toHaveLength(3);
    expect(refs(await list(`q=${tag}&status=active`))).toHaveLength(3);
    expect(refs(await list(`q=${tag}&status=collected`))).toEqual([]);
    expect((await get('/api/staff/orders?status=lost', techA)).status).toBe(422);
    // shop
    expect(refs(await list(`q=${tag}&shop=manchester`))).toEqual([o2.reference]);
    // technician: me, an id, unassigned
    expect(refs(await list(`q=${tag}&technician=me`))).toEqual([o3.reference]);
    expect(refs(await list(`q=${tag}&technician=me`, techB))).toEqual([]);
    expect(refs(await list(`q=${tag}&technician=${techA.id}`, managerLondon))).toEqual([o3.reference]);
    expect(new Set(refs(await list(`q=${tag}&technician=unassigned`)))).toEqual(
      new Set([o1.reference, o2.reference]),
    );
    // urgency
    expect(refs(await list(`q=${tag}&urgency=express`))).toEqual([o2.reference]);
    // overdue: received has 24 hours; booked has no limit
    expect(refs(await list(`q=${tag}&overdue=true`))).toEqual([]);
    await app.handle.db
      .update(repairOrders)
      .set({ statusEnteredAt: new Date(Date.now() - 25 * 3_600_000) })
      .where(eq(repairOrders.id, o3.orderId));
    const overdue = await list(`q=${tag}&overdue=true`);
    expect(refs(overdue)).toEqual([o3.reference]);
    expect(overdue.items[0]!.overdue).toBe(true);
    expect(
      (await list(`q=${tag}&overdue=false`)).items.find((i) => i.reference === o3.reference)?.overdue,
    ).toBe(true);

    // search: reference (any case), customer name, e-mail, phone digits, device, IMEI with spaces
    expect(refs(await list(`q=${o1.reference.toLowerCase()}`))).toEqual([o1.reference]);
    expect(refs(await list(`q=${encodeURIComponent(`${tag} two`)}`))).toEqual([o2.reference]);
    expect(refs(await list(`q=${tag.toLowerCase()}-three@example`))).toEqual([o3.reference]);
    expect(refs(await list(`q=${encodeURIComponent('07700900123')}`))).toContain(o1.reference);
    expect(refs(await list(`q=${encodeURIComponent('900 123')}`))).toContain(o1.reference);
    expect(refs(await list(`q=pixel%208&technician=me`))).toEqual([o3.reference]);
    expect(refs(await list(`q=${encodeURIComponent('4901 5420 3237 518')}`))).toEqual([o3.reference]);
    expect(refs(await list(`q=${IMEI.slice(-6)}`))).toEqual([o3.reference]);
    expect((await list(`q=nothing-matches-${tag}`)).total).toBe(0);

    // pagination
    const page1 = await list(`q=${tag}&limit=2`);
    expect(page1.items).toHaveLength(2);
    expect(page1.total).toBe(3);
    expect(page1.nextOffset).toBe(2);
    const page2 = await list(`q=${tag}&limit=2&offset=2`);
    expect(page2.items).toHaveLength(1);
    expect(page2.nextOffset).toBeNull();
    expect(new Set([...refs(page1), ...refs(page2)]).size).toBe(3);
  });

  it('moves only along the state machine: 409 illegal, 422 missing reason or QC note, 403 not assigned', async () => {
    const o = await bookOrder(app);
    // nobody assigned: a technician may not change it
    expect((await move(o.orderId, techA, 'received')).status).toBe(403);
    expect(
      (await post(`/api/staff/orders/${o.orderId}/assign`, techA, { technicianId: techA.id })).status,
    ).toBe(200);
    expect((await intake(o.orderId, techA)).status).toBe(200);

    const illegal = await move(o.orderId, techA, 'collected');
    expect(illegal.status).toBe(409);
    expect(((await illegal.json()) as Problem).code).toBe('CONFLICT');
    expect((await move(o.orderId, techA, 'booked')).status).toBe(409);

    // cancelling a received order needs a reason
    const noReason = await move(o.orderId, techA, 'cancelled');
    expect(noReason.status).toBe(422);
    expect(((await noReason.json()) as Problem).errors).toEqual([
      { path: 'reason', message: expect.any(String) },
    ]);
    expect((await move(o.orderId, techA, 'cancelled', { reason: '   ' })).status).toBe(422);

    // another technician may not touch it; neither may the other shop's manager
    expect((await move(o.orderId, techB, 'diagnosing')).status).toBe(403);
    expect((await move(o.orderId, managerManchester, 'diagnosing')).status).toBe(403);

    expect((await move(o.orderId, techA, 'diagnosing')).status).toBe(200);
    expect((await move(o.orderId, techA, 'repairing')).status).toBe(200);
    // a technician cannot cancel once repairs started (manager+)
    expect((await move(o.orderId, techA, 'cancelled', { reason: 'Customer changed mind' })).status).toBe(403);
    expect((await move(o.orderId, techA, 'quality_check')).status).toBe(200);
    const noQc = await move(o.orderId, techA, 'ready_for_collection');
    expect(noQc.status).toBe(422);
    expect(((await noQc.json()) as Problem).errors).toEqual([
      { path: 'qcNote', message: expect.any(String) },
    ]);
    expect(
      (await move(o.orderId, techA, 'ready_for_collection', { qcNote: 'Touch and Face ID tested' })).status,
    ).toBe(200);

    const before = Date.now();
    const collected = await move(o.orderId, managerLondon, 'collected');
    expect(collected.status).toBe(200);
    const state = (await collected.json()) as { status: string; warrantyEndsAt: string; collectedAt: string };
    expect(state.status).toBe('collected');
    const d = await detail(o.orderId);
    const expectedEnd = new Date(state.collectedAt).getTime() + d.quote.warrantyDays * 86_400_000;
    expect(d.quote.warrantyDays).toBeGreaterThan(0);
    expect(new Date(state.warrantyEndsAt).getTime()).toBe(expectedEnd);
    expect(new Date(state.collectedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(d.warrantyEndsAt).toBe(state.warrantyEndsAt);
    expect(d.allowedTransitions).toEqual([]);
  });

  it('offers only the transitions the caller may make', async () => {
    const o = await bookOrder(app);
    // unassigned: a technician may take it or receive it, but not change its status
    const forTech = await detail(o.orderId, techA);
    expect(forTech.allowedTransitions).toEqual([]);
    expect(forTech.permissions).toEqual({ update: false, assignAnyone: false, take: true });
    const forManager = await detail(o.orderId, managerLondon);
    expect(forManager.permissions).toEqual({ update: true, assignAnyone: true, take: false });
    expect(forManager.allowedTransitions).toEqual([
      { to: 'received', requires: [] },
      { to: 'cancelled', requires: [] },
    ]);
    // the other shop's manager reads it (as a technician would) but may not change it
    const forOther = await detail(o.reference, managerManchester);
    expect(forOther.permissions.update).toBe(false);
    expect(forOther.permissions.assignAnyone).toBe(false);
  });

  it('assignment: managers assign technicians; technicians only take unassigned jobs for themselves', async () => {
    const o = await bookOrder(app);
    const assign = (who: TestUser, technicianId: string | null) =>
      post(`/api/staff/orders/${o.orderId}/assign`, who, { technicianId });

    // a technician cannot give the job to someone else
    expect((await assign(techA, techB.id)).status).toBe(403);
    // the other shop's manager cannot assign anyone else either
    expect((await assign(managerManchester, techB.id)).status).toBe(403);
    // a customer cannot be assigned
    const notStaff = await assign(managerLondon, customer.id);
    expect(notStaff.status).toBe(422);
    expect(((await notStaff.json()) as Problem).errors?.[0]?.path).toBe('technicianId');
    expect((await assign(managerLondon, 'no-such-user')).status).toBe(422);

    // technician takes it
    const took = await assign(techA, techA.id);
    expect(took.status).toBe(200);
    expect(((await took.json()) as { assignedTechnicianId: string }).assignedTechnicianId).toBe(techA.id);
    // now it is taken: techB can neither take it over nor unassign it; techA may give it back
    // (the undo of a "take it" swipe) and take it again
    expect((await assign(techB, techB.id)).status).toBe(403);
    expect((await assign(techB, null)).status).toBe(403);
    expect((await assign(techA, null)).status).toBe(200);
    expect((await assign(techA, techA.id)).status).toBe(200);

    // the manager reassigns to techB, who is notified
    expect((await assign(managerLondon, techB.id)).status).toBe(200);
    const [note] = await app.handle.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, techB.id), eq(notifications.orderId, o.orderId)));
    expect(note).toMatchObject({ type: 'assigned', reference: o.reference });
    // techA is no longer allowed to change it
    expect((await intake(o.orderId, techA)).status).toBe(403);
    // unassign
    expect((await assign(managerLondon, null)).status).toBe(200);

    const assigned = (await eventsOf(o.orderId)).filter((e) => e.type === 'assigned');
    expect(
      assigned.map((e) => [
        e.actorUserId,
        e.visibility,
        (e.data as { to: { id: string } | null }).to?.id ?? null,
      ]),
    ).toEqual([
      [techA.id, 'internal', techA.id],
      [techA.id, 'internal', null],
      [techA.id, 'internal', techA.id],
      [managerLondon.id, 'internal', techB.id],
      [managerLondon.id, 'internal', null],
    ]);
  });

  it('intake: validates, refuses the wrong people, stores the passcode encrypted, reveal is recorded', async () => {
    const o = await bookOrder(app);
    // validation
    const badImei = await intake(o.orderId, techA, { imeiSerial: '490154203237517' });
    expect(badImei.status).toBe(422);
    expect(((await badImei.json()) as Problem).errors?.[0]?.path).toBe('imeiSerial');
    expect((await intake(o.orderId, techA, { imeiSerial: 'a!' })).status).toBe(422);
    const noPass = await intake(o.orderId, techA, { passcodePolicy: 'provided' });
    expect(noPass.status).toBe(422);
    expect(((await noPass.json()) as Problem).errors?.[0]?.path).toBe('passcode');
    expect((await intake(o.orderId, techA, { passcodePolicy: 'none', passcode: '1234' })).status).toBe(422);
    expect((await intake(o.orderId, techA, { passcodePolicy: 'maybe' })).status).toBe(422);
    expect((await intake(o.orderId, techA, { conditionNotes: '' })).status).toBe(422);

    // someone else's order
    await post(`/api/staff/orders/${o.orderId}/assign`, managerLondon, { technicianId: techB.id });
    expect((await intake(o.orderId, techA)).status).toBe(403);
    expect((await intake(o.orderId, managerManchester)).status).toBe(403);

    const ok = await intake(o.orderId, techB, {
      passcodePolicy: 'provided',
      passcode: '482916',
      imeiSerial: IMEI,
      accessories: ['charger', 'case'],
    });
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect(((await ok.json()) as { status: string }).status).toBe('received');
    // only a booked order can be received
    expect((await intake(o.orderId, techB)).status).toBe(409);

    const [row] = await app.handle.db.select().from(repairOrders).where(eq(repairOrders.id, o.orderId));
    expect(row!.passcodeEncrypted).toBeTruthy();
    expect(row!.passcodeEncrypted).not.toContain('482916');
    expect(decryptSecret(row!.passcodeEncrypted!)).toBe('482916');
    expect(row!.imeiSerial).toBe(IMEI);
    expect(row!.receivedBy).toBe(techB.id);
    const raw = await app.handle.db.execute(
      sql`SELECT count(*)::int AS n FROM repair_order_events WHERE data::text LIKE '%482916%'`,
    );
    expect((raw as unknown as { rows: Array<{ n: number }> }).rows[0]!.n).toBe(0);

    const d = await detail(o.orderId, techB);
    expect(d.intake).toMatchObject({
      passcodePolicy: 'provided',
      hasPasscode: true,
      accessories: ['charger', 'case'],
    });
    expect(JSON.stringify(d)).not.toContain('482916');

    // reveal: the assigned technician and the shop's manager; not another technician
    expect((await post(`/api/staff/orders/${o.orderId}/passcode/reveal`, techA)).status).toBe(403);
    expect((await post(`/api/staff/orders/${o.orderId}/passcode/reveal`, managerManchester)).status).toBe(
      403,
    );
    const reveal = await post(`/api/staff/orders/${o.orderId}/passcode/reveal`, techB);
    expect(reveal.status).toBe(200);
    expect(await reveal.json()).toEqual({ passcode: '482916' });
    expect((await post(`/api/staff/orders/${o.orderId}/passcode/reveal`, managerLondon)).status).toBe(200);
    const viewed = (await eventsOf(o.orderId)).filter((e) => e.type === 'passcode_viewed');
    expect(viewed.map((e) => [e.actorUserId, e.visibility])).toEqual([
      [techB.id, 'internal'],
      [managerLondon.id, 'internal'],
    ]);

    // no passcode stored: 404
    const o2 = await bookOrder(app);
    await intake(o2.orderId, techA);
    expect((await post(`/api/staff/orders/${o2.orderId}/passcode/reveal`, techA)).status).toBe(404);
  });

  it('a technician receiving an unassigned order takes it', async () => {
    const o = await bookOrder(app);
    expect((await intake(o.orderId, techA)).status).toBe(200);
    const d = await detail(o.orderId);
    expect(d.assignedTechnician?.id).toBe(techA.id);
    expect(d.status).toBe('received');
    // a manager receiving an unassigned order leaves it unassigned
    const o2 = await bookOrder(app);
    expect((await intake(o2.orderId, managerLondon)).status).toBe(200);
    expect((await detail(o2.orderId)).assignedTechnician).toBeNull();
  });

  it('internal notes stay internal: absent from public tracking, present in the staff view', async () => {
    const o = await bookOrder(app, { cookie: customer.cookie });
    // writing on an order needs 'update' on it, like every staff write: the assigned technician
    // or the shop's manager (an unassigned order was open to any technician before issue 13)
    expect(
      (await post(`/api/staff/orders/${o.orderId}/assign`, managerLondon, { technicianId: techB.id })).status,
    ).toBe(200);
    expect((await post(`/api/staff/orders/${o.orderId}/notes`, techA, { body: 'Not mine' })).status).toBe(
      403,
    );
    const internal = await post(`/api/staff/orders/${o.orderId}/notes`, techB, {
      body: 'Internal: board shows water damage',
    });
    expect(internal.status).toBe(201);
    expect(await internal.json()).toMatchObject({
      type: 'note',
      visibility: 'internal',
      actorUserId: techB.id,
    });
    const visible = await post(`/api/staff/orders/${o.reference}/notes`, techB, {
      body: 'We have ordered the part.',
      visibility: 'customer',
    });
    expect(visible.status).toBe(201);
    const message = await post(`/api/staff/orders/${o.orderId}/messages`, managerLondon, {
      body: 'Could you call us?',
    });
    expect(message.status).toBe(201);
    expect(await message.json()).toMatchObject({
      type: 'message',
      visibility: 'customer',
      actorRole: 'staff',
    });
    expect((await post(`/api/staff/orders/${o.orderId}/notes`, techA, { body: '' })).status).toBe(422);
    expect(
      (await post(`/api/staff/orders/${o.orderId}/notes`, techA, { body: 'x'.repeat(4001) })).status,
    ).toBe(422);

    const track = await app.request(`/api/track/${o.reference}?token=${encodeURIComponent(o.trackingToken)}`);
    expect(track.status).toBe(200);
    const text = await track.text();
    expect(text).not.toContain('water damage');
    expect(text).toContain('We have ordered the part.');
    expect(text).toContain('Could you call us?');

    const staffView = await detail(o.orderId);
    const notes = staffView.timeline.filter((e) => e.type === 'note');
    expect(notes.map((n) => [n.message, n.visibility])).toEqual([
      ['Internal: board shows water damage', 'internal'],
      ['We have ordered the part.', 'customer'],
    ]);

    // the customer is told about the visible note and the message, never the internal one
    const mine = await app.handle.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, customer.id), eq(notifications.orderId, o.orderId)));
    expect(mine.map((n) => n.type).sort()).toEqual(['message', 'note']);
  });

  it('walk-ins: priced on the server, received and assigned at once, idempotent', async () => {
    const email = `walk-${Date.now()}@example.com`;
    const body = {
      modelSlug: 'iphone-15',
      repairSlugs: ['screen-crack'],
      urgency: 'standard',
      customer: { name: 'Walter Walkin', email, phone: '07700 900456' },
      faultDescription: 'Dropped it',
      conditionNotes: 'Shattered glass',
      accessories: ['case'],
      passcodePolicy: 'provided',
      passcode: '2468',
      imeiSerial: IMEI,
      totalMinor: 1, // ignored: prices come from the server
    };
    const key = { 'idempotency-key': `walkin-${Date.now()}` };
    const res = await post('/api/staff/walk-ins', techA, body, key);
    expect(res.status, await res.clone().text()).toBe(201);
    const created = (await res.json()) as WalkIn;
    expect(created.status).toBe('received');
    expect(created.reference).toMatch(/^RT-/);
    expect(created.trackingUrl).toContain(`/track/${created.reference}?token=`);

    const replay = await post('/api/staff/walk-ins', techA, body, key);
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual(created);
    const mismatch = await post('/api/staff/walk-ins', techA, { ...body, faultDescription: 'Other' }, key);
    expect(mismatch.status).toBe(422);
    expect(((await mismatch.json()) as Problem).code).toBe('IDEMPOTENCY_MISMATCH');
    // two retries at once with a new key: one walk-in, the same answer twice
    const key2 = { 'idempotency-key': `walkin-par-${Date.now()}` };
    const parallel = await Promise.all([
      post('/api/staff/walk-ins', techA, body, key2),
      post('/api/staff/walk-ins', techA, body, key2),
    ]);
    expect(parallel.map((r) => r.status).sort()).toEqual([200, 201]);
    const [p1, p2] = (await Promise.all(parallel.map((r) => r.json()))) as WalkIn[];
    expect(p1).toEqual(p2);
    expect(p1!.reference).not.toBe(created.reference);
    const count = await app.handle.db.execute(
      sql`SELECT count(*)::int AS n FROM bookings WHERE customer_email = ${email}`,
    );
    expect((count as unknown as { rows: Array<{ n: number }> }).rows[0]!.n).toBe(2);

    const d = await detail(created.orderId);
    expect(d).toMatchObject({
      status: 'received',
      serviceType: 'walk_in',
      shop: { slug: 'london' },
      assignedTechnician: { id: techA.id },
      imeiSerial: IMEI,
      intake: { passcodePolicy: 'provided', hasPasscode: true, conditionNotes: 'Shattered glass' },
      customer: { email, phone: '07700 900456' },
    });
    expect(d.agreedTotalMinor).toBeGreaterThan(1);
    expect(d.slotStartsAt).toBeNull();
    expect(d.timeline.map((e) => [e.type, e.actorUserId, e.visibility, e.toStatus])).toEqual([
      ['created', techA.id, 'customer', 'booked'],
      ['assigned', techA.id, 'internal', null],
      ['intake', techA.id, 'internal', null],
      ['status_changed', techA.id, 'customer', 'received'],
    ]);

    // one confirmation e-mail per walk-in (replays send none), without a manage link
    const mails = await app.handle.db.select().from(emailMessages).where(eq(emailMessages.toAddress, email));
    expect(mails.map((m) => m.template)).toEqual(['booking-confirmation', 'booking-confirmation']);
    // rendered at delivery from the data stored with it: read as the admin view shows it
    const first = (await getMessage(app.handle.db, mails[0]!.id))!;
    expect(first.text).toContain('Handed in at');
    expect(first.text).not.toContain('/manage/');

    // the public tracking link works
    const url = new URL(created.trackingUrl);
    expect((await app.request(`/api/track/${created.reference}${url.search}`)).status).toBe(200);

    // staff with no shop must say which shop; staff with a shop cannot pick another
    const noShop = await post('/api/staff/walk-ins', admin, body);
    expect(noShop.status).toBe(422);
    expect(((await noShop.json()) as Problem).errors?.[0]?.path).toBe('shopSlug');
    const otherShop = await post('/api/staff/walk-ins', techA, { ...body, shopSlug: 'manchester' });
    expect(otherShop.status).toBe(422);
    const adminWalkIn = await post('/api/staff/walk-ins', admin, { ...body, shopSlug: 'manchester' });
    expect(adminWalkIn.status).toBe(201);
    expect((await detail(((await adminWalkIn.json()) as { orderId: string }).orderId)).shop?.slug).toBe(
      'manchester',
    );

    // validation: unknown repair, bad passcode combination, customers refused
    const badRepair = await post('/api/staff/walk-ins', techA, { ...body, repairSlugs: ['no-such-repair'] });
    expect(badRepair.status).toBe(422);
    expect(((await badRepair.json()) as Problem).errors?.[0]?.path).toBe('repairSlugs.0');
    expect((await post('/api/staff/walk-ins', techA, { ...body, passcode: undefined })).status).toBe(422);
    expect((await post('/api/staff/walk-ins', customer, body)).status).toBe(403);
  });

  it('every change writes exactly the expected timeline event, with its actor', async () => {
    const o = await bookOrder(app, { cookie: customer.cookie });
    const steps: Array<[string, () => Promise<Response>]> = [
      ['take', () => post(`/api/staff/orders/${o.orderId}/assign`, techA, { technicianId: techA.id })],
      ['intake', () => intake(o.orderId, techA, { passcodePolicy: 'provided', passcode: '0000' })],
      ['diagnosing', () => move(o.orderId, techA, 'diagnosing')],
      [
        'internal note',
        () => post(`/api/staff/orders/${o.orderId}/notes`, techA, { body: 'Check the flex' }),
      ],
      ['reveal', () => post(`/api/staff/orders/${o.orderId}/passcode/reveal`, techA)],
      ['repairing', () => move(o.orderId, techA, 'repairing', { message: 'Parts in stock' })],
      ['quality_check', () => move(o.orderId, techA, 'quality_check')],
      ['back', () => move(o.orderId, techA, 'repairing', { reason: 'Speaker crackles' })],
      ['quality_check again', () => move(o.orderId, techA, 'quality_check')],
      ['ready', () => move(o.orderId, techA, 'ready_for_collection', { qcNote: 'All tests pass' })],
      ['message', () => post(`/api/staff/orders/${o.orderId}/messages`, managerLondon, { body: 'Ready!' })],
      ['collected', () => move(o.orderId, managerLondon, 'collected')],
    ];
    for (const [name, step] of steps) {
      const res = await step();
      expect(res.status, `${name}: ${await res.clone().text()}`).toBeLessThan(300);
    }
    // refused changes write nothing
    expect((await move(o.orderId, techA, 'repairing', { reason: 'x' })).status).toBe(409);

    const events = await eventsOf(o.orderId);
    const T = techA.id;
    const M = managerLondon.id;
    expect(
      events.map((e) => [
        e.type,
        e.fromStatus,
        e.toStatus,
        e.actorUserId,
        e.actorRole,
        e.visibility,
        e.message,
      ]),
    ).toEqual([
      ['created', null, 'booked', null, 'customer', 'customer', expect.stringContaining('drop-off')],
      ['assigned', null, null, T, 'staff', 'internal', 'Assigned to Tess Tech'],
      ['intake', null, null, T, 'staff', 'internal', 'Cracked screen, scuffed corners'],
      ['status_changed', 'booked', 'received', T, 'staff', 'customer', null],
      ['status_changed', 'received', 'diagnosing', T, 'staff', 'customer', null],
      ['note', null, null, T, 'staff', 'internal', 'Check the flex'],
      ['passcode_viewed', null, null, T, 'staff', 'internal', expect.stringContaining('Tess Tech')],
      ['status_changed', 'diagnosing', 'repairing', T, 'staff', 'customer', 'Parts in stock'],
      ['status_changed', 'repairing', 'quality_check', T, 'staff', 'customer', null],
      ['status_changed', 'quality_check', 'repairing', T, 'staff', 'customer', 'Speaker crackles'],
      ['status_changed', 'repairing', 'quality_check', T, 'staff', 'customer', null],
      ['status_changed', 'quality_check', 'ready_for_collection', T, 'staff', 'customer', null],
      ['message', null, null, M, 'staff', 'customer', 'Ready!'],
      ['status_changed', 'ready_for_collection', 'collected', M, 'staff', 'customer', null],
    ]);
    expect(
      events.every(
        (e) => e.type === 'created' || e.actor === (e.actorUserId === T ? 'Tess Tech' : 'Mia Manager'),
      ),
    ).toBe(true);
    const ready = events.find((e) => e.toStatus === 'ready_for_collection')!;
    // a staff move also keeps what its undo would restore (data.undo, never shown to customers)
    expect(ready.data).toEqual({
      qcNote: 'All tests pass',
      undo: expect.objectContaining({ version: expect.any(Number), statusEnteredAt: expect.any(String) }),
    });
    const intakeEvent = events.find((e) => e.type === 'intake')!;
    expect(intakeEvent.data).toMatchObject({
      passcodePolicy: 'provided',
      passcodeStored: true,
      accessories: ['case'],
    });
    expect(JSON.stringify(intakeEvent.data)).not.toContain('0000');

    // the staff view shows every event, internal ones too, in order
    const d = await detail(o.orderId, admin);
    expect(d.timeline.map((e) => e.id)).toEqual(events.map((e) => e.id));
    // the public tracking view shows only customer-visible ones
    const track = (await (
      await app.request(`/api/track/${o.reference}?token=${encodeURIComponent(o.trackingToken)}`)
    ).json()) as { timeline: Array<{ type: string }> };
    expect(track.timeline.map((e) => e.type)).toEqual(
      events.filter((e) => e.visibility === 'customer').map((e) => e.type),
    );
  });

  it('lists technicians for the assignment picker and finds orders by uuid or reference', async () => {
    const res = await get('/api/staff/technicians', techA);
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as {
      items: Array<{ id: string; role: string; shopSlug: string | null }>;
    };
    const ids = items.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining([techA.id, techB.id, managerLondon.id, admin.id]));
    expect(ids).not.toContain(customer.id);
    expect(items.find((i) => i.id === techA.id)).toMatchObject({ role: 'technician', shopSlug: 'london' });

    const o = await bookOrder(app);
    expect((await detail(o.reference.toLowerCase())).id).toBe(o.orderId);
    expect((await get('/api/staff/orders/RT-ZZZZZZ', techA)).status).toBe(404);
    expect((await get('/api/staff/orders/00000000-0000-0000-0000-000000000000', techA)).status).toBe(404);
    expect((await move('RT-ZZZZZZ', managerLondon, 'received')).status).toBe(404);
  });
});
