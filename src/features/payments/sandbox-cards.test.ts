import { describe, expect, it } from 'vitest';
import { checkSandboxCard, luhnValid, normaliseCardNumber, parseExpiry } from './sandbox-cards';

const NOW = new Date('2026-11-29T12:00:00Z');

describe('sandbox test cards', () => {
  it.each([
    ['4242 4242 4242 4242', 'succeeds'],
    ['4242-4242-4242-4242', 'succeeds'],
    ['5555555555554444', 'succeeds'],
    ['4000 0000 0000 0002', 'declined'],
    ['4000000000009995', 'insufficient_funds'],
    ['4000 0027 6000 3184', 'requires_action'],
  ])('%s → %s', (number, outcome) => {
    const r = checkSandboxCard({ cardNumber: number }, NOW);
    expect(r).toMatchObject({ ok: true, outcome });
    if (r.ok) expect(r.last4).toBe(normaliseCardNumber(number).slice(-4));
  });

  it('refuses a number that fails the Luhn check', () => {
    expect(checkSandboxCard({ cardNumber: '4242 4242 4242 4241' }, NOW)).toMatchObject({
      ok: false,
      field: 'cardNumber',
    });
    expect(checkSandboxCard({ cardNumber: 'abcd' }, NOW)).toMatchObject({ ok: false, field: 'cardNumber' });
  });

  it('refuses real (non-test) card numbers in test mode', () => {
    const r = checkSandboxCard({ cardNumber: '4111 1111 1111 1111' }, NOW);
    expect(r).toMatchObject({ ok: false, field: 'cardNumber' });
    if (!r.ok) expect(r.message).toMatch(/test card/i);
  });

  it('expiry and CVC are optional, but checked when given', () => {
    expect(checkSandboxCard({ cardNumber: '4242424242424242', expiry: '', cvc: '' }, NOW).ok).toBe(true);
    expect(checkSandboxCard({ cardNumber: '4242424242424242', expiry: '11/26', cvc: '123' }, NOW).ok).toBe(
      true,
    );
    expect(checkSandboxCard({ cardNumber: '4242424242424242', expiry: '10/26' }, NOW)).toMatchObject({
      field: 'expiry',
    });
    expect(checkSandboxCard({ cardNumber: '4242424242424242', expiry: '13/30' }, NOW)).toMatchObject({
      field: 'expiry',
    });
    expect(checkSandboxCard({ cardNumber: '4242424242424242', cvc: '12' }, NOW)).toMatchObject({
      field: 'cvc',
    });
  });

  it('parses MM/YY and MM/YYYY', () => {
    expect(parseExpiry('01/30', NOW)).toEqual({ month: 1, year: 2030 });
    expect(parseExpiry(' 1 / 2030 ', NOW)).toEqual({ month: 1, year: 2030 });
    expect(parseExpiry('0130', NOW)).toBeNull();
  });

  it('Luhn', () => {
    expect(luhnValid('79927398713')).toBe(false); // too short for a card
    expect(luhnValid('4242424242424242')).toBe(true);
    expect(luhnValid('4242424242424243')).toBe(false);
  });
});
