/**
 * What the card form shows as the customer types: the number in groups of four, the expiry as
 * MM/YY. Pure functions, so the form stays simple and the rules are tested on their own. The
 * server checks the card again (sandbox-cards.ts); nothing here decides whether it is valid.
 */

/** At most 19 digits (the longest card numbers), shown as `4242 4242 4242 4242`. */
export function formatCardNumber(input: string): string {
  const digits = input.replace(/\D/g, '').slice(0, 19);
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/**
 * `MM/YY` as people type it: "4" stays "4", "12" becomes "12/", "1225" becomes "12/25", a
 * single digit above 1 is a month ("4" then "42" becomes "04/2"). Deleting the slash works:
 * when the previous value ended with the slash and the new one is shorter, it is dropped.
 */
export function formatExpiry(input: string, previous = ''): string {
  let digits = input.replace(/\D/g, '');
  if (previous.endsWith('/') && input.length < previous.length) {
    return digits.slice(0, Math.max(0, digits.length - 1));
  }
  if (digits.length === 1 && Number(digits) > 1) digits = `0${digits}`;
  if (digits.length > 2 && Number(digits[0]) > 1) digits = `0${digits}`;
  digits = digits.slice(0, 4);
  if (digits.length < 2) return digits;
  if (digits.length === 2)
    return input.includes('/') || input.length > previous.length ? `${digits}/` : digits;
  return `${digits.slice(0, 2)}/${digits.slice(2)}`;
}

/** Digits only, as the API takes the number. */
export function cardDigits(input: string): string {
  return input.replace(/\D/g, '');
}

/** Whether the typed number could be a card number at all (12-19 digits and its Luhn check). */
export function plausibleCardNumber(input: string): boolean {
  const digits = cardDigits(input);
  if (digits.length < 12 || digits.length > 19) return false;
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
