/**
 * IMEI / serial numbers as technicians type them: spaces, dashes and case are ignored.
 * An IMEI is 15 digits whose last is a Luhn check digit; anything else must look like a
 * manufacturer serial (4-30 letters and digits).
 */

/** Upper case, without spaces, dashes, dots or slashes. */
export function normaliseImeiSerial(raw: string): string {
  return raw.replace(/[\s\-./]/g, '').toUpperCase();
}

/** Luhn checksum over a string of digits (true when the last digit checks the rest). */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export type ImeiSerialCheck =
  { ok: true; value: string; kind: 'imei' | 'serial' } | { ok: false; reason: 'imei_checksum' | 'format' };

export function checkImeiSerial(raw: string): ImeiSerialCheck {
  const value = normaliseImeiSerial(raw);
  if (/^\d{15}$/.test(value)) {
    return luhnValid(value) ? { ok: true, value, kind: 'imei' } : { ok: false, reason: 'imei_checksum' };
  }
  if (/^[A-Z0-9]{4,30}$/.test(value)) return { ok: true, value, kind: 'serial' };
  return { ok: false, reason: 'format' };
}
