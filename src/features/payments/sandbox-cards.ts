/**
 * The built-in sandbox card provider's test cards (the same numbers Stripe's test mode uses).
 * Only these are accepted: a real card number is refused, so nobody can type real card data
 * into a shop running in test mode by mistake.
 */
export type SandboxOutcome = 'succeeds' | 'declined' | 'requires_action' | 'insufficient_funds';

export const SANDBOX_CARDS: ReadonlyArray<{ number: string; outcome: SandboxOutcome; brand: string }> = [
  { number: '4242424242424242', outcome: 'succeeds', brand: 'Visa' },
  { number: '5555555555554444', outcome: 'succeeds', brand: 'Mastercard' },
  { number: '4000000000000002', outcome: 'declined', brand: 'Visa' },
  { number: '4000000000009995', outcome: 'insufficient_funds', brand: 'Visa' },
  { number: '4000002760003184', outcome: 'requires_action', brand: 'Visa' },
];

/** Digits only (spaces and dashes as people type them are dropped). */
export function normaliseCardNumber(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/** The Luhn checksum every card number carries. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export type SandboxCardCheck =
  | { ok: true; outcome: SandboxOutcome; brand: string; last4: string }
  | { ok: false; field: 'cardNumber' | 'expiry' | 'cvc'; message: string };

/** `MM/YY` (or `MM / YYYY`) that is this month or later. */
export function parseExpiry(input: string, now: Date): { month: number; year: number } | null {
  const m = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(input);
  if (!m) return null;
  const month = Number(m[1]);
  const year = m[2]!.length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
  if (month < 1 || month > 12) return null;
  const endOfMonth = Date.UTC(year, month, 1);
  if (endOfMonth <= now.getTime()) return null;
  return { month, year };
}

/**
 * Checks what the customer typed. Expiry and CVC are optional for the sandbox (a default
 * future expiry is assumed), but when given they must be well formed.
 */
export function checkSandboxCard(
  input: { cardNumber: string; expiry?: string | null; cvc?: string | null },
  now: Date,
): SandboxCardCheck {
  const digits = normaliseCardNumber(input.cardNumber);
  if (!luhnValid(digits)) {
    return { ok: false, field: 'cardNumber', message: 'That card number is not valid.' };
  }
  if (input.expiry && input.expiry.trim() && !parseExpiry(input.expiry, now)) {
    return { ok: false, field: 'expiry', message: 'Enter an expiry date in the future, as MM/YY.' };
  }
  if (input.cvc && input.cvc.trim() && !/^\d{3,4}$/.test(input.cvc.trim())) {
    return { ok: false, field: 'cvc', message: 'The security code is 3 or 4 digits.' };
  }
  const card = SANDBOX_CARDS.find((c) => c.number === digits);
  if (!card) {
    return {
      ok: false,
      field: 'cardNumber',
      message: 'Test mode: use a test card such as 4242 4242 4242 4242. Real cards are not charged here.',
    };
  }
  return { ok: true, outcome: card.outcome, brand: card.brand, last4: digits.slice(-4) };
}
