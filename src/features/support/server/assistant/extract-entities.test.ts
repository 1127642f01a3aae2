import { describe, expect, it } from 'vitest';
import { buildDeviceIndex } from './device-index';
import { extractEntities, findReferences } from './extract-entities';
import { findRepairTerms } from './repair-terms';

const models = [
  { slug: 'iphone-15-pro-max', name: 'iPhone 15 Pro Max', brandName: 'Apple', aliases: ['A3106'] },
  { slug: 'iphone-15', name: 'iPhone 15', brandName: 'Apple', aliases: ['A3090'] },
  { slug: 'galaxy-s24-ultra', name: 'Galaxy S24 Ultra', brandName: 'Samsung', aliases: [] },
  { slug: 'galaxy-s24', name: 'Galaxy S24', brandName: 'Samsung', aliases: [] },
  { slug: 'pixel-8', name: 'Pixel 8', brandName: 'Google', aliases: [] },
  { slug: 'ps5', name: 'PlayStation 5', brandName: 'Sony', aliases: ['PS5'] },
];
const shops = [
  { slug: 'london', name: 'RevivaTech London', city: 'London' },
  { slug: 'manchester', name: 'RevivaTech Manchester', city: 'Manchester' },
];
const sources = { devices: buildDeviceIndex(models), shops, now: new Date('2026-12-07T10:00:00Z') };
const entities = (text: string) => extractEntities(text, sources);

describe('extractEntities', () => {
  it('finds booking references in any case, with or without the prefix', () => {
    expect(entities('status of rt-4k7q2z please').references).toEqual(['RT-4K7Q2Z']);
    expect(entities('RT 8M3PQX and RT-8m3pqx').references).toEqual(['RT-8M3PQX']);
    expect(findReferences('my reference is 7K3M9Q')).toEqual(['RT-7K3M9Q']);
    // six letters are a word, not a reference; look-alikes (0, O, 1, I) are not in the alphabet
    expect(findReferences('my SCREEN is broken')).toEqual([]);
    expect(findReferences('RT-0OI1AB')).toEqual([]);
  });

  it('finds e-mail addresses and UK and international phone numbers', () => {
    const e = entities(
      'mail Jane.Doe+fix@Example.co.uk or call 07700 900123, +1 415 555 2671, 020 7946 0112',
    );
    expect(e.emails).toEqual(['jane.doe+fix@example.co.uk']);
    expect(e.phones).toEqual(expect.arrayContaining(['+447700900123', '+14155552671', '+442079460112']));
    expect(e.phones).toHaveLength(3);
    expect(entities('order RT-4K7Q2Z costs £79.99, code 123456789').phones).toEqual([]);
  });

  it('finds catalogue devices the way customers write them, longest name first', () => {
    expect(entities('how much is an iphone15 screen').devices).toEqual([
      { slug: 'iphone-15', name: 'iPhone 15' },
    ]);
    expect(entities('my i phone 15 pro max').devices.map((d) => d.slug)).toEqual(['iphone-15-pro-max']);
    expect(entities('galaxy s24 and a Samsung S24 Ultra').devices.map((d) => d.slug)).toEqual([
      'galaxy-s24',
      'galaxy-s24-ultra',
    ]);
    expect(entities('ps5 hdmi').devices.map((d) => d.slug)).toEqual(['ps5']);
    expect(entities('my phone is broken').devices).toEqual([]);
  });

  it('finds shops and date words, not the numbers of a device name', () => {
    const e = entities('can I bring my iPhone 15 to the Manchester shop tomorrow at 3pm or next week?');
    expect(e.shops).toEqual([{ slug: 'manchester', name: 'RevivaTech Manchester' }]);
    expect(e.dates).toEqual(['tomorrow at 3pm', 'next week']);
    expect(entities('are you open saturday').dates).toEqual(['saturday']);
    expect(entities('had my iPhone 15 for 2 days').dates).toEqual(['for 2 days']);
  });

  it('answers anything, of any size, without throwing', () => {
    for (const text of [
      '',
      '\u0000RT-4K7Q2Z\u0000',
      'x'.repeat(200_000),
      '@@@ +++ 000',
      '😀 '.repeat(5000),
    ]) {
      const e = entities(text);
      expect(e.references.length).toBeLessThanOrEqual(10);
    }
    expect(entities('\u0000RT-4K7Q2Z\u0000').references).toEqual(['RT-4K7Q2Z']);
  });
});

describe('findRepairTerms', () => {
  it('names the repairs, rear glass apart from the screen', () => {
    expect(findRepairTerms('how much is an iPhone 15 screen')).toEqual(['screen-crack']);
    expect(findRepairTerms('cracked back glass and a dodgy battery')).toEqual(['back-glass', 'battery']);
    expect(findRepairTerms("it won't charge and the speaker crackles")).toEqual(['charging-port', 'audio']);
    expect(findRepairTerms('hello there')).toEqual([]);
  });
});
