/**
 * The security monitor's bookkeeping around the pure score (risk.ts): what this user's past
 * completed sign-ins say about this one, the security_events row for the admin page, and
 * remembering the device and network once a sign-in completes.
 */
import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import { env } from '@/env';
import type { Db } from '@/server/db/runtime';
import { knownDevices, knownNetworks, securityEvents } from '@/server/db/schema';
import { deviceFingerprint, ipPrefix } from './network';
import { scoreSignIn, type RiskAssessment } from './risk';

/** Outcomes that mean the user really got in (they make hours, devices and networks "usual"). */
export const COMPLETED_OUTCOMES = ['signed_in', 'two_factor_passed', 'step_up_passed'] as const;
export type SecurityOutcome = (typeof COMPLETED_OUTCOMES)[number] | 'two_factor' | 'step_up_sent' | 'blocked';

export interface SignInContext {
  userId: string;
  email: string;
  ip: string | null;
  userAgent: string | null;
  /** the device cookie, when the browser sent one */
  deviceId: string | null;
  now: Date;
  /** failed attempts for this account in the lockout window */
  recentFailures: number;
}

export interface Assessment extends RiskAssessment {
  fingerprint: string | null;
  ipPrefix: string | null;
}

const HISTORY_SIZE = 30;

export async function assessSignIn(db: Db, ctx: SignInContext): Promise<Assessment> {
  const fingerprint = ctx.deviceId ? deviceFingerprint(ctx.deviceId, ctx.userAgent) : null;
  const prefix = ipPrefix(ctx.ip);
  const tenMinutesAgo = new Date(ctx.now.getTime() - 10 * 60_000);
  const [devices, networks, history, attempts] = await Promise.all([
    db
      .select({ fingerprint: knownDevices.fingerprint })
      .from(knownDevices)
      .where(eq(knownDevices.userId, ctx.userId)),
    db
      .select({ ipPrefix: knownNetworks.ipPrefix })
      .from(knownNetworks)
      .where(eq(knownNetworks.userId, ctx.userId)),
    db
      .select({ occurredAt: securityEvents.occurredAt })
      .from(securityEvents)
      .where(
        and(eq(securityEvents.userId, ctx.userId), inArray(securityEvents.outcome, [...COMPLETED_OUTCOMES])),
      )
      .orderBy(desc(securityEvents.occurredAt))
      .limit(HISTORY_SIZE),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(securityEvents)
      .where(and(eq(securityEvents.userId, ctx.userId), gte(securityEvents.occurredAt, tenMinutesAgo))),
  ]);
  const assessment = scoreSignIn(
    {
      hasHistory: devices.length > 0 || networks.length > 0,
      newDevice: !fingerprint || !devices.some((d) => d.fingerprint === fingerprint),
      newNetwork: !prefix || !networks.some((n) => n.ipPrefix === prefix),
      hour: ctx.now.getUTCHours(),
      usualHours: history.map((h) => h.occurredAt.getUTCHours()),
      recentFailures: ctx.recentFailures,
      recentAttempts: attempts[0]?.n ?? 0,
    },
    { stepUp: env.RISK_STEP_UP_SCORE, block: env.RISK_BLOCK_SCORE },
  );
  return { ...assessment, fingerprint, ipPrefix: prefix };
}

export async function recordSecurityEvent(
  db: Db,
  ctx: SignInContext,
  assessment: Assessment,
  outcome: SecurityOutcome,
): Promise<number> {
  const [row] = await db
    .insert(securityEvents)
    .values({
      occurredAt: ctx.now,
      userId: ctx.userId,
      email: ctx.email,
      ip: ctx.ip,
      ipPrefix: assessment.ipPrefix,
      userAgent: ctx.userAgent?.slice(0, 500) ?? null,
      deviceFingerprint: assessment.fingerprint,
      score: assessment.score,
      factors: assessment.factors,
      decision: assessment.decision,
      outcome,
    })
    .returning({ id: securityEvents.id });
  return row!.id;
}

/** A pending sign-in (second factor or step-up) got through: its event says so. */
export async function completePendingEvent(
  db: Db,
  userId: string,
  from: SecurityOutcome,
  to: SecurityOutcome,
): Promise<void> {
  await db.execute(sql`
    update ${securityEvents} set outcome = ${to}
    where id = (
      select id from ${securityEvents}
      where user_id = ${userId} and outcome = ${from}
      order by occurred_at desc limit 1
    )`);
}

/** The device and network of a completed sign-in become known for this user. */
export async function rememberDevice(
  db: Db,
  input: { userId: string; deviceId: string; userAgent: string | null; ip: string | null; now: Date },
): Promise<void> {
  const fingerprint = deviceFingerprint(input.deviceId, input.userAgent);
  await db
    .insert(knownDevices)
    .values({
      userId: input.userId,
      fingerprint,
      userAgent: input.userAgent?.slice(0, 500) ?? null,
      firstSeenAt: input.now,
      lastSeenAt: input.now,
    })
    .onConflictDoUpdate({
      target: [knownDevices.userId, knownDevices.fingerprint],
      set: { lastSeenAt: input.now },
    });
  const prefix = ipPrefix(input.ip);
  if (prefix) {
    await db
      .insert(knownNetworks)
      .values({ userId: input.userId, ipPrefix: prefix, firstSeenAt: input.now, lastSeenAt: input.now })
      .onConflictDoUpdate({
        target: [knownNetworks.userId, knownNetworks.ipPrefix],
        set: { lastSeenAt: input.now },
      });
  }
}
