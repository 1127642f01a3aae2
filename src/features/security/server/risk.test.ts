import { describe, expect, it } from 'vitest';
import { hourDistance, scoreSignIn, type RiskInput } from './risk';

const thresholds = { stepUp: 50, block: 90 };
const usual = [9, 10, 10, 11, 14, 9];
const base: RiskInput = {
  hasHistory: true,
  newDevice: false,
  newNetwork: false,
  hour: 10,
  usualHours: usual,
  recentFailures: 0,
  recentAttempts: 1,
};

describe('scoreSignIn', () => {
  it.each<[string, Partial<RiskInput>, number, string[], 'allow' | 'step_up' | 'block']>([
    ['a usual sign-in', {}, 0, [], 'allow'],
    [
      'first sign-in ever: nothing is new without history',
      { hasHistory: false, newDevice: true, newNetwork: true, usualHours: [] },
      0,
      [],
      'allow',
    ],
    ['new device alone', { newDevice: true }, 30, ['new_device'], 'allow'],
    ['new network alone', { newNetwork: true }, 25, ['new_network'], 'allow'],
    ['unusual hour alone', { hour: 3 }, 25, ['unusual_hour'], 'allow'],
    ['an hour near a usual one is not unusual', { hour: 12 }, 0, [], 'allow'],
    ['the clock wraps: 23:00 is near 01:00', { hour: 23, usualHours: [1, 1, 0, 2, 1] }, 0, [], 'allow'],
    ['too little history for a pattern', { hour: 3, usualHours: [10, 10, 10, 10] }, 0, [], 'allow'],
    [
      'new device at an unusual hour',
      { newDevice: true, hour: 3 },
      55,
      ['new_device', 'unusual_hour'],
      'step_up',
    ],
    [
      'new device on a new network',
      { newDevice: true, newNetwork: true },
      55,
      ['new_device', 'new_network'],
      'step_up',
    ],
    ['one failed attempt', { recentFailures: 1 }, 10, ['failed_attempts'], 'allow'],
    [
      'three failed attempts and a new device',
      { recentFailures: 3, newDevice: true },
      55,
      ['new_device', 'failed_attempts'],
      'step_up',
    ],
    ['rapid attempts alone', { recentAttempts: 6 }, 15, ['rapid_attempts'], 'allow'],
    [
      'new device, new network, unusual hour, failures',
      { newDevice: true, newNetwork: true, hour: 3, recentFailures: 1 },
      90,
      ['new_device', 'new_network', 'unusual_hour', 'failed_attempts'],
      'block',
    ],
    [
      'everything at once',
      { newDevice: true, newNetwork: true, hour: 3, recentFailures: 5, recentAttempts: 9 },
      135,
      ['new_device', 'new_network', 'unusual_hour', 'failed_attempts', 'rapid_attempts'],
      'block',
    ],
  ])('%s', (_label, overrides, score, codes, decision) => {
    const result = scoreSignIn({ ...base, ...overrides }, thresholds);
    expect(result.score).toBe(score);
    expect(result.factors.map((f) => f.code)).toEqual(codes);
    expect(result.decision).toBe(decision);
    expect(result.factors.every((f) => f.detail.length > 0)).toBe(true);
  });

  it('follows the configured thresholds', () => {
    expect(scoreSignIn({ ...base, newDevice: true }, { stepUp: 30, block: 90 }).decision).toBe('step_up');
    expect(scoreSignIn({ ...base, newDevice: true }, { stepUp: 10, block: 30 }).decision).toBe('block');
  });
});

describe('hourDistance', () => {
  it.each([
    [0, 0, 0],
    [1, 23, 2],
    [6, 18, 12],
    [10, 13, 3],
  ])('%i and %i are %i apart', (a, b, d) => {
    expect(hourDistance(a, b)).toBe(d);
    expect(hourDistance(b, a)).toBe(d);
  });
});
