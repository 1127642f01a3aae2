import { describe, expect, it } from 'vitest';
import { foldName, parsePlaceQuery } from './place-query';

describe('parsePlaceQuery', () => {
  it.each([
    ['M1', 'M1'],
    ['m1', 'M1'],
    [' WC1E ', 'WC1E'],
    ['sw1a', 'SW1A'],
    ['B33', 'B33'],
    ['EC1A', 'EC1A'],
  ])('reads the district %j as %s', (input, district) => {
    expect(parsePlaceQuery(input)).toEqual({ kind: 'district', district, postcode: null });
  });

  it.each([
    ['M1 1AE', 'M1', 'M1 1AE'],
    ['m11ae', 'M1', 'M1 1AE'],
    ['SW1A 1AA', 'SW1A', 'SW1A 1AA'],
    ['sw1a1aa', 'SW1A', 'SW1A 1AA'],
    ['W1T  5AJ', 'W1T', 'W1T 5AJ'],
    ['EC1A 1BB', 'EC1A', 'EC1A 1BB'],
    ['B33 8TH', 'B33', 'B33 8TH'],
  ])('reads the full postcode %j as district %s (%s)', (input, district, postcode) => {
    expect(parsePlaceQuery(input)).toEqual({ kind: 'district', district, postcode });
  });

  it.each([
    ['Leeds', 'leeds'],
    ['  newcastle upon TYNE ', 'newcastle upon tyne'],
    ['Stratford-upon-Avon', 'stratford upon avon'],
    ["King's Lynn", 'king s lynn'],
    ['Saint Albans', 'st albans'],
    ['Ynys Môn', 'ynys mon'],
    ['XYZ', 'xyz'],
  ])('reads %j as the place name %j', (input, name) => {
    expect(parsePlaceQuery(input)).toEqual({ kind: 'town', name });
  });

  it.each(['', '   ', '123', '!!!', 'x'.repeat(61)])('refuses %j', (input) => {
    expect(parsePlaceQuery(input)).toEqual({ kind: 'invalid' });
  });

  it('does not take a name that merely looks short for a postcode', () => {
    expect(parsePlaceQuery('Bath').kind).toBe('town');
    expect(parsePlaceQuery('Ely').kind).toBe('town');
    expect(parsePlaceQuery('M1 1A').kind).toBe('town');
  });
});

describe('foldName', () => {
  it('ignores case, accents, punctuation and "&"', () => {
    expect(foldName('Brighton & Hove')).toBe('brighton and hove');
    expect(foldName('St. Ives')).toBe('st ives');
    expect(foldName('Llanfair\u00adpwll')).toBe('llanfairpwll');
  });
});
