/**
 * Every API route x every role (and anonymous), built from the API's own route list: a new
 * route without an entry here fails the suite, so none can ship without a decision about who
 * may call it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { user, type Role } from '@/server/db/schema';
import { getApi } from '@/server/entry/api';
import { createAdmin } from '@/features/auth/server/ensure-admin';
import { BACKENDS, bookingBody, signIn, signInStaff, signUp, startApp, type TestApp } from './harness';

type Who = 'anonymous' | Role | 'technician without 2FA' | 'admin without 2FA';
/** Staff who have not set up two-factor (STAFF_TWO_FACTOR=required): the role each stands for. */
const NO_TWO_FACTOR: Partial<Record<Who, Role>> = {
  'technician without 2FA': 'technician',
  'admin without 2FA': 'admin',
};
const WHO: Who[] = [
  'anonymous',
  'customer',
  'technician',
  'manager',
  'admin',
  'technician without 2FA',
  'admin without 2FA',
];
const everyone = WHO;
const signedIn: Who[] = ['customer', 'technician', 'manager', 'admin'];
const staff: Who[] = ['technician', 'manager', 'admin'];
const NO_ORDER = '00000000-0000-4000-8000-000000000000';

interface Case {
  allowed: Who[];
  /** the request to send; path params filled in */
  path: string;
  body?: unknown;
  /** a 5xx the route answers by design to whoever asks (readiness: 503 while not ready) */
  serverStatus?: number;
}

/** Keyed by `METHOD /api/path` exactly as Hono lists the route. */
const EXPECTED: Record<string, Case> = {
  'GET /api/auth/*': { allowed: everyone, path: '/api/auth/ok' },
  'POST /api/auth/*': {
    allowed: everyone,
    path: '/api/auth/request-password-reset',
    body: { email: 'nobody@example.com', redirectTo: '/reset-password' },
  },
  'GET /api/health': { allowed: everyone, path: '/api/health' },
  // the harness starts no queue, so readiness answers 503 not_ready (system.test.ts: 503, then 200)
  'GET /api/ready': { allowed: everyone, path: '/api/ready', serverStatus: 503 },
  'GET /api/catalog/categories': { allowed: everyone, path: '/api/catalog/categories' },
  'GET /api/catalog/brands': { allowed: everyone, path: '/api/catalog/brands' },
  'GET /api/catalog/models': { allowed: everyone, path: '/api/catalog/models?q=pixel' },
  'GET /api/catalog/models/:slug': { allowed: everyone, path: '/api/catalog/models/iphone-15' },
  'GET /api/shops': { allowed: everyone, path: '/api/shops' },
  'GET /api/shops/:slug/slots': { allowed: everyone, path: '/api/shops/london/slots' },
  'GET /api/shops/nearest': { allowed: everyone, path: '/api/shops/nearest?q=M1' },
  'POST /api/pricing/quote': {
    allowed: everyone,
    path: '/api/pricing/quote',
    body: { modelSlug: 'iphone-15', repairSlugs: ['battery'] },
  },
  'POST /api/bookings': { allowed: everyone, path: '/api/bookings', body: {} },
  'GET /api/bookings/:reference/calendar.ics': {
    allowed: everyone,
    path: '/api/bookings/RT-222222/calendar.ics?token=x',
  },
  // the manage link's signature is the authorisation: open to whoever holds it
  'GET /api/bookings/:reference/manage': { allowed: everyone, path: '/api/bookings/RT-222222/manage?sig=x' },
  'POST /api/bookings/:reference/cancel': {
    allowed: everyone,
    path: '/api/bookings/RT-222222/cancel',
    body: { sig: 'x' },
  },
  'POST /api/bookings/:reference/reschedule': {
    allowed: everyone,
    path: '/api/bookings/RT-222222/reschedule',
    body: { sig: 'x', slotStartsAt: '2030-01-07T10:00:00Z' },
  },
  // photos of the damage: the manage link's signature too (a wrong one is refused before the body)
  'POST /api/bookings/:reference/photos': {
    allowed: everyone,
    path: '/api/bookings/RT-222222/photos?sig=x',
  },
  'GET /api/bookings/:reference/manage/calendar.ics': {
    allowed: everyone,
    path: '/api/bookings/RT-222222/manage/calendar.ics?sig=x',
  },
  'GET /api/track/:reference': { allowed: everyone, path: '/api/track/RT-222222?token=x' },
  // photos: staff upload/list/delete (the record rules are tested in photos.test.ts); the owner
  // and the tracking-link holder list customer-visible ones; the bytes are checked per photo
  'POST /api/staff/orders/:id/photos': {
    allowed: ['technician', 'manager', 'admin'],
    path: '/api/staff/orders/00000000-0000-0000-0000-000000000000/photos',
  },
  'GET /api/staff/orders/:id/photos': {
    allowed: ['technician', 'manager', 'admin'],
    path: '/api/staff/orders/00000000-0000-0000-0000-000000000000/photos',
  },
  'DELETE /api/staff/orders/:id/photos/:photoId': {
    allowed: ['technician', 'manager', 'admin'],
    path: '/api/staff/orders/00000000-0000-0000-0000-000000000000/photos/00000000-0000-0000-0000-000000000000',
  },
  'GET /api/account/repairs/:reference/photos': {
    allowed: signedIn,
    path: '/api/account/repairs/RT-222222/photos',
  },
  'GET /api/track/:reference/photos': { allowed: everyone, path: '/api/track/RT-222222/photos?token=x' },
  'GET /api/photos/:photoId': { allowed: everyone, path: '/api/photos/00000000-0000-0000-0000-000000000000' },
  'GET /api/account': { allowed: signedIn, path: '/api/account' },
  // my sessions: any signed-in user, their own only (an unknown id is 404, not someone else's;
  // sessions.test.ts)
  'GET /api/account/sessions': { allowed: signedIn, path: '/api/account/sessions' },
  'DELETE /api/account/sessions/:id': { allowed: signedIn, path: '/api/account/sessions/no-such-session' },
  'GET /api/account/repairs': { allowed: signedIn, path: '/api/account/repairs' },
  // the owner only: anyone else signed in gets 404, as for an unknown reference (portal.test.ts)
  'GET /api/account/repairs/:reference': { allowed: signedIn, path: '/api/account/repairs/RT-222222' },
  'POST /api/account/repairs/:reference/messages': {
    allowed: signedIn,
    path: '/api/account/repairs/RT-222222/messages',
    body: { body: 'Hello' },
  },
  // the tracking token is the authorisation: open to whoever holds it
  'POST /api/track/:reference/messages': {
    allowed: everyone,
    path: '/api/track/RT-222222/messages',
    body: { token: 'x', body: 'Hello' },
  },
  'POST /api/account/resend-verification': { allowed: signedIn, path: '/api/account/resend-verification' },
  'GET /api/admin/users': { allowed: ['admin'], path: '/api/admin/users' },
  // the audit log: admins only; there is no route that changes or removes a row
  'GET /api/admin/audit': { allowed: ['admin'], path: '/api/admin/audit' },
  'GET /api/admin/audit/export.csv': { allowed: ['admin'], path: '/api/admin/audit/export.csv' },
  'PATCH /api/admin/users/:id': {
    allowed: ['admin'],
    path: '/api/admin/users/no-such-user',
    body: { disabled: false },
  },
  // staff invitations and resetting someone's two-factor: admins only; the invitation link's
  // token is its own authorisation (an unknown one is a 4xx for everyone)
  'GET /api/admin/invitations': { allowed: ['admin'], path: '/api/admin/invitations' },
  'POST /api/admin/invitations': { allowed: ['admin'], path: '/api/admin/invitations', body: {} },
  'POST /api/admin/invitations/:id/revoke': {
    allowed: ['admin'],
    path: `/api/admin/invitations/${NO_ORDER}/revoke`,
  },
  'POST /api/admin/invitations/:id/resend': {
    allowed: ['admin'],
    path: `/api/admin/invitations/${NO_ORDER}/resend`,
  },
  'POST /api/admin/users/:id/reset-two-factor': {
    allowed: ['admin'],
    path: '/api/admin/users/no-such-user/reset-two-factor',
  },
  'POST /api/invitations/preview': {
    allowed: everyone,
    path: '/api/invitations/preview',
    body: { token: 'no-such-token' },
  },
  'POST /api/invitations/accept': {
    allowed: everyone,
    path: '/api/invitations/accept',
    body: { token: 'no-such-token', name: 'Nobody', password: 'nobody-password-1' },
  },
  // catalogue, price list and shop hours: admins only (unknown records here: 404 for them)
  'PATCH /api/admin/catalog/models/:slug': {
    allowed: ['admin'],
    path: '/api/admin/catalog/models/no-such-model',
    body: { name: 'Nothing' },
  },
  'PUT /api/admin/catalog/models/:slug/repairs/:repair/price': {
    allowed: ['admin'],
    path: '/api/admin/catalog/models/no-such-model/repairs/screen-crack/price',
    body: { partsMinor: 1, labourMinor: 1 },
  },
  'PATCH /api/admin/shops/:slug/hours': {
    allowed: ['admin'],
    path: '/api/admin/shops/no-such-shop/hours',
    body: { closedDates: [] },
  },
  // the security monitor and lifting a lockout: admins only
  'GET /api/admin/security-events': { allowed: ['admin'], path: '/api/admin/security-events' },
  'POST /api/admin/users/:id/unlock': { allowed: ['admin'], path: '/api/admin/users/no-such-user/unlock' },
  // e-mail set-up and the outbox: admins only
  'GET /api/email/settings': { allowed: ['admin'], path: '/api/email/settings' },
  'POST /api/email/configure': { allowed: ['admin'], path: '/api/email/configure', body: {} },
  'POST /api/email/test-connection': { allowed: ['admin'], path: '/api/email/test-connection', body: {} },
  'POST /api/email/send-test': { allowed: ['admin'], path: '/api/email/send-test', body: {} },
  'GET /api/email/messages': { allowed: ['admin'], path: '/api/email/messages' },
  'GET /api/email/messages/:id': {
    allowed: ['admin'],
    path: '/api/email/messages/00000000-0000-0000-0000-000000000000',
  },
  'POST /api/email/messages/:id/resend': {
    allowed: ['admin'],
    path: '/api/email/messages/00000000-0000-0000-0000-000000000000/resend',
  },
  // parts/labour lines and revised quotes: staff read (technician+); changes need 'update' on
  // the order (the assigned technician or a manager; checked on the record, so 404 here)
  'GET /api/staff/orders/:id/lines': { allowed: staff, path: `/api/staff/orders/${NO_ORDER}/lines` },
  'POST /api/staff/orders/:id/lines': {
    allowed: staff,
    path: `/api/staff/orders/${NO_ORDER}/lines`,
    body: { kind: 'part', description: 'Screen', quantity: 1, unitMinor: 100 },
  },
  'DELETE /api/staff/orders/:id/lines/:lineId': {
    allowed: staff,
    path: `/api/staff/orders/${NO_ORDER}/lines/${NO_ORDER}`,
  },
  'POST /api/staff/orders/:id/quotes': {
    allowed: staff,
    path: `/api/staff/orders/${NO_ORDER}/quotes`,
    body: { message: 'Needs a new battery too' },
  },
  'POST /api/staff/orders/:id/quotes/:quoteId/withdraw': {
    allowed: staff,
    path: `/api/staff/orders/${NO_ORDER}/quotes/${NO_ORDER}/withdraw`,
  },
  // a customer decides on their own order (anyone else: 404, never revealing it)...
  'GET /api/account/repairs/:reference/quotes': {
    allowed: signedIn,
    path: '/api/account/repairs/RT-222222/quotes',
  },
  'POST /api/account/repairs/:reference/quotes/:quoteId/approve': {
    allowed: signedIn,
    path: `/api/account/repairs/RT-222222/quotes/${NO_ORDER}/approve`,
    body: {},
  },
  'POST /api/account/repairs/:reference/quotes/:quoteId/decline': {
    allowed: signedIn,
    path: `/api/account/repairs/RT-222222/quotes/${NO_ORDER}/decline`,
    body: {},
  },
  // ...or through the tracking link: the token is the authorisation
  'GET /api/track/:reference/quotes': { allowed: everyone, path: '/api/track/RT-222222/quotes?token=x' },
  'POST /api/track/:reference/quotes/:quoteId/approve': {
    allowed: everyone,
    path: `/api/track/RT-222222/quotes/${NO_ORDER}/approve`,
    body: { token: 'x' },
  },
  'POST /api/track/:reference/quotes/:quoteId/decline': {
    allowed: everyone,
    path: `/api/track/RT-222222/quotes/${NO_ORDER}/decline`,
    body: { token: 'x' },
  },
  // payments: the payment's own link (tracking token) or the owner's session is the
  // authorisation; anyone else gets the same 404 as for an unknown payment
  'GET /api/payments/methods': { allowed: everyone, path: '/api/payments/methods' },
  'GET /api/payments/:id': { allowed: everyone, path: `/api/payments/${NO_ORDER}?token=x` },
  'POST /api/payments/:id/card': {
    allowed: everyone,
    path: `/api/payments/${NO_ORDER}/card`,
    body: { token: 'x', cardNumber: '4242424242424242' },
  },
  'POST /api/payments/:id/authenticate': {
    allowed: everyone,
    path: `/api/payments/${NO_ORDER}/authenticate`,
    body: { token: 'x', approve: true },
  },
  'POST /api/payments/:id/sync': {
    allowed: everyone,
    path: `/api/payments/${NO_ORDER}/sync`,
    body: { token: 'x' },
  },
  'POST /api/payments/:id/pay-on-collection': {
    allowed: everyone,
    path: `/api/payments/${NO_ORDER}/pay-on-collection`,
    body: { token: 'x' },
  },
  'GET /api/account/repairs/:reference/payments': {
    allowed: signedIn,
    path: '/api/account/repairs/RT-222222/payments',
  },
  'POST /api/account/repairs/:reference/payments': {
    allowed: signedIn,
    path: '/api/account/repairs/RT-222222/payments',
    body: { method: 'card' },
  },
  'GET /api/track/:reference/payments': { allowed: everyone, path: '/api/track/RT-222222/payments?token=x' },
  'POST /api/track/:reference/payments': {
    allowed: everyone,
    path: '/api/track/RT-222222/payments',
    body: { token: 'x', method: 'card' },
  },
  // staff: history for technicians and above; recording needs 'update' on the order and refunds
  // 'manage' (the shop's managers, admins), both checked on the record (404 here)
  'GET /api/staff/orders/:id/payments': { allowed: staff, path: `/api/staff/orders/${NO_ORDER}/payments` },
  'POST /api/staff/orders/:id/payments': {
    allowed: staff,
    path: `/api/staff/orders/${NO_ORDER}/payments`,
    body: { kind: 'cash' },
  },
  'POST /api/staff/payments/:paymentId/refunds': {
    allowed: staff,
    path: `/api/staff/payments/${NO_ORDER}/refunds`,
    body: { amountMinor: 100, reason: 'Goodwill' },
  },
  // provider webhooks: the provider's signature over the body is the authorisation (400 without a
  // valid one; 404 while the provider or its webhook secret/id is not configured, as here)
  'POST /api/payments/webhooks/stripe': {
    allowed: everyone,
    path: '/api/payments/webhooks/stripe',
    body: {},
  },
  'POST /api/payments/webhooks/paypal': {
    allowed: everyone,
    path: '/api/payments/webhooks/paypal',
    body: {},
  },
  // live streams: staff see every order's events; customers their own orders' customer-visible
  // events (404 for anyone else's); the tracking link's token is its own authorisation
  'GET /api/staff/live': { allowed: staff, path: '/api/staff/live' },
  'GET /api/staff/orders/:id/live': {
    allowed: staff,
    path: '/api/staff/orders/00000000-0000-0000-0000-000000000000/live',
  },
  'GET /api/account/repairs/:reference/live': {
    allowed: signedIn,
    path: '/api/account/repairs/RT-222222/live',
  },
  'GET /api/track/:reference/live': { allowed: everyone, path: '/api/track/RT-222222/live?token=x' },
  'GET /api/notifications/live': { allowed: signedIn, path: '/api/notifications/live' },
  // the notification centre: each user their own
  'GET /api/notifications': { allowed: signedIn, path: '/api/notifications' },
  'POST /api/notifications/read': { allowed: signedIn, path: '/api/notifications/read', body: { all: true } },
  'GET /api/notifications/preferences': { allowed: signedIn, path: '/api/notifications/preferences' },
  'PUT /api/notifications/preferences': {
    allowed: signedIn,
    path: '/api/notifications/preferences',
    body: { items: [{ kind: 'quote_ready', channels: { push: true } }] },
  },
  'GET /api/notifications/push/key': { allowed: everyone, path: '/api/notifications/push/key' },
  'POST /api/notifications/push/subscribe': {
    allowed: signedIn,
    path: '/api/notifications/push/subscribe',
    body: { endpoint: 'https://push.example/access', keys: { p256dh: 'x', auth: 'y' } },
  },
  'POST /api/notifications/push/unsubscribe': {
    allowed: signedIn,
    path: '/api/notifications/push/unsubscribe',
    body: { endpoint: 'https://push.example/none' },
  },
  'POST /api/notifications/push/send': {
    allowed: ['manager', 'admin'],
    path: '/api/notifications/push/send',
    body: { role: 'admin', title: 'Access table', body: 'Checking who may send' },
  },
  'GET /api/notifications/push/scheduled': {
    allowed: ['manager', 'admin'],
    path: '/api/notifications/push/scheduled',
  },
  'DELETE /api/notifications/push/scheduled/:id': {
    allowed: ['manager', 'admin'],
    path: `/api/notifications/push/scheduled/${NO_ORDER}`,
  },
  'GET /api/notifications/push/:id/stats': {
    allowed: ['manager', 'admin'],
    path: `/api/notifications/push/${NO_ORDER}/stats`,
  },
  // the service worker reports without a session (the delivery id is the key)
  'POST /api/notifications/push/receipts': {
    allowed: everyone,
    path: '/api/notifications/push/receipts',
    body: { deliveryId: NO_ORDER, event: 'delivered' },
  },
  // the staff console: technicians and above (record-level rules are tested in staff-orders.test.ts)
  'GET /api/staff/orders': { allowed: staff, path: '/api/staff/orders?status=active&q=iphone' },
  'GET /api/staff/orders/:id': { allowed: staff, path: '/api/staff/orders/RT-222222' },
  'POST /api/staff/orders/:id/status': {
    allowed: staff,
    path: '/api/staff/orders/RT-222222/status',
    body: { to: 'received' },
  },
  'POST /api/staff/orders/:id/status/undo': {
    allowed: staff,
    path: '/api/staff/orders/RT-222222/status/undo',
    body: { eventId: 1 },
  },
  'POST /api/staff/orders/:id/assign': {
    allowed: staff,
    path: '/api/staff/orders/RT-222222/assign',
    body: { technicianId: null },
  },
  'POST /api/staff/orders/:id/intake': {
    allowed: staff,
    path: '/api/staff/orders/RT-222222/intake',
    body: { conditionNotes: 'Scratched', accessories: [], passcodePolicy: 'none' },
  },
  'POST /api/staff/orders/:id/passcode/reveal': {
    allowed: staff,
    path: '/api/staff/orders/RT-222222/passcode/reveal',
  },
  'POST /api/staff/orders/:id/notes': {
    allowed: staff,
    path: '/api/staff/orders/RT-222222/notes',
    body: { body: 'x', visibility: 'internal' },
  },
  'POST /api/staff/orders/:id/messages': {
    allowed: staff,
    path: '/api/staff/orders/RT-222222/messages',
    body: { body: 'x' },
  },
  'POST /api/staff/walk-ins': { allowed: staff, path: '/api/staff/walk-ins', body: {} },
  'GET /api/staff/technicians': { allowed: staff, path: '/api/staff/technicians' },
  // a model's insights from the shop's history: staff of that shop (insights.test.ts for the scope)
  'GET /api/staff/insights/models/:modelSlug': {
    allowed: staff,
    path: '/api/staff/insights/models/iphone-15',
  },
  // an invoice's PDF: staff who may read the order, its owner, or its tracking token (?token=);
  // anyone else gets the same 404 as for an unknown invoice (invoices.test.ts)
  'GET /api/invoices/:id/pdf': { allowed: everyone, path: `/api/invoices/${NO_ORDER}/pdf?token=x` },
  // analytics exports: admins, and managers of a shop (this table's manager has none: 403);
  // the shop scope is in analytics-exports.test.ts
  'GET /api/analytics/export.csv': { allowed: ['admin'], path: '/api/analytics/export.csv?metrics=queue' },
  'GET /api/analytics/export.xlsx': { allowed: ['admin'], path: '/api/analytics/export.xlsx?metrics=queue' },
  'GET /api/analytics/export.pdf': { allowed: ['admin'], path: '/api/analytics/export.pdf?metrics=queue' },
  'GET /api/analytics/accounting/xero.csv': {
    allowed: ['admin'],
    path: '/api/analytics/accounting/xero.csv',
  },
  'GET /api/analytics/accounting/quickbooks.csv': {
    allowed: ['admin'],
    path: '/api/analytics/accounting/quickbooks.csv',
  },
  'GET /api/openapi.json': { allowed: everyone, path: '/api/openapi.json' },
  'GET /api/docs': { allowed: everyone, path: '/api/docs' },
  'GET /api/docs/assets/init.js': { allowed: everyone, path: '/api/docs/assets/init.js' },
  'GET /api/docs/assets/:file': { allowed: everyone, path: '/api/docs/assets/swagger-ui.css' },
  // "Describe the problem" in the booking form: public (asked before anyone signs in), limited per address
  'POST /api/ai/diagnose': {
    allowed: everyone,
    path: '/api/ai/diagnose',
    body: { description: 'iPhone 15 screen smashed', modelSlug: 'iphone-15' },
  },

  // the support chat: anyone may ask; a conversation is read only by the account or visitor
  // cookie that started it (anyone else: 404, support.test.ts)
  'POST /api/support/messages': {
    allowed: everyone,
    path: '/api/support/messages',
    body: { message: 'Hello' },
  },
  'GET /api/support/conversations/:id': { allowed: everyone, path: `/api/support/conversations/${NO_ORDER}` },
  'GET /api/support/conversations/:id/live': {
    allowed: everyone,
    path: `/api/support/conversations/${NO_ORDER}/live`,
  },
  // the console's support inbox: staff, their shop's conversations only (support.test.ts)
  'GET /api/staff/support/conversations': { allowed: staff, path: '/api/staff/support/conversations' },
  'GET /api/staff/support/conversations/:id': {
    allowed: staff,
    path: `/api/staff/support/conversations/${NO_ORDER}`,
  },
  'POST /api/staff/support/conversations/:id/messages': {
    allowed: staff,
    path: `/api/staff/support/conversations/${NO_ORDER}/messages`,
    body: { message: 'Hello' },
  },
  'POST /api/staff/support/conversations/:id/close': {
    allowed: staff,
    path: `/api/staff/support/conversations/${NO_ORDER}/close`,
  },
  'GET /api/staff/support/live': { allowed: staff, path: '/api/staff/support/live' },
  // the tracker's events: public (page views and the booking funnel come before anyone signs in)
  'POST /api/analytics/events': {
    allowed: everyone,
    path: '/api/analytics/events',
    body: {
      events: [
        { name: 'page_view', visitId: 'access-visit-1', path: '/', occurredAt: new Date().toISOString() },
      ],
    },
  },
  // ratings: the signed link is its own authorisation (a bad one: 404 for anyone, ratings.test.ts)
  'GET /api/ratings/:token': { allowed: everyone, path: '/api/ratings/not-a-token' },
  'POST /api/ratings/:token': { allowed: everyone, path: '/api/ratings/not-a-token', body: { score: 4 } },
  // the rating on the staff order page: staff (of the order's shop: ratings.test.ts)
  'GET /api/staff/orders/:id/rating': { allowed: staff, path: '/api/staff/orders/RT-222222/rating' },
  // analytics: managers and admins; this table's manager is tied to no shop, which the contract
  // refuses (403: no shop to read). Shop-tied managers: tests/integration/analytics-access.test.ts
  'GET /api/analytics/metrics/:metric': {
    allowed: ['admin'],
    path: '/api/analytics/metrics/revenueSummary',
  },
  'GET /api/analytics/dashboard': { allowed: ['admin'], path: '/api/analytics/dashboard' },
  'PUT /api/analytics/dashboard': {
    allowed: ['admin'],
    path: '/api/analytics/dashboard',
    body: { widgets: [], version: 0 },
  },
};

function apiRoutes(): string[] {
  const keys = new Set<string>();
  for (const r of getApi().routes) if (r.method !== 'ALL') keys.add(`${r.method} ${r.path}`);
  return [...keys];
}

describe('the access table covers every route', () => {
  it('has an expectation for each route the API serves, and none for routes that are gone', () => {
    const routes = apiRoutes();
    expect(
      routes.filter((r) => !(r in EXPECTED)),
      'routes without an access expectation',
    ).toEqual([]);
    expect(
      Object.keys(EXPECTED).filter((k) => !routes.includes(k)),
      'expectations for missing routes',
    ).toEqual([]);
  });
});

describe.each(BACKENDS)('route x role access on $name', (backend) => {
  let app: TestApp;
  const cookies: Partial<Record<Who, string>> = { anonymous: '' };

  beforeAll(async () => {
    app = await startApp(backend);
    for (const role of ['customer', 'technician', 'manager'] as const) {
      const email = `${role}@access.test`;
      await signUp(app, email);
      await app.handle.db.update(user).set({ role }).where(eq(user.email, email));
      cookies[role] = (role === 'customer' ? await signIn(app, email) : await signInStaff(app, email)).cookie;
    }
    await createAdmin(app.handle.db, { email: 'admin@access.test', password: 'admin-password-123' });
    cookies.admin = (await signInStaff(app, 'admin@access.test', 'admin-password-123')).cookie;
    // staff who signed in with their password but never set up two-factor
    await signUp(app, 'tech.no2fa@access.test');
    await app.handle.db
      .update(user)
      .set({ role: 'technician' })
      .where(eq(user.email, 'tech.no2fa@access.test'));
    cookies['technician without 2FA'] = (await signIn(app, 'tech.no2fa@access.test')).cookie;
    await createAdmin(app.handle.db, { email: 'admin.no2fa@access.test', password: 'admin-password-123' });
    cookies['admin without 2FA'] = (
      await signIn(app, 'admin.no2fa@access.test', 'admin-password-123')
    ).cookie;
    // seven sign-ups and sign-ins: more than the default hook timeout on a loaded machine
  }, 300_000);
  afterAll(() => app.close());

  const matrix = Object.entries(EXPECTED).flatMap(([route, c]) => WHO.map((who) => [route, who, c] as const));

  it.each(matrix)('%s as %s', async (route, who, c) => {
    const method = route.split(' ')[0]!;
    const res = await app.request(c.path, {
      method,
      headers: cookies[who] ? { cookie: cookies[who]! } : {},
      ...(c.body !== undefined ? { json: c.body } : {}),
    });
    const role = NO_TWO_FACTOR[who];
    if (role) {
      // without two-factor, staff have a customer's reach; their role's routes say why they refuse
      if (c.allowed.includes('customer')) {
        expect([401, 403], `${route} should be open to ${who}`).not.toContain(res.status);
        if (res.status !== c.serverStatus) expect(res.status).toBeLessThan(500);
      } else {
        expect(res.status, `${route} must refuse ${who}`).toBe(403);
        if (c.allowed.includes(role)) {
          expect(((await res.json()) as { code: string }).code).toBe('TWO_FACTOR_SETUP_REQUIRED');
        }
      }
    } else if (c.allowed.includes(who)) {
      expect([401, 403], `${route} should be open to ${who}`).not.toContain(res.status);
      if (res.status !== c.serverStatus) expect(res.status).toBeLessThan(500);
    } else {
      expect(res.status, `${route} must refuse ${who}`).toBe(who === 'anonymous' ? 401 : 403);
    }
  });
});

describe.each(BACKENDS)("customers cannot reach each other's data on $name", (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(backend);
  });
  afterAll(() => app.close());

  it("lists only the signed-in customer's repairs, and the tracking API needs the secret token", async () => {
    const alice = await signUp(app, 'alice@example.com');
    const bob = await signUp(app, 'bob@example.com');
    // Alice's booking, made while signed in as a guest with her address, claimed on verification
    const booked = await app.request('/api/bookings', {
      method: 'POST',
      json: bookingBody({ customer: { name: 'Alice A', email: 'alice@example.com' } }),
    });
    const { reference, id } = (await booked.json()) as { reference: string; id: string };
    const { claimGuestBookings } = await import('@/features/auth/server/auth');
    const [a] = await app.handle.db.select().from(user).where(eq(user.email, 'alice@example.com'));
    await claimGuestBookings(app.handle.db, a!.id, 'alice@example.com');

    const aliceList = (await (
      await app.request('/api/account/repairs', { headers: { cookie: alice } })
    ).json()) as {
      items: Array<{ reference: string }>;
    };
    expect(aliceList.items.map((r) => r.reference)).toEqual([reference]);
    const bobList = (await (
      await app.request('/api/account/repairs', { headers: { cookie: bob } })
    ).json()) as {
      items: unknown[];
    };
    expect(bobList.items).toEqual([]);
    // guessing the reference or the id gets Bob nothing
    for (const path of [`/api/track/${reference}`, `/api/track/${reference}?token=${id}`]) {
      const res = await app.request(path, { headers: { cookie: bob } });
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('Alice');
    }
  });
});
