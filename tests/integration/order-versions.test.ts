/**
 * Order versions and offline replays through HTTP on a real database: every write to an order
 * moves its version on (status, intake, assignment, lines, whatever path made it); a change based
 * on a stale version is refused with 409 VERSION_CONFLICT and the current state; of two changes
 * racing on the same version exactly one wins; a note or message sent again with its
 * Idempotency-Key (an offline outbox retrying) is stored once, even when the two sends race.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { notifications, repairOrderEvents, repairOrders } from '@/server/db/schema';
import { BACKENDS, startApp, type TestApp } from './harness';
import { bookOrder, createUser, type BookedOrder, type TestUser } from './fixtures';

interface OrderState {
  id: string;
  reference: string;
  status: string;
  assignedTechnicianId: string | null;
  version: number;
}
interface Problem {
  status: number;
  code: string;
  detail: string;
  current?: OrderState;
  errors?: Array<{ path: string; message: string }>;
}

describe.each(BACKENDS)('order versions on $name', (backend) => {
  let app: TestApp;
  let tech: TestUser;
  let manager: TestUser;
  let customer: TestUser;

  beforeAll(async () => {
    app = await startApp(backend);
    tech = await createUser(app, 'technician', { shopSlug: 'london', name: 'Tom Offline' });
    manager = await createUser(app, 'manager', { shopSlug: 'london', name: 'Meg Online' });
    customer = await createUser(app, 'customer', { name: 'Cleo Customer' });
  });
  afterAll(() => app.close());

  const post = (path: string, who: TestUser, json: unknown, headers: Record<string, string> = {}) =>
    app.request(path, { method: 'POST', headers: { cookie: who.cookie, ...headers }, json });
  const version = async (orderId: string) => {
    const [row] = await app.handle.db
      .select({ version: repairOrders.version })
      .from(repairOrders)
      .where(eq(repairOrders.id, orderId));
    return row!.version;
  };
  const detail = async (orderId: string, who: TestUser = tech) => {
    const res = await app.request(`/api/staff/orders/${orderId}`, { headers: { cookie: who.cookie } });
    expect(res.status).toBe(200);
    return (await res.json()) as OrderState & { timeline: Array<{ type: string; message: string | null }> };
  };
  /** a booked order, received by `tech` (intake) so it is theirs and `received` */
  async function receivedOrder(): Promise<BookedOrder> {
    const order = await bookOrder(app, { cookie: customer.cookie });
    const res = await post(`/api/staff/orders/${order.orderId}/intake`, tech, {
      conditionNotes: 'Screen cracked',
      accessories: [],
      passcodePolicy: 'none',
    });
    expect(res.status, await res.clone().text()).toBe(200);
    return order;
  }

  it('starts at 1 and moves on with every write to the order, whichever path makes it', async () => {
    const order = await bookOrder(app, { cookie: customer.cookie });
    expect(await version(order.orderId)).toBe(1);
    expect((await detail(order.orderId)).version).toBe(1);

    // intake (assignment + intake + status in one transaction): the answer carries the new version
    const intake = await post(`/api/staff/orders/${order.orderId}/intake`, tech, {
      conditionNotes: 'Back glass cracked',
      accessories: ['case'],
      passcodePolicy: 'none',
      expectedVersion: 1,
    });
    expect(intake.status, await intake.clone().text()).toBe(200);
    const afterIntake = (await intake.json()) as OrderState;
    expect(afterIntake.version).toBeGreaterThan(1);
    expect(afterIntake.version).toBe(await version(order.orderId));

    const moved = await post(`/api/staff/orders/${order.orderId}/status`, tech, {
      to: 'diagnosing',
      expectedVersion: afterIntake.version,
    });
    expect(moved.status).toBe(200);
    const afterMove = (await moved.json()) as OrderState;
    expect(afterMove.version).toBe(afterIntake.version + 1);
    expect((await detail(order.orderId)).version).toBe(afterMove.version);

    const assigned = await post(`/api/staff/orders/${order.orderId}/assign`, manager, {
      technicianId: manager.id,
      expectedVersion: afterMove.version,
    });
    expect(assigned.status, await assigned.clone().text()).toBe(200);
    const afterAssign = (await assigned.json()) as OrderState;
    expect(afterAssign.version).toBe(afterMove.version + 1);

    // another domain's write to the row (a parts line touches the order) moves it on too
    const line = await post(`/api/staff/orders/${order.orderId}/lines`, manager, {
      kind: 'part',
      description: 'Back glass',
      quantity: 1,
      unitMinor: 2000,
    });
    expect(line.status, await line.clone().text()).toBe(201);
    expect(await version(order.orderId)).toBe(afterAssign.version + 1);

    // notes are appended: they never move the version
    const note = await post(`/api/staff/orders/${order.orderId}/notes`, manager, { body: 'Ordered glass' });
    expect(note.status).toBe(201);
    expect(await version(order.orderId)).toBe(afterAssign.version + 1);
  });

  it('refuses a status change on a stale version with 409 VERSION_CONFLICT and the current state', async () => {
    const order = await receivedOrder();
    const seen = (await detail(order.orderId)).version;
    // someone else moves the order on meanwhile
    const theirs = await post(`/api/staff/orders/${order.orderId}/status`, manager, {
      to: 'diagnosing',
      expectedVersion: seen,
    });
    expect(theirs.status).toBe(200);
    const current = (await theirs.json()) as OrderState;

    const mine = await post(`/api/staff/orders/${order.orderId}/status`, tech, {
      to: 'cancelled',
      reason: 'Customer changed their mind',
      expectedVersion: seen,
    });
    expect(mine.status).toBe(409);
    expect(mine.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await mine.json()) as Problem;
    expect(problem.code).toBe('VERSION_CONFLICT');
    expect(problem.current).toMatchObject({
      id: order.orderId,
      reference: order.reference,
      status: 'diagnosing',
      version: current.version,
    });
    // nothing was overwritten
    expect((await detail(order.orderId)).status).toBe('diagnosing');
    expect(await version(order.orderId)).toBe(current.version);

    // "apply mine on top": the same change against the current version goes through
    const again = await post(`/api/staff/orders/${order.orderId}/status`, tech, {
      to: 'repairing',
      expectedVersion: problem.current!.version,
    });
    expect(again.status, await again.clone().text()).toBe(200);
    expect(((await again.json()) as OrderState).status).toBe('repairing');

    // without expectedVersion a change is made regardless (the online console before versions)
    const plain = await post(`/api/staff/orders/${order.orderId}/status`, tech, { to: 'quality_check' });
    expect(plain.status).toBe(200);
  });

  it('refuses stale intake and assignment the same way', async () => {
    const order = await bookOrder(app, { cookie: customer.cookie });
    const assigned = await post(`/api/staff/orders/${order.orderId}/assign`, manager, {
      technicianId: tech.id,
      expectedVersion: 1,
    });
    expect(assigned.status).toBe(200);
    const now = ((await assigned.json()) as OrderState).version;

    const staleAssign = await post(`/api/staff/orders/${order.orderId}/assign`, manager, {
      technicianId: manager.id,
      expectedVersion: 1,
    });
    expect(staleAssign.status).toBe(409);
    const assignProblem = (await staleAssign.json()) as Problem;
    expect(assignProblem.code).toBe('VERSION_CONFLICT');
    expect(assignProblem.current).toMatchObject({ assignedTechnicianId: tech.id, version: now });

    const staleIntake = await post(`/api/staff/orders/${order.orderId}/intake`, tech, {
      conditionNotes: 'Fine',
      accessories: [],
      passcodePolicy: 'none',
      expectedVersion: 1,
    });
    expect(staleIntake.status).toBe(409);
    const intakeProblem = (await staleIntake.json()) as Problem;
    expect(intakeProblem.code).toBe('VERSION_CONFLICT');
    expect(intakeProblem.current).toMatchObject({ status: 'booked', version: now });
    expect((await detail(order.orderId)).status).toBe('booked');
  });

  it('answers a malformed expectedVersion with a field message', async () => {
    const order = await receivedOrder();
    for (const bad of ['3', 1.5, 0, -1, null]) {
      const res = await post(`/api/staff/orders/${order.orderId}/status`, tech, {
        to: 'diagnosing',
        expectedVersion: bad,
      });
      expect(res.status, `expectedVersion ${JSON.stringify(bad)}`).toBe(422);
      const problem = (await res.json()) as Problem;
      expect(problem.errors?.map((e) => e.path)).toContain('expectedVersion');
    }
  });

  it('lets exactly one of two parallel changes on the same version win', async () => {
    const order = await receivedOrder();
    const seen = (await detail(order.orderId)).version;
    const [a, b] = await Promise.all([
      post(`/api/staff/orders/${order.orderId}/status`, tech, { to: 'diagnosing', expectedVersion: seen }),
      post(`/api/staff/orders/${order.orderId}/status`, manager, {
        to: 'cancelled',
        reason: 'Duplicate order',
        expectedVersion: seen,
      }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = (a.status === 409 ? await a.json() : await b.json()) as Problem;
    const winner = (a.status === 200 ? await a.json() : await b.json()) as OrderState;
    expect(loser.code).toBe('VERSION_CONFLICT');
    expect(loser.current).toMatchObject({ status: winner.status, version: winner.version });
    expect(winner.version).toBe(seen + 1);
    const events = await app.handle.db
      .select({ type: repairOrderEvents.type })
      .from(repairOrderEvents)
      .where(and(eq(repairOrderEvents.orderId, order.orderId), eq(repairOrderEvents.type, 'status_changed')));
    // received at intake, then the one winner
    expect(events).toHaveLength(2);
  });

  it('stores a note replayed with its Idempotency-Key once, and says it was a replay', async () => {
    const order = await receivedOrder();
    const key = crypto.randomUUID();
    const body = { body: 'Replaced the battery connector', visibility: 'customer' };
    const first = await post(`/api/staff/orders/${order.orderId}/notes`, tech, body, {
      'idempotency-key': key,
    });
    expect(first.status).toBe(201);
    const stored = (await first.json()) as { id: number };
    const replay = await post(`/api/staff/orders/${order.orderId}/notes`, tech, body, {
      'idempotency-key': key,
    });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(((await replay.json()) as { id: number }).id).toBe(stored.id);
    const notes = await app.handle.db
      .select()
      .from(repairOrderEvents)
      .where(and(eq(repairOrderEvents.orderId, order.orderId), eq(repairOrderEvents.type, 'note')));
    expect(notes).toHaveLength(1);
    // the customer was told once
    const told = await app.handle.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.orderId, order.orderId), eq(notifications.type, 'note')));
    expect(told).toHaveLength(1);

    // the same key with other content is refused, not stored
    const other = await post(
      `/api/staff/orders/${order.orderId}/notes`,
      tech,
      { body: 'Something else' },
      { 'idempotency-key': key },
    );
    expect(other.status).toBe(422);
    expect(((await other.json()) as Problem).code).toBe('IDEMPOTENCY_MISMATCH');

    // a malformed key is a field message
    const bad = await post(`/api/staff/orders/${order.orderId}/notes`, tech, body, {
      'idempotency-key': 'x',
    });
    expect(bad.status).toBe(422);
  });

  it('stores parallel replays of one note and one message once each', async () => {
    const order = await receivedOrder();
    const noteKey = crypto.randomUUID();
    const messageKey = crypto.randomUUID();
    const sends = await Promise.all([
      ...Array.from({ length: 3 }, () =>
        post(
          `/api/staff/orders/${order.orderId}/notes`,
          tech,
          { body: 'Burst note' },
          { 'idempotency-key': noteKey },
        ),
      ),
      ...Array.from({ length: 3 }, () =>
        post(
          `/api/staff/orders/${order.orderId}/messages`,
          tech,
          { body: 'Your phone is nearly ready' },
          { 'idempotency-key': messageKey },
        ),
      ),
    ]);
    const codes = sends.map((r) => r.status);
    expect(codes.filter((c) => c === 201)).toHaveLength(2);
    expect(codes.filter((c) => c === 200)).toHaveLength(4);
    const ids = await Promise.all(sends.map(async (r) => ((await r.json()) as { id: number }).id));
    expect(new Set(ids.slice(0, 3)).size).toBe(1);
    expect(new Set(ids.slice(3)).size).toBe(1);
    const rows = await app.handle.db
      .select({ type: repairOrderEvents.type })
      .from(repairOrderEvents)
      .where(eq(repairOrderEvents.orderId, order.orderId));
    expect(rows.filter((r) => r.type === 'note')).toHaveLength(1);
    expect(rows.filter((r) => r.type === 'message')).toHaveLength(1);
  });
});
