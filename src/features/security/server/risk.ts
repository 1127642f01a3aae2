/**
 * The security monitor's risk score for one sign-in: pure, so the table of cases in
 * risk.test.ts pins every factor and threshold. The weights make any one factor alone pass,
 * two together ask for a step-up (second factor or an e-mailed code), and most of them at once
 * block the sign-in.
 */
import type { RiskFactor } from '@/server/db/schema';

export interface RiskInput {
  /** the user has completed a sign-in before (without history nothing is "new") */
  hasHistory: boolean;
  /** no device cookie, or this device cookie + browser has never completed a sign-in */
  newDevice: boolean;
  /** the IP range (IPv4 /24, IPv6 /48) has never completed a sign-in for this user */
  newNetwork: boolean;
  /** hour of day (UTC, 0-23) of this attempt */
  hour: number;
  /** hours of day (UTC) of the user's recent completed sign-ins */
  usualHours: readonly number[];
  /** failed passwords / codes for this account in the lockout window */
  recentFailures: number;
  /** sign-ins for this account that got past the password in the last 10 minutes */
  recentAttempts: number;
}

export interface RiskThresholds {
  stepUp: number;
  block: number;
}

export type RiskDecision = 'allow' | 'step_up' | 'block';

export interface RiskAssessment {
  score: number;
  factors: RiskFactor[];
  decision: RiskDecision;
}

export const RISK_WEIGHTS = {
  newDevice: 30,
  newNetwork: 25,
  unusualHour: 25,
  someFailures: 10,
  manyFailures: 25,
  lockoutFailures: 40,
  rapidAttempts: 15,
} as const;

/** Fewer completed sign-ins than this and no hour is unusual yet. */
export const MIN_HOURS_FOR_PATTERN = 5;
/** An hour this far (or further) from every usual hour is unusual. */
export const UNUSUAL_HOUR_DISTANCE = 3;

/** Distance between two hours of the day on the 24-hour clock (23 and 1 are 2 apart). */
export function hourDistance(a: number, b: number): number {
  const d = Math.abs(a - b) % 24;
  return Math.min(d, 24 - d);
}

export function scoreSignIn(input: RiskInput, thresholds: RiskThresholds): RiskAssessment {
  const factors: RiskFactor[] = [];
  if (input.hasHistory && input.newDevice) {
    factors.push({
      code: 'new_device',
      points: RISK_WEIGHTS.newDevice,
      detail: 'First sign-in from this device and browser',
    });
  }
  if (input.hasHistory && input.newNetwork) {
    factors.push({
      code: 'new_network',
      points: RISK_WEIGHTS.newNetwork,
      detail: 'First sign-in from this network range',
    });
  }
  if (input.usualHours.length >= MIN_HOURS_FOR_PATTERN) {
    const nearest = Math.min(...input.usualHours.map((h) => hourDistance(h, input.hour)));
    if (nearest >= UNUSUAL_HOUR_DISTANCE) {
      factors.push({
        code: 'unusual_hour',
        points: RISK_WEIGHTS.unusualHour,
        detail: `Signed in at ${String(input.hour).padStart(2, '0')}:00 UTC, ${nearest} h from any usual time`,
      });
    }
  }
  if (input.recentFailures > 0) {
    const points =
      input.recentFailures >= 5
        ? RISK_WEIGHTS.lockoutFailures
        : input.recentFailures >= 3
          ? RISK_WEIGHTS.manyFailures
          : RISK_WEIGHTS.someFailures;
    factors.push({
      code: 'failed_attempts',
      points,
      detail: `${input.recentFailures} failed attempt${input.recentFailures === 1 ? '' : 's'} just before`,
    });
  }
  if (input.recentAttempts >= 5) {
    factors.push({
      code: 'rapid_attempts',
      points: RISK_WEIGHTS.rapidAttempts,
      detail: `${input.recentAttempts} sign-ins in the last 10 minutes`,
    });
  }
  const score = factors.reduce((sum, f) => sum + f.points, 0);
  const decision: RiskDecision =
    score >= thresholds.block ? 'block' : score >= thresholds.stepUp ? 'step_up' : 'allow';
  return { score, factors, decision };
}
