/**
 * Two app processes sharing PostgreSQL and Redis (the API-only entry, src/server/api-server.ts,
 * started twice): an event caused by a request to instance A reaches a live-stream client of
 * instance B, and a price changed through A shows in B's next quote (the cache's Redis bus).
 * Needs TEST_DATABASE_URL and TEST_REDIS_URL (CI sets both).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env } from '@/env';
import { cookiesFrom } from './harness';
import { startInstance, stopInstance as stop, type Instance } from './instances';
import { openSse, type SseStream } from './sse';

const DB = env.TEST_DATABASE_URL;
const REDIS = env.TEST_REDIS_URL;

describe.skipIf(!DB || !REDIS)(
  'two app instances on one PostgreSQL and Redis (skipped: needs TEST_DATABASE_URL and TEST_REDIS_URL)',
  () => {
    const dbName = `rt_multi_${randomBytes(5).toString('hex')}`;
    let appDb = '';
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-multi-'));
    let a: Instance | undefined;
    let b: Instance | undefined;
    const streams: SseStream[] = [];

    beforeAll(async () => {
      const { default: pg } = await import('pg');
      const admin = new pg.Client({ connectionString: DB });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${dbName}`);
      await admin.end();
      const url = new URL(DB!);
      url.pathname = `/${dbName}`;
      appDb = url.toString();
      const shared = {
        DATABASE_URL: url.toString(),
        REDIS_URL: REDIS!,
        DATA_DIR: dataDir,
        // every instance must share these (README, Scaling out)
        AUTH_SECRET: randomBytes(32).toString('hex'),
        ENCRYPTION_KEY: randomBytes(32).toString('hex'),
        AUTH_RATE_LIMIT: 'off',
        LOG_LEVEL: 'warn',
      };
      // A first (it migrates and seeds), then B on the migrated database
      a = await startInstance('A', {
        ...shared,
        ADMIN_EMAIL: 'admin@multi.test',
        ADMIN_PASSWORD: 'multi-admin-password',
      });
      b = await startInstance('B', shared);
    }, 180_000);

    afterAll(async () => {
      for (const s of streams) s.close();
      await Promise.all([stop(a), stop(b)]);
      const { default: pg } = await import('pg');
      const admin = new pg.Client({ connectionString: DB });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }, 60_000);

    const sse = async (instance: Instance, p: string, cookie?: string) => {
      const s = await openSse((q, init) => instance.request(q, init), p, cookie ? { cookie } : {});
      streams.push(s);
      expect(s.status, `${instance.name} ${p}`).toBe(200);
      await s.ready;
      return s;
    };

    it('streams on B what a request to A changed: a new booking, then its cancellation', async () => {
      // the admin (created by A at start) watches the staff board on B
      const signIn = await b!.request('/api/auth/sign-in/email', {
        method: 'POST',
        json: { email: 'admin@multi.test', password: 'multi-admin-password' },
      });
      expect(signIn.status).toBe(200);
      const adminCookie = cookiesFrom(signIn);
      // staff reach the console with two-factor on (STAFF_TWO_FACTOR=required): as if set up
      const { default: pg } = await import('pg');
      const db = new pg.Client({ connectionString: appDb });
      await db.connect();
      await db.query(`UPDATE "user" SET two_factor_enabled = true WHERE email = 'admin@multi.test'`);
      await db.end();
      const board = await sse(b!, '/api/staff/live', adminCookie);

      // a customer books through A
      const signUp = await a!.request('/api/auth/sign-up/email', {
        method: 'POST',
        json: { email: 'owner@multi.test', password: 'correct-horse-battery', name: 'Owner' },
      });
      expect(signUp.status).toBe(200);
      // sign-up starts no session (it answers a registered address the same way): sign in
      const ownerIn = await a!.request('/api/auth/sign-in/email', {
        method: 'POST',
        json: { email: 'owner@multi.test', password: 'correct-horse-battery' },
      });
      expect(ownerIn.status).toBe(200);
      const ownerCookie = cookiesFrom(ownerIn);
      const booked = await a!.request('/api/bookings', {
        method: 'POST',
        headers: { cookie: ownerCookie },
        json: {
          modelSlug: 'iphone-15',
          repairSlugs: ['screen-crack'],
          urgency: 'standard',
          service: { type: 'mail_in' },
          customer: { name: 'Owner', email: 'owner@multi.test' },
          paymentMethod: 'collection',
        },
      });
      expect(booked.status).toBe(201);
      const booking = (await booked.json()) as {
        reference: string;
        trackingToken: string;
        manageUrl: string;
      };

      const created = await board.next(10_000);
      expect(created.json).toMatchObject({ reference: booking.reference, type: 'created', status: 'booked' });

      // the tracking link and the owner's portal stream, both on B
      const tracking = await sse(
        b!,
        `/api/track/${booking.reference}/live?token=${encodeURIComponent(booking.trackingToken)}`,
      );
      const mine = await sse(b!, `/api/account/repairs/${booking.reference}/live`, ownerCookie);

      // the customer cancels through A (the manage link's signature authorises it)
      const sig = new URL(booking.manageUrl).searchParams.get('sig')!;
      const cancelled = await a!.request(`/api/bookings/${booking.reference}/cancel`, {
        method: 'POST',
        json: { sig },
      });
      expect(cancelled.status).toBe(200);

      for (const s of [tracking, mine]) {
        expect((await s.next(10_000)).json).toMatchObject({
          reference: booking.reference,
          type: 'status_changed',
          toStatus: 'cancelled',
          status: 'cancelled',
        });
      }
      expect((await board.next(10_000)).json).toMatchObject({
        reference: booking.reference,
        status: 'cancelled',
      });
    });

    it('a price changed through A shows in the next quote from B (cache invalidation over Redis)', async () => {
      // sign in before two-factor is marked set up (then the session needs no code), as above
      const { default: pg } = await import('pg');
      const db = new pg.Client({ connectionString: appDb });
      await db.connect();
      await db.query(`UPDATE "user" SET two_factor_enabled = false WHERE email = 'admin@multi.test'`);
      const signIn = await a!.request('/api/auth/sign-in/email', {
        method: 'POST',
        json: { email: 'admin@multi.test', password: 'multi-admin-password' },
      });
      expect(signIn.status).toBe(200);
      const cookie = cookiesFrom(signIn);
      await db.query(`UPDATE "user" SET two_factor_enabled = true WHERE email = 'admin@multi.test'`);
      await db.end();
      const quoteOnB = async () => {
        const res = await b!.request('/api/pricing/quote', {
          method: 'POST',
          json: { modelSlug: 'pixel-8', repairSlugs: ['battery'] },
        });
        expect(res.status).toBe(200);
        return ((await res.json()) as { lines: Array<{ partsMinor: number }> }).lines[0]!.partsMinor;
      };
      expect(await quoteOnB()).not.toBe(7_777); // B holds the catalogue in its cache now
      const changed = await a!.request('/api/admin/catalog/models/pixel-8/repairs/battery/price', {
        method: 'PUT',
        headers: { cookie },
        json: { partsMinor: 7_777, labourMinor: 1_000 },
      });
      expect(changed.status, a!.output.join('')).toBe(200);
      // the bus delivers within milliseconds; B's memo was for 5 minutes
      const deadline = Date.now() + 5_000;
      let seen = await quoteOnB();
      while (seen !== 7_777 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        seen = await quoteOnB();
      }
      expect(seen).toBe(7_777);
    });

    it('stops promptly on SIGTERM with live streams still open', async () => {
      expect(streams.length).toBeGreaterThan(0);
      // exit code 0 from their own shutdown (a process killed after 15 s would have none)
      const [codeA, codeB] = await Promise.all([stop(a), stop(b)]);
      expect(codeA, a!.output.join('')).toBe(0);
      expect(codeB, b!.output.join('')).toBe(0);
    });
  },
);
