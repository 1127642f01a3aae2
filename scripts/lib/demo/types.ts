/** The demo seed's shapes and fixed lists. */
import type {
  analyticsEvents,
  bookings,
  repairOrderEvents,
  repairOrderLines,
  repairOrders,
  repairRatings,
  user,
} from '@/server/db/schema';
import type { UrgencyJson } from '@/server/db/schema';
import type { MoneyRows } from './money';

export const DEMO_TOKEN_PREFIX = 'demo:';

export interface DemoShop {
  slug: string;
  name: string;
  timeZone: string;
  slotMinutes: number;
  capacityPerSlot: number;
  urgency: UrgencyJson;
  addressLine1: string;
  city: string;
  postcode: string;
  phone: string;
  email: string;
}
export interface DemoModel {
  slug: string;
  name: string;
  releaseYear: number;
  categorySlug: string;
}
export interface DemoPrice {
  modelSlug: string;
  repairSlug: string;
  repairName: string;
  partsMinor: number;
  labourMinor: number;
  warrantyDays: number;
  turnaroundHours: number;
}
export interface DemoOptions {
  now: Date;
  /** volume multiplier (1: about 2,300 orders a year over two shops) */
  scale: number;
  /** how many days of history end today (365) */
  days: number;
  seed: number;
}
export interface DemoContext {
  shops: DemoShop[];
  models: DemoModel[];
  prices: DemoPrice[];
  shopsWithManager: Set<string>;
  /** references already used by real bookings */
  takenReferences: Set<string>;
  /** booked places of existing slot reservations, by `${shop}|${iso}` */
  reservedSlots: Map<string, number>;
}

export interface DemoPlan extends MoneyRows {
  users: (typeof user.$inferInsert)[];
  bookings: (typeof bookings.$inferInsert)[];
  orders: (typeof repairOrders.$inferInsert)[];
  lines: (typeof repairOrderLines.$inferInsert)[];
  events: (typeof repairOrderEvents.$inferInsert)[];
  ratings: (typeof repairRatings.$inferInsert)[];
  analytics: (typeof analyticsEvents.$inferInsert)[];
  /** places the demo's confirmed drop-offs take, to add to slot_reservations */
  slots: Array<{ shopSlug: string; startsAt: Date; capacity: number; booked: number }>;
}

export type Service = 'drop_off' | 'mail_in' | 'walk_in';
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const PART_LINES: Array<[string, number]> = [
  ['Adhesive seal kit', 450],
  ['Replacement screw set', 250],
  ['Charging port flex cable', 1400],
  ['Camera lens cover', 900],
  ['Loudspeaker module', 1800],
];
export const LABOUR_LINES: Array<[string, number]> = [
  ['Data backup and transfer', 2500],
  ['Liquid damage clean', 3500],
  ['Board-level diagnosis', 4000],
];
export const FAULTS: Record<string, string[]> = {
  screen: [
    'Dropped it, screen shattered.',
    'Lines across the display.',
    'Touch stopped working in one corner.',
  ],
  battery: ['Battery dies by lunchtime.', 'Shuts down at 30%.', 'Battery is swelling.'],
  other: ['Stopped working after a fall.', 'Intermittent fault.', 'Not sure what is wrong.'],
};
