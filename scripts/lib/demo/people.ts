/**
 * The demo's people: staff (technicians and managers, ids `demo-…`, e-mail @demo.revivatech.test)
 * and customers. No address can reach anyone: personal ones are at gmail.com/googlemail.com (a
 * public provider, so the segments count them as private customers) with an underscore in the
 * name, which Gmail never allows in a mailbox (`demo_olivia_smith_12@gmail.com`); business ones
 * are at `<company>.example` (a reserved TLD); phones are in Ofcom's drama ranges.
 */
import type { user } from '@/server/db/schema';
import type { Random } from './random';

export const DEMO_EMAIL_DOMAIN = 'demo.revivatech.test';
export const DEMO_ID_PREFIX = 'demo-';

type UserRow = typeof user.$inferInsert;

const FIRST = [
  'Olivia',
  'Amelia',
  'Isla',
  'Ava',
  'Mia',
  'Ivy',
  'Lily',
  'Grace',
  'Sophia',
  'Freya',
  'Priya',
  'Aisha',
  'Noah',
  'Oliver',
  'George',
  'Arthur',
  'Leo',
  'Harry',
  'Oscar',
  'Archie',
  'Jack',
  'Muhammad',
  'Theo',
  'Sam',
  'Chloe',
  'Ellie',
  'Zara',
  'Daniel',
  'Kai',
  'Ruby',
  'Nia',
  'Tom',
  'Hannah',
  'Ewan',
  'Fatima',
] as const;
const LAST = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Patel',
  'Wright',
  'Robinson',
  'Thompson',
  'Evans',
  'Walker',
  'Khan',
  'White',
  'Hughes',
  'Edwards',
  'Green',
  'Hall',
  'Wood',
  'Harris',
  'Lewis',
  'Martin',
  'Jackson',
  'Clarke',
  'Clark',
  'Turner',
  'Hill',
  'Scott',
  'Cooper',
] as const;
const PERSONAL_DOMAINS = ['gmail.com', 'gmail.com', 'googlemail.com'] as const;
const COMPANIES = [
  'brightside-logistics',
  'northern-lettings',
  'kestrel-couriers',
  'oakfield-dental',
  'harbour-estates',
  'pennine-builders',
  'citrus-media',
  'bluebell-care',
  'redbrick-legal',
  'summit-taxis',
  'mill-lane-surgery',
  'quayside-events',
] as const;
/** Ofcom's drama ranges (never a real subscriber): 1,000 numbers each */
const PHONE_RANGES = ['+447700900', '+441614960', '+442079460', '+441134960', '+441214960', '+441314960'];

export interface DemoCustomer {
  key: number;
  name: string;
  email: string | null;
  phone: string | null;
  userId: string | null;
  kind: 'personal' | 'business' | 'walk_in';
  /** their bookings so far (repeat customers come back to where they went) */
  bookings: number;
  shopSlug: string | null;
}

export interface StaffMember {
  id: string;
  name: string;
  shopSlug: string;
  /** >1: slower than the median, and more comebacks */
  pace: number;
}

/** Technicians (three for the first shop, two or three for the others) and a manager where a shop has none. */
export function demoStaff(
  shopSlugs: readonly string[],
  shopsWithManager: ReadonlySet<string>,
  now: Date,
): { users: UserRow[]; technicians: StaffMember[] } {
  const users: UserRow[] = [];
  const technicians: StaffMember[] = [];
  const techNames = [
    ['Alex Morgan', 0.85],
    ['Jordan Reid', 1.0],
    ['Casey Nolan', 1.25],
    ['Sanjay Mehta', 0.95],
    ['Beth Lowry', 1.1],
    ['Rory Quinn', 1.0],
  ] as const;
  let t = 0;
  const joined = new Date(now.getTime() - 400 * 86_400_000);
  shopSlugs.forEach((shop, i) => {
    const count = i === 0 ? 3 : 2;
    for (let n = 1; n <= count; n++) {
      const [name, pace] = techNames[t++ % techNames.length]!;
      const id = `${DEMO_ID_PREFIX}tech-${shop}-${n}`;
      technicians.push({ id, name, shopSlug: shop, pace });
      users.push(staffRow(id, name, `tech${n}.${shop}@${DEMO_EMAIL_DOMAIN}`, 'technician', shop, joined));
    }
    if (!shopsWithManager.has(shop)) {
      const id = `${DEMO_ID_PREFIX}manager-${shop}`;
      users.push(
        staffRow(id, `Manager ${shop}`, `manager.${shop}@${DEMO_EMAIL_DOMAIN}`, 'manager', shop, joined),
      );
    }
  });
  return { users, technicians };
}

function staffRow(
  id: string,
  name: string,
  email: string,
  role: 'technician' | 'manager',
  shopSlug: string,
  at: Date,
): UserRow {
  return { id, name, email, emailVerified: true, role, shopSlug, createdAt: at, updatedAt: at };
}

/** Picks the customer of a new booking: a returning one sometimes, else a new one. */
export class CustomerPool {
  readonly customers: DemoCustomer[] = [];
  readonly accounts: UserRow[] = [];
  private readonly businessStaff = new Map<string, DemoCustomer[]>();
  private phones = 0;

  constructor(private readonly rng: Random) {}

  choose(service: 'drop_off' | 'mail_in' | 'walk_in', shopSlug: string | null, at: Date): DemoCustomer {
    const rng = this.rng;
    if (service === 'walk_in' && rng.chance(0.55)) return this.create('walk_in', shopSlug, at);
    if (rng.chance(0.09)) return this.business(shopSlug, at);
    if (this.customers.length > 20 && rng.chance(0.22)) {
      // a returning customer, likelier from the same shop
      for (let tries = 0; tries < 4; tries++) {
        const c = rng.pick(this.customers);
        if (c.kind === 'personal' && (c.shopSlug === shopSlug || tries === 3)) return c;
      }
    }
    return this.create('personal', shopSlug, at);
  }

  private business(shopSlug: string | null, at: Date): DemoCustomer {
    const company = this.rng.pick(COMPANIES);
    const staff = this.businessStaff.get(company) ?? [];
    if (staff.length > 0 && (staff.length >= 4 || this.rng.chance(0.7))) return this.rng.pick(staff);
    const c = this.create('business', shopSlug, at, company);
    staff.push(c);
    this.businessStaff.set(company, staff);
    return c;
  }

  private create(
    kind: DemoCustomer['kind'],
    shopSlug: string | null,
    at: Date,
    company?: string,
  ): DemoCustomer {
    const rng = this.rng;
    const key = this.customers.length + 1;
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    const local = `${first}.${last}.${key}`.toLowerCase();
    let email: string | null = null;
    if (kind === 'personal') email = `demo_${local.replaceAll('.', '_')}@${rng.pick(PERSONAL_DOMAINS)}`;
    if (kind === 'business') email = `${local}@${company}.example`;
    const phone = kind === 'walk_in' || rng.chance(0.6) ? this.nextPhone() : null;
    let userId: string | null = null;
    if (email && rng.chance(0.3)) {
      userId = `${DEMO_ID_PREFIX}customer-${key}`;
      this.accounts.push({
        id: userId,
        name: `${first} ${last}`,
        email,
        emailVerified: true,
        role: 'customer',
        createdAt: at,
        updatedAt: at,
      });
    }
    const c: DemoCustomer = {
      key,
      name: `${first} ${last}`,
      email,
      phone,
      userId,
      kind,
      bookings: 0,
      shopSlug,
    };
    this.customers.push(c);
    return c;
  }

  private nextPhone(): string {
    const n = this.phones++;
    const range = PHONE_RANGES[Math.floor(n / 1000) % PHONE_RANGES.length]!;
    return range + String(n % 1000).padStart(3, '0');
  }
}
