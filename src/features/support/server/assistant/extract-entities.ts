/**
 * The things a customer's message names: booking references, e-mail addresses, phone numbers
 * (UK and international, libphonenumber's rules), device models from the catalogue, the
 * shops, and date/time words (chrono's English parser: "tomorrow", "saturday", "next week").
 * Pure: the catalogue's models and the shops are passed in.
 */
import * as chrono from 'chrono-node';
import { findPhoneNumbersInText } from 'libphonenumber-js/min';
import { normaliseReference } from '@/features/repairs';
import { findDevices, words, type DeviceIndex } from './device-index';

export interface SupportEntities {
  references: string[];
  emails: string[];
  phones: string[];
  devices: { slug: string; name: string }[];
  shops: { slug: string; name: string }[];
  dates: string[];
}

export interface EntityShop {
  slug: string;
  name: string;
  city: string;
}

export interface EntitySources {
  devices: DeviceIndex;
  shops: readonly EntityShop[];
  now: Date;
}

/** Entities are read from the first this-many characters (a message may be of any size). */
const MAX_CHARS = 4000;
/** At most this many of each kind are kept. */
const MAX_EACH = 10;

// "RT-4K7Q2Z", "rt 4k7q2z", "rt4k7q2z"; a bare "4K7Q2Z" only when it mixes letters and digits
// (the repairs domain's normaliseReference then checks the alphabet)
const PREFIXED_REFERENCE = /\bRT[-\s]?[A-Z0-9]{6}\b/gi;
const BARE_REFERENCE = /\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{6}\b/gi;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

function unique<T>(items: T[], key: (item: T) => string = String): T[] {
  const seen = new Set<string>();
  return items
    .filter((item) => {
      const k = key(item);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .slice(0, MAX_EACH);
}

export function findReferences(text: string): string[] {
  const found: string[] = [];
  const rest = text.replace(PREFIXED_REFERENCE, (match) => {
    const ref = normaliseReference(match);
    if (ref) found.push(ref);
    return ' ';
  });
  for (const match of rest.matchAll(BARE_REFERENCE)) {
    const ref = normaliseReference(match[0]);
    if (ref) found.push(ref);
  }
  return unique(found);
}

function findPhones(text: string): string[] {
  // "valid" numbers, plus numbers of a possible length written as phone numbers are (a leading
  // 0 or +): the drama ranges (07700 900xxx) are not "valid" but are phone numbers. The finder
  // is given one list item at a time: it missed the last of "a, b, c".
  const found: string[] = [];
  for (const part of text.split(/[,;\n]|\s(?:or|and)\s/i)) {
    if (!/\d{3}/.test(part.replace(/[\s().-]/g, ''))) continue;
    for (const leniency of ['VALID', 'POSSIBLE'] as const) {
      for (const m of findPhoneNumbersInText(part, {
        defaultCountry: 'GB',
        extended: leniency === 'POSSIBLE',
      })) {
        const raw = part.slice(m.startsAt, m.endsAt).trim();
        if (leniency === 'POSSIBLE' && !/^(?:\+|0)/.test(raw)) continue;
        found.push(m.number.number);
      }
    }
  }
  return unique(found);
}

function findShops(text: string, shops: readonly EntityShop[]): Array<{ slug: string; name: string }> {
  const ws = ` ${words(text).join(' ')} `;
  return shops
    .map((s) => {
      const names = [s.slug, s.city, s.name].map((n) => words(n).join(' ')).filter((n) => n.length >= 3);
      const at = Math.min(...names.map((n) => ws.indexOf(` ${n} `)).filter((i) => i >= 0), Infinity);
      return { slug: s.slug, name: s.name, at };
    })
    .filter((s) => s.at !== Infinity)
    .sort((a, b) => a.at - b.at)
    .map(({ slug, name }) => ({ slug, name }));
}

function findDates(text: string, now: Date): string[] {
  const results = chrono.en.GB.parse(text, now);
  // a bare number ("15" of "iPhone 15 for 2 days") is not a date: keep what has a word or a
  // date's punctuation in it
  return unique(
    results.map((r) => r.text.trim()).filter((t) => /[a-z]/i.test(t) || /\d[/.:-]\d/.test(t)),
    (t) => t.toLowerCase(),
  );
}

export function extractEntities(message: string, sources: EntitySources): SupportEntities {
  const text = message.slice(0, MAX_CHARS).replaceAll('\u0000', ' ');
  const references = findReferences(text);
  const emails = unique((text.match(EMAIL) ?? []).map((e) => e.toLowerCase()));
  // phones and dates are read from the text without the references and e-mails, so their
  // digits are not read twice
  const plain = text.replace(PREFIXED_REFERENCE, ' ').replace(EMAIL, ' ');
  const phones = findPhones(plain);
  const found = findDevices(sources.devices, plain);
  const devices = unique(
    found.map(({ slug, name }) => ({ slug, name })),
    (d) => d.slug,
  );
  // the device names' numbers ("iPhone 15") are not dates either
  let withoutDevices = plain;
  for (const d of found) {
    withoutDevices =
      withoutDevices.slice(0, d.start) + ' '.repeat(d.end - d.start) + withoutDevices.slice(d.end);
  }
  return {
    references,
    emails,
    phones,
    devices,
    shops: unique(findShops(text, sources.shops), (s) => s.slug),
    dates: findDates(withoutDevices, sources.now),
  };
}
