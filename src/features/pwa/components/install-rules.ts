/**
 * When to offer "install the app": pure rules over a small record kept in localStorage, so the
 * unit tests can walk through days of visits.
 *
 * - never on the first page view, never once installed (or running as the installed app);
 * - after real engagement: a finished booking, a tracked repair, or a second visit (a page view
 *   more than 30 minutes after the previous one);
 * - "Not now" backs off 7 days the first time, 30 days after that.
 */
export type EngagementTrigger = 'booking' | 'tracked' | 'second_visit';

export interface InstallState {
  /** page views ever counted */
  pageViews: number;
  /** visits: runs of page views with less than VISIT_GAP between them */
  visits: number;
  lastSeenAt: number | null;
  /** the engagements seen so far, first first */
  engaged: EngagementTrigger[];
  dismissals: number;
  /** no prompt before this time (epoch ms) */
  snoozedUntil: number | null;
  installed: boolean;
}

export const STORAGE_KEY = 'revivatech.install';
export const VISIT_GAP_MS = 30 * 60 * 1000;
const DAY_MS = 24 * 3600 * 1000;
/** The back-off after the first "Not now", and after every later one. */
export const BACKOFF_DAYS = [7, 30] as const;

export const INITIAL_STATE: InstallState = {
  pageViews: 0,
  visits: 0,
  lastSeenAt: null,
  engaged: [],
  dismissals: 0,
  snoozedUntil: null,
  installed: false,
};

/** The stored record, or a fresh one when missing or damaged. */
export function parseState(raw: string | null): InstallState {
  if (!raw) return { ...INITIAL_STATE };
  try {
    const v = JSON.parse(raw) as Partial<InstallState>;
    const num = (x: unknown, d: number) => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : d);
    const triggers: EngagementTrigger[] = ['booking', 'tracked', 'second_visit'];
    return {
      pageViews: num(v.pageViews, 0),
      visits: num(v.visits, 0),
      lastSeenAt: typeof v.lastSeenAt === 'number' ? v.lastSeenAt : null,
      engaged: Array.isArray(v.engaged) ? v.engaged.filter((e) => triggers.includes(e)) : [],
      dismissals: num(v.dismissals, 0),
      snoozedUntil: typeof v.snoozedUntil === 'number' ? v.snoozedUntil : null,
      installed: v.installed === true,
    };
  } catch {
    return { ...INITIAL_STATE };
  }
}

function withTrigger(state: InstallState, trigger: EngagementTrigger): InstallState {
  return state.engaged.includes(trigger) ? state : { ...state, engaged: [...state.engaged, trigger] };
}

/** One page view at `now`: counts it, starts a new visit after a long gap (a second visit engages). */
export function recordPageView(state: InstallState, now: number): InstallState {
  const newVisit = state.lastSeenAt === null || now - state.lastSeenAt >= VISIT_GAP_MS;
  const next = {
    ...state,
    pageViews: state.pageViews + 1,
    visits: state.visits + (newVisit ? 1 : 0),
    lastSeenAt: now,
  };
  return next.visits >= 2 ? withTrigger(next, 'second_visit') : next;
}

/** A finished booking or a tracked repair. */
export function recordEngagement(state: InstallState, trigger: EngagementTrigger): InstallState {
  return withTrigger(state, trigger);
}

export interface Environment {
  /** running as the installed app (display-mode standalone, or iOS navigator.standalone) */
  standalone: boolean;
}

/** Whether the prompt may be shown now. */
export function shouldOfferInstall(state: InstallState, now: number, env: Environment): boolean {
  if (state.installed || env.standalone) return false;
  if (state.pageViews <= 1) return false;
  if (state.engaged.length === 0) return false;
  return state.snoozedUntil === null || now >= state.snoozedUntil;
}

/** "Not now": snoozed 7 days the first time, 30 days every later time. */
export function recordDismissal(state: InstallState, now: number): InstallState {
  const dismissals = state.dismissals + 1;
  const days = dismissals === 1 ? BACKOFF_DAYS[0] : BACKOFF_DAYS[1];
  return { ...state, dismissals, snoozedUntil: now + days * DAY_MS };
}

export function recordInstalled(state: InstallState): InstallState {
  return { ...state, installed: true };
}

/** The first engagement, for the analytics record ("why was it shown"). */
export function triggerOf(state: InstallState): EngagementTrigger | null {
  return state.engaged[0] ?? null;
}

/** iPhone/iPad Safari (no beforeinstallprompt): the person adds the app from the Share menu. */
export function isIosSafari(userAgent: string, maxTouchPoints: number): boolean {
  const ios = /iPad|iPhone|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1);
  // other iOS browsers (CriOS, FxiOS, EdgiOS) can add to the home screen too since iOS 16.4,
  // through the same Share menu; in-app web views (no "Safari" token) cannot
  return ios && /Safari\//.test(userAgent) && !/(FBAN|FBAV|Instagram|Line\/)/.test(userAgent);
}
