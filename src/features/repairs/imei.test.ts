import { describe, expect, it } from 'vitest';
import { checkImeiSerial, luhnValid, normaliseImeiSerial } from './imei';

describe('IMEI / serial', () => {
  it('accepts a valid IMEI, ignoring spaces and dashes', () => {
    // 490154203237518 is the standard example IMEI (check digit 8)
    expect(checkImeiSerial('49-015420-323751-8')).toEqual({
      ok: true,
      value: '490154203237518',
      kind: 'imei',
    });
    expect(checkImeiSerial('35 209900 176148 1')).toMatchObject({ ok: true, kind: 'imei' });
  });

  it('refuses a 15-digit number whose check digit is wrong', () => {
    expect(checkImeiSerial('490154203237517')).toEqual({ ok: false, reason: 'imei_checksum' });
  });

  it('accepts serials of 4-30 letters and digits, upper-cased', () => {
    expect(checkImeiSerial('c02xg0fdh7jy')).toEqual({ ok: true, value: 'C02XG0FDH7JY', kind: 'serial' });
    expect(checkImeiSerial('AB12')).toMatchObject({ ok: true });
    expect(checkImeiSerial('A'.repeat(30))).toMatchObject({ ok: true });
  });

  it('refuses anything else', () => {
    for (const bad of ['', 'AB1', 'A'.repeat(31), 'ABC_123', 'ünïcode1', '12345678901234#']) {
      expect(checkImeiSerial(bad), bad).toEqual({ ok: false, reason: 'format' });
    }
  });

  it('computes Luhn like the standard', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid('12a')).toBe(false);
    expect(normaliseImeiSerial(' ab-12.3/4 ')).toBe('AB1234');
  });
});
