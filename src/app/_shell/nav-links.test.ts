import { describe, expect, it } from 'vitest';
import { bottomNavFor, currentKey, customerItems, STAFF_ITEMS } from './nav-links';

const guest = { signedIn: false, staff: false };
const customer = { signedIn: true, staff: false };
const tech = { signedIn: true, staff: true };
const keys = (v: { items: readonly { key: string }[] }) => v.items.map((i) => i.key);

describe('bottom navigation: which bar, and where you are', () => {
  it('shows staff the staff bar on console pages, and the customer bar elsewhere', () => {
    expect(bottomNavFor('/staff', tech).bar).toBe('staff');
    expect(keys(bottomNavFor('/staff/orders/RT-ABC234', tech))).toEqual([
      'queue',
      'scan',
      'walk-in',
      'notifications',
    ]);
    expect(bottomNavFor('/admin/users', tech).bar).toBe('staff');
    expect(bottomNavFor('/', tech).bar).toBe('customer');
    expect(bottomNavFor('/staffroom', tech).bar).toBe('customer');
    // customers (and guests) never get the staff bar, even on a console address
    expect(bottomNavFor('/staff', customer).bar).toBe('customer');
    expect(bottomNavFor('/staff', guest).bar).toBe('customer');
  });

  it('sends "Account" to the security settings when signed in, to sign-in when not', () => {
    expect(customerItems(true).find((i) => i.key === 'account')?.href).toBe('/account/security');
    expect(customerItems(false).find((i) => i.key === 'account')?.href).toBe('/sign-in');
    expect(customerItems(true).map((i) => i.href)).toEqual([
      '/book-repair',
      '/track',
      '/account',
      '/account/security',
    ]);
    expect(STAFF_ITEMS.map((i) => i.href)).toEqual([
      '/staff',
      '/staff/scan',
      '/staff/walk-in',
      '/staff/notifications',
    ]);
  });

  it('marks the most specific place', () => {
    const items = customerItems(true);
    expect(currentKey('/book-repair', items)).toBe('book');
    expect(currentKey('/track', items)).toBe('track');
    expect(currentKey('/track/RT-ABC234', items)).toBe('track');
    expect(currentKey('/account', items)).toBe('repairs');
    expect(currentKey('/account/repairs/RT-ABC234', items)).toBe('repairs');
    expect(currentKey('/account/security', items)).toBe('account');
    expect(currentKey('/sign-in', customerItems(false))).toBe('account');
    expect(currentKey('/', items)).toBeNull();
    expect(currentKey('/shops', items)).toBeNull();
    expect(currentKey('/book-repairs-elsewhere', items)).toBeNull();

    expect(currentKey('/staff', STAFF_ITEMS)).toBe('queue');
    expect(currentKey('/staff/orders/RT-ABC234', STAFF_ITEMS)).toBe('queue');
    expect(currentKey('/staff/scan', STAFF_ITEMS)).toBe('scan');
    expect(currentKey('/staff/walk-in', STAFF_ITEMS)).toBe('walk-in');
    expect(currentKey('/staff/notifications', STAFF_ITEMS)).toBe('notifications');
    // the support inbox is in the header's menu, not the bar (the bar's four are issue 15's)
    expect(currentKey('/staff/support', STAFF_ITEMS)).toBeNull();
    expect(currentKey('/admin/users', STAFF_ITEMS)).toBeNull();
  });
});
