/**
 * The booking reference's format ('RT-7K3M9Q'), without any server code: the browser checks what
 * a technician types or scans with it (src/features/scanner), the server generates and looks up
 * references with it (server/reference.ts).
 */

/** Crockford-like alphabet without the look-alikes 0/O and 1/I. */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const REFERENCE_PREFIX = 'RT-';
export const REFERENCE_LENGTH = 6;

const CANONICAL = new RegExp(`^RT-[${REFERENCE_ALPHABET}]{${REFERENCE_LENGTH}}$`);
const LENIENT = new RegExp(`^(?:RT[-\\s]?)?([${REFERENCE_ALPHABET}]{${REFERENCE_LENGTH}})$`);

/** Strict check of the canonical stored form: uppercase 'RT-' + 6 alphabet characters. */
export function isValidReference(s: string): boolean {
  return CANONICAL.test(s);
}

/**
 * Normalises user input to the canonical form, or null if it cannot be a reference.
 * Trims, uppercases, and accepts a missing 'RT-' prefix or 'RT' followed by a space/no dash:
 * ' rt-7k3m9q ', '7K3M9Q', 'RT 7K3M9Q' → 'RT-7K3M9Q'. Look-alikes (0, O, 1, I) are rejected.
 */
export function normaliseReference(s: string): string | null {
  const match = LENIENT.exec(s.trim().toUpperCase());
  return match ? REFERENCE_PREFIX + match[1] : null;
}
