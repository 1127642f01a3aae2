/**
 * The messages each part of the site sends to the browser. Server components translate on the
 * server (getTranslations) and need none; client components read theirs from the nearest
 * NextIntlClientProvider, so each layout that opens a scope (`<ClientMessages scope="…">`, see
 * client-messages-provider.tsx) sends only the namespaces its client components use, not the
 * whole message file (57 KB, staff and admin texts included).
 *
 * A scope covers the route files at and below its layout's folder down to the next layout that
 * opens one. The unit test (client-messages.test.ts) follows the imports of every scope's
 * files and fails when a client component uses a namespace its scope does not send, or when a
 * scope sends one nothing uses; `node scripts/lib/client-namespaces.mjs` prints what each needs.
 * Dotted entries send one branch ("staff.offline" sends only that part of "staff").
 */
export const CLIENT_SCOPES = {
  /** the shell of every page (src/app/layout.tsx): header, bottom bar, toasts, install prompt */
  root: ['booking.offline', 'bottomNav', 'live', 'notifications', 'pwa', 'saver', 'status'],
  /** the customer pages' own parts ((site) and (portal) layouts): the support chat */
  customer: ['live', 'support'],
  bookRepair: [
    'booking',
    'bookingPhotos',
    'camera',
    'diagnose',
    'live',
    'manage',
    'nearestShop',
    'notificationSettings',
    'payments',
    'photoQuality',
    'photos',
    'quote',
  ],
  manage: ['booking', 'manage', 'nearestShop', 'payments', 'quote'],
  pay: ['payments'],
  track: ['track'],
  trackRepair: ['live', 'payments', 'photos', 'portal.messages', 'quotes'],
  auth: ['auth'],
  signIn: ['auth', 'signInSteps'],
  invite: ['admin', 'staffInvites'],
  shops: ['nearestShop'],
  rate: ['ratings'],
  account: ['account', 'notificationSettings'],
  accountRepair: ['live', 'payments', 'photos', 'portal', 'quotes'],
  accountSecurity: ['accountSecurity'],
  /** the console (/staff): one scope for its pages */
  staff: [
    'camera',
    'live',
    'notificationSettings',
    'photoQuality',
    'photos',
    'portal',
    'queueCards',
    'quote',
    'quotes',
    'scanner',
    'staff',
    'staffPayments',
    'staffSupport',
    'status',
  ],
  /** the administration (/admin): one scope for its pages */
  admin: [
    'admin',
    'analytics',
    'audit',
    'email.outbox',
    'email.setup',
    'securityEvents',
    'staffInvites',
    'status',
  ],
} as const satisfies Record<string, readonly string[]>;

export type ClientScope = keyof typeof CLIENT_SCOPES;

type Messages = Record<string, unknown>;

/** The branches of `messages` named by `namespaces` (dotted paths), in the same shape. */
export function pickMessages(messages: Messages, namespaces: readonly string[]): Messages {
  const out: Messages = {};
  // a branch already sent whole ("a") covers its parts ("a.b")
  const kept = namespaces.filter((ns) => !namespaces.some((other) => ns.startsWith(`${other}.`)));
  for (const ns of kept) {
    const keys = ns.split('.');
    let from: unknown = messages;
    for (const key of keys) from = from && typeof from === 'object' ? (from as Messages)[key] : undefined;
    if (from === undefined) continue;
    let into = out;
    keys.forEach((key, i) => {
      if (i === keys.length - 1) into[key] = from;
      else into = (into[key] ??= {}) as Messages;
    });
  }
  return out;
}
