/**
 * POST /api/analytics/events (the tracker's batches) on a real database: a valid batch is stored
 * exactly (pathname only, the account from the session, nothing about the request), every kind of
 * bad batch is refused whole (422 / 413) with nothing stored, a parallel flood past the per-address
 * limit gets 429 with only the allowed batches stored, DNT / GPC / ANALYTICS_MODE=off answer 204
 * and store nothing; retention deletes only old rows; migration 0016 folds app_events in.
 */
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.PUBLIC_RATE_LIMIT = 'on';
  process.env.TRUST_PROXY = 'true';
  process.env.RATE_LIMIT_ANALYTICS_EVENTS_IP = '5/1h';
});

import { asc, eq, like, sql } from 'drizzle-orm';
import { env } from '@/env';
import { analyticsEvents, user } from '@/server/db/schema';
import { purgeOldEvents } from '@/features/analytics/server/record-events';
import { BACKENDS, signUp, startApp, type TestApp } from './harness';

/** The rows of a raw query's result (node-postgres and PGlite both answer `{ rows }`). */
function rowsOfResult<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

let ipCounter = 0;
/** A client address of its own for each request group (the limit is per address). */
function newIp(): string {
  ipCounter += 1;
  const r = randomBytes(2);
  return `10.${r[0]}.${r[1]}.${ipCounter % 250}`;
}

const visit = (tag: string) => `${tag}-${randomBytes(6).toString('hex')}`;
const iso = (msAgo = 0) => new Date(Date.now() - msAgo).toISOString();

describe.each(BACKENDS)('analytics events on $name', (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(backend);
  });
  afterAll(() => app.close());

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    app.request('/api/analytics/events', {
      method: 'POST',
      headers: { 'x-forwarded-for': newIp(), ...headers },
      json: body,
    });
  const count = async () =>
    (await app.handle.db.select({ n: sql<number>`count(*)::int` }).from(analyticsEvents))[0]!.n;
  const rowsOf = (visitId: string) =>
    app.handle.db
      .select()
      .from(analyticsEvents)
      .where(eq(analyticsEvents.visitId, visitId))
      .orderBy(asc(analyticsEvents.id));

  it('stores a valid batch exactly: pathname only, known shop, clamped time, no request data', async () => {
    const v = visit('valid');
    const past = iso(5 * 60_000);
    const ua = 'Mozilla/5.0 (UniqueAgent-4242)';
    const ip = newIp();
    const res = await post(
      {
        events: [
          { name: 'page_view', visitId: v, path: '/shops/london?utm=x#map', occurredAt: past },
          {
            name: 'funnel_step',
            visitId: v,
            path: '/book-repair',
            occurredAt: past,
            props: { step: 'start' },
          },
          {
            name: 'install_prompt',
            visitId: v,
            occurredAt: past,
            props: { outcome: 'shown', trigger: 'booking' },
          },
          {
            name: 'push_click',
            visitId: v,
            path: '/shops/nowhere',
            occurredAt: past,
            props: { kind: 'quote_ready' },
          },
          { name: 'assistant_handover', visitId: v, occurredAt: iso(-3_600_000), props: { reason: 'human' } },
          { name: 'app_installed', visitId: v, path: '/', occurredAt: past },
        ],
      },
      { 'user-agent': ua, 'x-forwarded-for': ip },
    );
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 6 });
    const rows = await rowsOf(v);
    expect(
      rows.map(({ name, userId, path, shopSlug, props }) => ({ name, userId, path, shopSlug, props })),
    ).toEqual([
      { name: 'page_view', userId: null, path: '/shops/london', shopSlug: 'london', props: {} },
      { name: 'funnel_step', userId: null, path: '/book-repair', shopSlug: null, props: { step: 'start' } },
      {
        name: 'install_prompt',
        userId: null,
        path: null,
        shopSlug: null,
        props: { outcome: 'shown', trigger: 'booking' },
      },
      {
        name: 'push_click',
        userId: null,
        path: '/shops/nowhere',
        shopSlug: null,
        props: { kind: 'quote_ready' },
      },
      { name: 'assistant_handover', userId: null, path: null, shopSlug: null, props: { reason: 'human' } },
      { name: 'app_installed', userId: null, path: '/', shopSlug: null, props: {} },
    ]);
    expect(rows[0]!.occurredAt.toISOString()).toBe(past);
    // an hour in the future: clamped to the time it was received
    expect(rows[4]!.occurredAt.getTime()).toBe(rows[4]!.receivedAt.getTime());
    expect(rows[4]!.occurredAt.getTime()).toBeLessThanOrEqual(Date.now());
    // nothing about the request is kept: no column for it, and neither value anywhere
    const names = rowsOfResult<{ column_name: string }>(
      await app.handle.db.execute(
        sql`select column_name from information_schema.columns where table_name = 'analytics_events' and table_schema = current_schema() order by column_name`,
      ),
    );
    expect(names.map((c) => c.column_name)).toEqual([
      'id',
      'name',
      'occurred_at',
      'path',
      'props',
      'received_at',
      'shop_slug',
      'user_id',
      'visit_id',
    ]);
    expect(JSON.stringify(rows)).not.toContain(ip);
    expect(JSON.stringify(rows)).not.toContain('UniqueAgent');
  });

  it('takes the account from the session, never from the body', async () => {
    const email = `events-${randomBytes(3).toString('hex')}@example.com`;
    const cookie = await signUp(app, email);
    const [me] = await app.handle.db.select().from(user).where(eq(user.email, email));
    const v = visit('signed');
    const res = await post(
      { events: [{ name: 'page_view', visitId: v, path: '/account', occurredAt: iso() }] },
      { cookie },
    );
    expect(res.status).toBe(202);
    expect((await rowsOf(v)).map((r) => r.userId)).toEqual([me!.id]);

    // a userId in the body is not a field of an event: the batch is refused
    const forged = await post({
      events: [{ name: 'page_view', visitId: visit('forged'), occurredAt: iso(), userId: me!.id }],
    });
    expect(forged.status).toBe(422);
  });

  const ok = () => ({ name: 'page_view', visitId: visit('ok'), path: '/', occurredAt: iso() });
  it.each([
    ['an unknown name', { name: 'purchase', visitId: 'abcdefgh', occurredAt: iso() }, 'events.1.name'],
    [
      'props of another event',
      { ...ok(), name: 'funnel_step', props: { outcome: 'shown' } },
      'events.1.props',
    ],
    ['an unknown step', { ...ok(), name: 'funnel_step', props: { step: 'checkout' } }, 'events.1.props.step'],
    ['props on a page view', { ...ok(), props: { email: 'a@b.c' } }, 'events.1.props'],
    ['a NUL byte', { ...ok(), name: 'push_click', props: { kind: 'a\u0000b' } }, 'events.1.props.kind'],
    [
      'a control character',
      { ...ok(), name: 'push_click', props: { kind: 'a\u0007b' } },
      'events.1.props.kind',
    ],
    ['odd unicode in a path', { ...ok(), path: '/book\u202Erepair' }, 'events.1.path'],
    [
      'a long value',
      { ...ok(), name: 'assistant_handover', props: { reason: 'x'.repeat(41) } },
      'events.1.props.reason',
    ],
    ['a bad date', { ...ok(), occurredAt: 'yesterday' }, 'events.1.occurredAt'],
    ['a date over a day old', { ...ok(), occurredAt: iso(25 * 3_600_000) }, 'events.1.occurredAt'],
    ['an absolute URL as path', { ...ok(), path: 'https://evil.example/x' }, 'events.1.path'],
    ['a protocol-relative path', { ...ok(), path: '//evil.example/x' }, 'events.1.path'],
    ['a bad visit id', { ...ok(), visitId: 'short' }, 'events.1.visitId'],
    ['an extra field', { ...ok(), ip: '1.2.3.4' }, 'events.1'],
  ])('refuses a batch with %s: 422 with the field, nothing stored', async (_what, bad, field) => {
    const before = await count();
    const res = await post({ events: [ok(), bad, ok()] });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as { code: string; errors: Array<{ path: string; message: string }> };
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.errors.map((e) => e.path).some((p) => p.startsWith(field))).toBe(true);
    expect(await count()).toBe(before);
  });

  it.each([
    ['no events', { events: [] }],
    ['51 events', { events: Array.from({ length: 51 }, ok) }],
    ['no list', { name: 'page_view' }],
  ])('refuses %s with 422, nothing stored', async (_what, body) => {
    const before = await count();
    const res = await post(body);
    expect(res.status).toBe(422);
    expect(((await res.json()) as { errors: Array<{ path: string }> }).errors[0]!.path).toMatch(/^events/);
    expect(await count()).toBe(before);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const res = await app.request('/api/analytics/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': newIp() },
      body: '{"events":',
    });
    expect(res.status).toBe(400);
  });

  it('refuses a body over 16 KB with 413 (and over 64 KB too), nothing stored', async () => {
    const before = await count();
    const padded = Array.from({ length: 50 }, () => ({ ...ok(), path: `/${'p'.repeat(299)}` }));
    const body = { events: padded };
    expect(JSON.stringify(body).length).toBeGreaterThan(16 * 1024);
    const res = await post(body);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { code: string }).code).toBe('PAYLOAD_TOO_LARGE');
    const huge = await post({ events: [{ ...ok(), path: `/${'p'.repeat(70_000)}` }] });
    expect(huge.status).toBe(413);
    expect(await count()).toBe(before);
  });

  it('a parallel flood past the per-address limit gets 429; only the allowed batches are stored', async () => {
    const ip = newIp();
    const v = visit('flood');
    const batch = () => ({
      events: [
        { name: 'page_view', visitId: v, path: '/', occurredAt: iso() },
        {
          name: 'funnel_step',
          visitId: v,
          path: '/book-repair',
          occurredAt: iso(),
          props: { step: 'device' },
        },
      ],
    });
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => post(batch(), { 'x-forwarded-for': ip })),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(5).fill(202), ...Array(7).fill(429)]);
    const limited = responses.find((r) => r.status === 429)!;
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await rowsOf(v)).toHaveLength(10);
    // another address is not affected
    expect((await post(batch())).status).toBe(202);
  });

  it.each([
    ['DNT: 1', { dnt: '1' }],
    ['Sec-GPC: 1', { 'sec-gpc': '1' }],
  ])('answers 204 and stores nothing under %s', async (_what, headers) => {
    const before = await count();
    const res = await post({ events: [ok(), ok()] }, headers);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(await count()).toBe(before);
  });

  it('answers 204 and stores nothing while ANALYTICS_MODE=off', async () => {
    const mutable = env as { ANALYTICS_MODE: string };
    const before = await count();
    mutable.ANALYTICS_MODE = 'off';
    try {
      expect(env.ANALYTICS_MODE).toBe('off');
      const res = await post({ events: [ok()] });
      expect(res.status).toBe(204);
    } finally {
      mutable.ANALYTICS_MODE = 'on';
    }
    expect(await count()).toBe(before);
    expect((await post({ events: [ok()] })).status).toBe(202);
  });

  it('retention deletes only events older than the setting, in batches', async () => {
    const now = new Date();
    const day = 24 * 3_600_000;
    const v = visit('retention');
    const at = (days: number) => new Date(now.getTime() - days * day);
    await app.handle.db.insert(analyticsEvents).values(
      [400, 396, 395.5, 394, 10, 0].map((d) => ({
        name: 'page_view',
        visitId: v,
        path: `/${d}`,
        occurredAt: at(d),
        receivedAt: at(d),
      })),
    );
    const others = (await count()) - 6;
    const deleted = await purgeOldEvents(app.handle.db, 395, { now, batchSize: 2 });
    expect(deleted).toBe(3);
    expect((await rowsOf(v)).map((r) => r.path)).toEqual(['/394', '/10', '/0']);
    expect(await count()).toBe(others + 3);
    expect(await purgeOldEvents(app.handle.db, 395, { now })).toBe(0);
  });

  it('migration 0016 copies app_events rows into analytics_events before dropping the table', async () => {
    const db = app.handle.db;
    const create = fs.readFileSync('src/server/db/migrations/0011_app_events.sql', 'utf8');
    for (const stmt of create.split('--> statement-breakpoint')) await db.execute(sql.raw(stmt));
    await db.execute(sql`
      insert into app_events (name, data, created_at) values
        ('install_prompt_shown', '{"trigger":"booking","platform":"ios"}', now() - interval '3 days'),
        ('install_prompt_accepted', '{}', now() - interval '2 days'),
        ('install_prompt_dismissed', '{"via":"browser"}', now() - interval '1 day'),
        ('app_installed', '{}', now())`);
    const fold = fs.readFileSync('src/server/db/migrations/0016_fold_app_events.sql', 'utf8');
    for (const stmt of fold.split('--> statement-breakpoint')) await db.execute(sql.raw(stmt));
    const rows = await db
      .select()
      .from(analyticsEvents)
      .where(like(analyticsEvents.visitId, 'legacy-%'))
      .orderBy(asc(analyticsEvents.occurredAt));
    expect(rows.map((r) => ({ name: r.name, props: r.props, path: r.path }))).toEqual([
      {
        name: 'install_prompt',
        props: { outcome: 'shown', trigger: 'booking', platform: 'ios' },
        path: null,
      },
      { name: 'install_prompt', props: { outcome: 'accepted' }, path: null },
      { name: 'install_prompt', props: { outcome: 'dismissed', via: 'browser' }, path: null },
      { name: 'app_installed', props: {}, path: null },
    ]);
    const [first] = rowsOfResult<{ t: string | null }>(
      await db.execute(sql`select to_regclass('app_events')::text as t`),
    );
    expect(first?.t).toBeNull();
  });
});
