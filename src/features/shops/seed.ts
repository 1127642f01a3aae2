import type { OpeningHoursJson, UrgencyJson } from '@/server/db/schema';

const WEEKDAYS_9_TO_6 = [{ open: '09:00', close: '18:00' }];

const DEFAULT_URGENCY: UrgencyJson = {
  express: { surchargeBp: 2500, minimumMinor: 1500 },
  same_day: { surchargeBp: 5000, minimumMinor: 2500 },
};

/** UK bank holidays (England & Wales) for 2026-2027: shops are closed. */
export const UK_BANK_HOLIDAYS = [
  '2026-12-25',
  '2026-12-28',
  '2027-01-01',
  '2027-03-26',
  '2027-03-29',
  '2027-05-03',
  '2027-05-31',
  '2027-08-30',
  '2027-12-27',
  '2027-12-28',
];

export const SEED_SHOPS: Array<{
  slug: string;
  name: string;
  addressLine1: string;
  addressLine2?: string;
  city: string;
  postcode: string;
  phone: string;
  email: string;
  latitude: number;
  longitude: number;
  timeZone: string;
  openingHours: OpeningHoursJson;
  closedDates: string[];
  slotMinutes: number;
  capacityPerSlot: number;
  minNoticeMinutes: number;
  horizonDays: number;
  urgency: UrgencyJson;
}> = [
  {
    slug: 'london',
    name: 'RevivaTech London',
    addressLine1: '118 Tottenham Court Road',
    city: 'London',
    postcode: 'W1T 5AJ',
    phone: '+44 20 7946 0112',
    email: 'london@revivatech.example',
    latitude: 51.5226,
    longitude: -0.1365,
    timeZone: 'Europe/London',
    openingHours: {
      mon: WEEKDAYS_9_TO_6,
      tue: WEEKDAYS_9_TO_6,
      wed: WEEKDAYS_9_TO_6,
      thu: [{ open: '09:00', close: '19:30' }],
      fri: WEEKDAYS_9_TO_6,
      sat: [{ open: '10:00', close: '17:00' }],
      sun: [{ open: '11:00', close: '16:00' }],
    },
    closedDates: UK_BANK_HOLIDAYS,
    slotMinutes: 30,
    capacityPerSlot: 3,
    minNoticeMinutes: 120,
    horizonDays: 21,
    urgency: DEFAULT_URGENCY,
  },
  {
    slug: 'manchester',
    name: 'RevivaTech Manchester',
    addressLine1: '52 Oldham Street',
    addressLine2: 'Northern Quarter',
    city: 'Manchester',
    postcode: 'M4 1LE',
    phone: '+44 161 496 0734',
    email: 'manchester@revivatech.example',
    latitude: 53.4839,
    longitude: -2.2341,
    timeZone: 'Europe/London',
    openingHours: {
      mon: WEEKDAYS_9_TO_6,
      tue: WEEKDAYS_9_TO_6,
      wed: WEEKDAYS_9_TO_6,
      thu: WEEKDAYS_9_TO_6,
      fri: WEEKDAYS_9_TO_6,
      sat: [{ open: '10:00', close: '16:00' }],
    },
    closedDates: UK_BANK_HOLIDAYS,
    slotMinutes: 30,
    capacityPerSlot: 2,
    minNoticeMinutes: 120,
    horizonDays: 21,
    urgency: DEFAULT_URGENCY,
  },
];
