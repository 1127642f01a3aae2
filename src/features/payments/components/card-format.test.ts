import { describe, expect, it } from 'vitest';
import { cardDigits, formatCardNumber, formatExpiry, plausibleCardNumber } from './card-format';

describe('formatCardNumber', () => {
  it('groups digits in fours as they are typed', () => {
    expect(formatCardNumber('4')).toBe('4');
    expect(formatCardNumber('4242')).toBe('4242');
    expect(formatCardNumber('42424')).toBe('4242 4');
    expect(formatCardNumber('4242424242424242')).toBe('4242 4242 4242 4242');
  });
  it('drops anything but digits, and stops at 19 digits', () => {
    expect(formatCardNumber('4242-4242 4242x4242')).toBe('4242 4242 4242 4242');
    expect(formatCardNumber('1'.repeat(25))).toBe('1111 1111 1111 1111 111');
  });
  it('a pasted, already formatted number stays the same', () => {
    expect(formatCardNumber('4000 0027 6000 3184')).toBe('4000 0027 6000 3184');
  });
});

describe('formatExpiry', () => {
  it('adds the slash after the month', () => {
    expect(formatExpiry('1', '')).toBe('1');
    expect(formatExpiry('12', '1')).toBe('12/');
    expect(formatExpiry('12/3', '12/')).toBe('12/3');
    expect(formatExpiry('12/34', '12/3')).toBe('12/34');
    expect(formatExpiry('1234', '')).toBe('12/34');
  });
  it('a single month digit above 1 is padded', () => {
    expect(formatExpiry('4', '')).toBe('04/');
    expect(formatExpiry('429', '')).toBe('04/29');
  });
  it('backspace over the slash removes the month digit before it', () => {
    expect(formatExpiry('12', '12/')).toBe('1');
  });
  it('never grows past MM/YY', () => {
    expect(formatExpiry('12/345', '12/34')).toBe('12/34');
  });
});

describe('plausibleCardNumber', () => {
  it('accepts the test cards with or without spaces', () => {
    expect(plausibleCardNumber('4242 4242 4242 4242')).toBe(true);
    expect(plausibleCardNumber('4000000000000002')).toBe(true);
    expect(cardDigits('4000 0027 6000 3184')).toBe('4000002760003184');
  });
  it('refuses short numbers and failed checksums', () => {
    expect(plausibleCardNumber('4242')).toBe(false);
    expect(plausibleCardNumber('4242 4242 4242 4241')).toBe(false);
    expect(plausibleCardNumber('')).toBe(false);
  });
});
