import { describe, expect, it } from 'vitest';
import { pickStaffToNotify, type NoticeOrder, type StaffMember, type StaffNotice } from './staff-to-notify';

const tech: StaffMember = { id: 'tech', role: 'technician', shopSlug: 'london' };
const londonManager: StaffMember = { id: 'mgr-london', role: 'manager', shopSlug: 'london' };
const everyShopManager: StaffMember = { id: 'mgr-all', role: 'manager', shopSlug: null };
const northManager: StaffMember = { id: 'mgr-north', role: 'manager', shopSlug: 'manchester' };
const admin: StaffMember = { id: 'admin', role: 'admin', shopSlug: null };
const everyone = [tech, londonManager, everyShopManager, northManager, admin];

const assigned: NoticeOrder = { shopSlug: 'london', assignedTechnicianId: 'tech' };
const unassigned: NoticeOrder = { shopSlug: 'london', assignedTechnicianId: null };
const mailIn: NoticeOrder = { shopSlug: null, assignedTechnicianId: null };
const MANAGERS = ['mgr-london', 'mgr-all'];

describe('who on the staff hears about what (the one rule)', () => {
  const table: Array<[string, StaffNotice, NoticeOrder, StaffMember[], string[]]> = [
    ['a new booking goes to the shop managers', 'new_booking', unassigned, everyone, MANAGERS],
    ['a check-in goes to the shop managers, even when assigned', 'check_in', assigned, everyone, MANAGERS],
    [
      'a message on an assigned order goes to its technician only',
      'customer_message',
      assigned,
      everyone,
      ['tech'],
    ],
    [
      'a message on an unassigned order goes to the shop managers',
      'customer_message',
      unassigned,
      everyone,
      MANAGERS,
    ],
    ['a quote decision goes to the assigned technician only', 'quote_decision', assigned, everyone, ['tech']],
    [
      'a quote decision with nobody assigned goes to the managers',
      'quote_decision',
      unassigned,
      everyone,
      MANAGERS,
    ],
    [
      'a disabled (absent) technician: the managers instead',
      'customer_message',
      assigned,
      [londonManager, admin],
      ['mgr-london'],
    ],
    [
      'a shop with no managers: the admins',
      'new_booking',
      unassigned,
      [tech, northManager, admin],
      ['admin'],
    ],
    ['a mail-in order: managers tied to no shop', 'new_booking', mailIn, everyone, ['mgr-all']],
    [
      'an overdue order: its technician and the shop managers',
      'order_overdue',
      assigned,
      everyone,
      ['tech', ...MANAGERS],
    ],
    ['an overdue order nobody works on: the shop managers', 'order_overdue', unassigned, everyone, MANAGERS],
    [
      'a mail-in order and no shop-less manager: the admins',
      'check_in',
      mailIn,
      [tech, londonManager, admin],
      ['admin'],
    ],
  ];
  it.each(table)('%s', (_name, notice, order, staff, expected) => {
    expect(pickStaffToNotify(notice, order, staff).sort()).toEqual([...expected].sort());
  });

  it('never tells whoever caused the event', () => {
    expect(pickStaffToNotify('check_in', unassigned, everyone, 'mgr-london')).toEqual(['mgr-all']);
    expect(pickStaffToNotify('customer_message', assigned, everyone, 'tech')).toEqual([]);
  });
});
