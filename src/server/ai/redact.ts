/**
 * Strips contact details from text before it leaves the machine (a second opinion from an AI
 * provider): e-mail addresses become "[email]", phone numbers "[phone]". It errs on the side of
 * removing too much: a date written 01.02.2024 may go too, a device name never does (model
 * numbers and years are short runs of digits, a phone number is seven or more).
 */

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

/**
 * A run that may be a phone number: an optional "+" or "(", then digits in groups separated by
 * one space, hyphen, dot or bracket ("07700 900123", "+44 (0)20 7946-0958", "555.123.4567").
 */
const PHONE_CANDIDATE = /(?<![\p{L}\p{N}])(?:\+|\()?\d(?:[ .\-()]{0,2}\d)+(?![\p{L}\p{N}])\)?/gu;

function isPhoneNumber(run: string): boolean {
  const digits = run.replace(/\D/g, '').length;
  if (digits >= 10 && digits <= 15) return true;
  // shorter numbers only when written like one: international, trunk prefix or area code in brackets
  return digits >= 7 && digits <= 15 && /^[+(0]/.test(run);
}

/** The text with e-mail addresses and phone numbers replaced by placeholders. */
export function redactContactDetails(text: string): string {
  return text
    .replace(EMAIL, '[email]')
    .replace(PHONE_CANDIDATE, (run) => (isPhoneNumber(run) ? '[phone]' : run));
}
