/**
 * A price typed by a person ("45", "45.5", "£1,045.50") as integer minor units, or null when it
 * is not a plain amount with at most `digits` decimals. Exact: no floating-point maths.
 */
export function parseMoneyInput(text: string, digits = 2, maxMinor = Number.MAX_SAFE_INTEGER): number | null {
  const cleaned = text
    .trim()
    .replace(/^[£$€]/, '')
    .replace(/,/g, '')
    .trim();
  const match = /^(\d{1,9})(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  const minor = Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) && minor <= maxMinor ? minor : null;
}

/** Minor units as the plain decimal a person would type back ("45.50"). */
export function minorToInput(minor: number, digits = 2): string {
  if (digits === 0) return String(minor);
  const s = String(Math.abs(minor)).padStart(digits + 1, '0');
  return `${minor < 0 ? '-' : ''}${s.slice(0, -digits)}.${s.slice(-digits)}`;
}
