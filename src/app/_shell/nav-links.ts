/**
 * The one list of where the app's navigation goes: the header (site-header.tsx), its phone menu
 * (mobile-nav.tsx) and the phone's bottom bar (bottom-nav.tsx) all take their addresses from here.
 * Pure (no React, no server code), so the server header and the client bar share it.
 */
export const NAV_HREF = {
  book: '/book-repair',
  shops: '/shops',
  track: '/track',
  /** the customer's repairs (and notification settings): "My repairs" */
  repairs: '/account',
  /** password, two-factor, sessions: the bottom bar's "Account" for a signed-in customer */
  account: '/account/security',
  signIn: '/sign-in',
  console: '/staff',
  admin: '/admin/users',
  queue: '/staff',
  scan: '/staff/scan',
  walkIn: '/staff/walk-in',
  notifications: '/staff/notifications',
  /** per device model: common repairs by age, turnaround, repeat repairs (not in the bottom bar) */
  insights: '/staff/insights',

  /** conversations the support assistant handed over to staff */
  support: '/staff/support',
  /** the analytics dashboard: managers (their shop) and admins */
  analytics: '/admin/analytics',
} as const;

export type CustomerKey = 'book' | 'track' | 'repairs' | 'account';
export type StaffKey = 'queue' | 'scan' | 'walk-in' | 'support' | 'notifications';
export type BottomNavKey = CustomerKey | StaffKey;

export interface BottomNavItem {
  key: BottomNavKey;
  href: string;
}

/** The customer's bar. Signed out, "Account" leads to the sign-in page. */
export function customerItems(signedIn: boolean): BottomNavItem[] {
  return [
    { key: 'book', href: NAV_HREF.book },
    { key: 'track', href: NAV_HREF.track },
    { key: 'repairs', href: NAV_HREF.repairs },
    { key: 'account', href: signedIn ? NAV_HREF.account : NAV_HREF.signIn },
  ];
}

export const STAFF_ITEMS: readonly BottomNavItem[] = [
  { key: 'queue', href: NAV_HREF.queue },
  { key: 'scan', href: NAV_HREF.scan },
  { key: 'walk-in', href: NAV_HREF.walkIn },
  { key: 'notifications', href: NAV_HREF.notifications },
];

/** The console's pages, where staff see the staff bar. */
export function isConsolePath(pathname: string): boolean {
  return /^\/(staff|admin)(\/|$)/.test(pathname);
}

/** Who is looking: signed in at all, and staff (technician or above) or not. */
export interface Viewer {
  signedIn: boolean;
  staff: boolean;
}

/** Which bar a page shows: the staff bar on console pages for staff, the customer bar elsewhere. */
export function bottomNavFor(
  pathname: string,
  viewer: Viewer,
): { bar: 'staff' | 'customer'; items: readonly BottomNavItem[] } {
  if (viewer.staff && isConsolePath(pathname)) return { bar: 'staff', items: STAFF_ITEMS };
  return { bar: 'customer', items: customerItems(viewer.signedIn) };
}

const within = (pathname: string, base: string) => pathname === base || pathname.startsWith(`${base}/`);

/**
 * The item for the page the user is on (marked aria-current="page"), or null. The most specific
 * place wins: /account/security is "Account", not "My repairs"; an order page is in the queue.
 */
export function currentKey(pathname: string, items: readonly BottomNavItem[]): BottomNavKey | null {
  const keys = new Set(items.map((i) => i.key));
  const has = (k: BottomNavKey) => keys.has(k);
  if (has('account') && (within(pathname, NAV_HREF.account) || within(pathname, NAV_HREF.signIn))) {
    return 'account';
  }
  if (has('repairs') && within(pathname, NAV_HREF.repairs)) return 'repairs';
  if (has('book') && within(pathname, NAV_HREF.book)) return 'book';
  if (has('track') && within(pathname, NAV_HREF.track)) return 'track';
  if (has('scan') && within(pathname, NAV_HREF.scan)) return 'scan';
  if (has('walk-in') && within(pathname, NAV_HREF.walkIn)) return 'walk-in';
  if (has('support') && within(pathname, NAV_HREF.support)) return 'support';
  if (has('notifications') && within(pathname, NAV_HREF.notifications)) return 'notifications';
  if (has('queue') && (pathname === NAV_HREF.queue || within(pathname, '/staff/orders'))) return 'queue';
  return null;
}
