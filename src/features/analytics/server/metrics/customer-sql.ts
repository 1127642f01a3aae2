/**
 * Who a customer is, for the customer metrics (docs/analytics.md): the booking's account when
 * set, else its e-mail address (lower case), else its phone number. Cancelled bookings are not
 * counted; a booking's shop is its `shop_slug` (the same as its order's).
 */
import { sql, type SQL } from 'drizzle-orm';
import { inShops } from './money-sql';

/**
 * Public mail providers: an address at any other domain is a business customer's. Lower case,
 * exact domains (a subdomain of a provider is not one).
 */
export const PUBLIC_MAIL_DOMAINS = [
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'hotmail.co.uk',
  'live.com',
  'live.co.uk',
  'msn.com',
  'yahoo.com',
  'yahoo.co.uk',
  'ymail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'aol.co.uk',
  'protonmail.com',
  'proton.me',
  'pm.me',
  'gmx.com',
  'gmx.co.uk',
  'mail.com',
  'zoho.com',
  'yandex.com',
  'btinternet.com',
  'sky.com',
  'virginmedia.com',
  'talktalk.net',
  'ntlworld.com',
  'tiscali.co.uk',
  'blueyonder.co.uk',
  'fastmail.com',
  'tutanota.com',
  'hey.com',
] as const;

/** The customer key of booking `b`. */
export const CUSTOMER_KEY = sql.raw(
  `CASE WHEN b.user_id IS NOT NULL THEN 'u:' || b.user_id
    WHEN b.customer_email IS NOT NULL THEN 'e:' || lower(b.customer_email)
    ELSE 'p:' || coalesce(b.customer_phone, b.id::text) END`,
);

/** The e-mail domain of booking `b` (null without an address). */
export const EMAIL_DOMAIN = sql.raw(`lower(split_part(b.customer_email, '@', 2))`);

export const PUBLIC_DOMAINS_SQL = sql.raw(PUBLIC_MAIL_DOMAINS.map((d) => `'${d}'`).join(', '));

/** Bookings that count, in the scope's shops: `FROM bookings b WHERE ...` */
export function countedBookings(shopSlugs: string[] | null): SQL {
  return sql`b.status <> 'cancelled' AND ${inShops(sql`b.shop_slug`, shopSlugs)}`;
}
