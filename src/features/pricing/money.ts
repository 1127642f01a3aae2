/**
 * Money helpers. All amounts are integers in the currency's minor unit (pence for GBP).
 *
 * Rounding rule (used everywhere in pricing): **round half away from zero**, computed with
 * exact integer (BigInt) arithmetic so no floating-point drift can creep in.
 * Examples: 2.5 -> 3, 2.4 -> 2, -2.5 -> -3. (Note `Math.round(-2.5)` is -2, which is why we
 * do not use it.)
 */

/** Basis points per whole: 10000 bp = 100%. */
export const BP_SCALE = 10_000;

/** True when `value` is a safe integer (usable as an exact minor-unit amount). */
export function isSafeMinor(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/**
 * Exact integer division `numerator / denominator`, rounded half away from zero.
 * `denominator` must be non-zero.
 */
export function divRoundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('Division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = n / d;
  const r = n % d;
  // r * 2 >= d  <=>  fractional part >= 0.5  -> round the magnitude up.
  const magnitude = r * 2n >= d ? q + 1n : q;
  return negative ? -magnitude : magnitude;
}

function toSafeNumber(value: bigint, what: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} is not a safe integer`);
  return n;
}

/**
 * `amount * bp / 10000`, rounded half away from zero (integer maths, no floats).
 * e.g. applyBasisPoints(15, 1000) === 2 (1.5 -> 2); applyBasisPoints(-15, 1000) === -2.
 * Throws RangeError for non-integer inputs or an unsafe result.
 */
export function applyBasisPoints(amount: number, bp: number): number {
  if (!isSafeMinor(amount)) throw new RangeError(`amount must be a safe integer, got ${amount}`);
  if (!isSafeMinor(bp)) throw new RangeError(`bp must be a safe integer, got ${bp}`);
  const result = divRoundHalfAwayFromZero(BigInt(amount) * BigInt(bp), BigInt(BP_SCALE));
  return toSafeNumber(result, 'applyBasisPoints result');
}

/**
 * Split a VAT-inclusive `gross` amount into net + VAT at `rateBp`.
 * net = round(gross * 10000 / (10000 + rateBp)) (half away from zero); vat = gross - net,
 * so `net + vat === gross` always holds exactly.
 * e.g. 18900 @ 2000bp -> net 15750, vat 3150; 1 @ 2000bp -> net 1, vat 0.
 */
export function splitVatInclusive(gross: number, rateBp: number): { netMinor: number; vatMinor: number } {
  if (!isSafeMinor(gross)) throw new RangeError(`gross must be a safe integer, got ${gross}`);
  if (!isSafeMinor(rateBp) || rateBp < 0) {
    throw new RangeError(`rateBp must be a non-negative integer, got ${rateBp}`);
  }
  const net = toSafeNumber(
    divRoundHalfAwayFromZero(BigInt(gross) * BigInt(BP_SCALE), BigInt(BP_SCALE + rateBp)),
    'net',
  );
  return { netMinor: net, vatMinor: gross - net };
}

const formatterCache = new Map<string, Intl.NumberFormat>();

function getFormatter(currency: string, locale: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let formatter = formatterCache.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatterCache.set(key, formatter);
  }
  return formatter;
}

/** Number of minor-unit digits for a currency per ICU (GBP 2, JPY 0, BHD 3). */
export function currencyMinorDigits(currency: string, locale = 'en-GB'): number {
  return getFormatter(currency, locale).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * Format an integer minor-unit amount, e.g. formatMoney(18900) === '£189.00'.
 * The amount is converted to an exact decimal string (no float division), so even very
 * large values format without drift.
 */
export function formatMoney(minor: number, currency = 'GBP', locale = 'en-GB'): string {
  if (!isSafeMinor(minor)) throw new RangeError(`minor must be a safe integer, got ${minor}`);
  const formatter = getFormatter(currency, locale);
  const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  const sign = minor < 0 ? '-' : '';
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  const decimal =
    digits === 0 ? abs : `${abs.slice(0, abs.length - digits)}.${abs.slice(abs.length - digits)}`;
  // Intl.NumberFormat accepts exact decimal strings (ES2023 Intl.NumberFormat v3).
  return formatter.format(`${sign}${decimal}` as Intl.StringNumericLiteral);
}
