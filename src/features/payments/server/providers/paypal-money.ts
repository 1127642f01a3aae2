/**
 * PayPal's decimal amount strings and our minor units, exactly (no floating point). Apart from
 * providers/paypal.ts so that the webhook handling (imported with the API) does not load the
 * PayPal SDK (about 0.9 s of CPU on 2 cores); the SDK loads with the first PayPal call (gateway.ts).
 */
import type { Money } from '@paypal/paypal-server-sdk';
import { currencyMinorDigits } from '@/features/pricing';

/** Minor units as PayPal's decimal string: 18900 GBP → "189.00", 500 JPY → "500". */
export function toPayPalValue(minor: number, currency: string): string {
  const digits = currencyMinorDigits(currency);
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  const value = digits === 0 ? abs : `${abs.slice(0, abs.length - digits)}.${abs.slice(abs.length - digits)}`;
  return minor < 0 ? `-${value}` : value;
}

/** PayPal's decimal string as minor units, exactly (no floating point): "189.5" → 18950. */
export function fromPayPalValue(money: Pick<Money, 'value' | 'currencyCode'> | undefined | null): number {
  if (!money?.value) return 0;
  const digits = currencyMinorDigits(money.currencyCode);
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(money.value.trim());
  if (!match) return 0;
  const [, sign, whole, fraction = ''] = match;
  const minor = Number(`${whole}${fraction.padEnd(digits, '0').slice(0, digits)}`);
  return sign ? -minor : minor;
}
