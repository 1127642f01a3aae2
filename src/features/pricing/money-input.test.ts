import { describe, expect, it } from 'vitest';
import { minorToInput, parseMoneyInput } from './money-input';

describe('typed prices', () => {
  it.each([
    ['45', 4500],
    ['45.5', 4550],
    ['45.50', 4550],
    ['0.07', 7],
    ['£1,045.99', 104599],
    [' 12. ', 1200],
    ['0', 0],
  ])('%s is %i minor units', (text, minor) => {
    expect(parseMoneyInput(text)).toBe(minor);
  });

  it.each(['', 'abc', '-5', '4.555', '1e3', '12.3.4', '.5'])('refuses %j', (text) => {
    expect(parseMoneyInput(text)).toBeNull();
  });

  it('honours the currency digits and a maximum', () => {
    expect(parseMoneyInput('500', 0)).toBe(500);
    expect(parseMoneyInput('5.1', 0)).toBeNull();
    expect(parseMoneyInput('100000', 2, 10_000_000)).toBe(10_000_000);
    expect(parseMoneyInput('100000.01', 2, 10_000_000)).toBeNull();
  });

  it('writes minor units back as a plain decimal', () => {
    expect(minorToInput(4550)).toBe('45.50');
    expect(minorToInput(7)).toBe('0.07');
    expect(minorToInput(500, 0)).toBe('500');
  });
});
