import { describe, expect, it } from 'vitest';
import {
  INITIAL_STATE,
  VISIT_GAP_MS,
  isIosSafari,
  parseState,
  recordDismissal,
  recordEngagement,
  recordInstalled,
  recordPageView,
  shouldOfferInstall,
  triggerOf,
  type InstallState,
} from './install-rules';

const DAY = 24 * 3600 * 1000;
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const browser = { standalone: false };

function views(state: InstallState, times: number[]): InstallState {
  return times.reduce((s, t) => recordPageView(s, t), state);
}

describe('install prompt rules', () => {
  it('never offers on the first page view, even after a booking or a tracked repair', () => {
    const first = recordPageView(INITIAL_STATE, T0);
    expect(shouldOfferInstall(first, T0, browser)).toBe(false);
    expect(shouldOfferInstall(recordEngagement(first, 'booking'), T0, browser)).toBe(false);
    expect(shouldOfferInstall(recordEngagement(first, 'tracked'), T0, browser)).toBe(false);
  });

  it('does not offer while someone only browses within one visit', () => {
    const s = views(INITIAL_STATE, [T0, T0 + 60_000, T0 + 120_000, T0 + 10 * 60_000]);
    expect(s.visits).toBe(1);
    expect(shouldOfferInstall(s, T0 + 10 * 60_000, browser)).toBe(false);
  });

  it('offers after a finished booking or a tracked repair (from the second page view)', () => {
    const s = views(INITIAL_STATE, [T0, T0 + 60_000]);
    expect(shouldOfferInstall(recordEngagement(s, 'booking'), T0 + 60_000, browser)).toBe(true);
    expect(shouldOfferInstall(recordEngagement(s, 'tracked'), T0 + 60_000, browser)).toBe(true);
    expect(triggerOf(recordEngagement(s, 'booking'))).toBe('booking');
  });

  it('counts a second visit after a gap of 30 minutes, and offers then', () => {
    const almost = views(INITIAL_STATE, [T0, T0 + VISIT_GAP_MS - 1]);
    expect(almost.visits).toBe(1);
    expect(shouldOfferInstall(almost, T0 + VISIT_GAP_MS, browser)).toBe(false);
    const second = views(INITIAL_STATE, [T0, T0 + VISIT_GAP_MS]);
    expect(second.visits).toBe(2);
    expect(triggerOf(second)).toBe('second_visit');
    expect(shouldOfferInstall(second, T0 + VISIT_GAP_MS, browser)).toBe(true);
  });

  it('backs off 7 days after the first "Not now", then 30 days after each later one', () => {
    const engaged = recordEngagement(views(INITIAL_STATE, [T0, T0 + 1000]), 'booking');
    const once = recordDismissal(engaged, T0);
    expect(shouldOfferInstall(once, T0 + 7 * DAY - 1, browser)).toBe(false);
    expect(shouldOfferInstall(once, T0 + 7 * DAY, browser)).toBe(true);
    const twice = recordDismissal(once, T0 + 7 * DAY);
    expect(shouldOfferInstall(twice, T0 + 7 * DAY + 29 * DAY, browser)).toBe(false);
    expect(shouldOfferInstall(twice, T0 + 7 * DAY + 30 * DAY, browser)).toBe(true);
    const thrice = recordDismissal(twice, T0 + 37 * DAY);
    expect(thrice.snoozedUntil).toBe(T0 + 67 * DAY);
  });

  it('never offers once installed or when running as the installed app', () => {
    const engaged = recordEngagement(views(INITIAL_STATE, [T0, T0 + 1000]), 'tracked');
    expect(shouldOfferInstall(recordInstalled(engaged), T0 + 1000, browser)).toBe(false);
    expect(shouldOfferInstall(engaged, T0 + 1000, { standalone: true })).toBe(false);
  });

  it('survives a damaged or missing record, and keeps a good one', () => {
    expect(parseState(null)).toEqual(INITIAL_STATE);
    expect(parseState('{not json')).toEqual(INITIAL_STATE);
    expect(parseState('{"pageViews":-3,"engaged":["booking","hack"],"installed":"yes"}')).toEqual({
      ...INITIAL_STATE,
      engaged: ['booking'],
    });
    const s = recordDismissal(recordEngagement(views(INITIAL_STATE, [T0, T0 + 1]), 'booking'), T0);
    expect(parseState(JSON.stringify(s))).toEqual(s);
  });

  it('recognises Safari on iPhone and iPad (including iPadOS desktop mode), not in-app views', () => {
    const iphone =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
    const ipadDesktop =
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
    const instagram =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 320.0';
    const chromeDesktop =
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';
    expect(isIosSafari(iphone, 5)).toBe(true);
    expect(isIosSafari(ipadDesktop, 5)).toBe(true);
    expect(isIosSafari(ipadDesktop, 0)).toBe(false); // a real Mac
    expect(isIosSafari(instagram, 5)).toBe(false);
    expect(isIosSafari(chromeDesktop, 0)).toBe(false);
  });
});
