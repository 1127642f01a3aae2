/**
 * What a scanned code is, from its text alone (pure; the scanner page and the intake form's
 * IMEI/serial scan share it):
 *
 * - `order`: a job ticket of this app: its QR is the absolute URL `<base>/staff/orders/<reference>`
 *   (src/features/console/ticket-qr.ts) on one of our origins (the page's own, or the configured
 *   public base URL), or a bare reference with its prefix ('RT-7K3M9Q', 'rt 7k3m9q');
 * - `imei`: 15 digits with a valid Luhn check digit;
 * - `serial`: what a manufacturer serial looks like (4-30 letters and digits);
 * - `foreign`: anything else, including URLs of other sites and our own URLs that are not a ticket.
 */
import { checkImeiSerial, normaliseReference } from '@/features/repairs';

export type ScanClass =
  | { kind: 'order'; reference: string }
  | { kind: 'imei'; value: string }
  | { kind: 'serial'; value: string }
  | { kind: 'foreign'; text: string };

/** Printed references on a ticket carry the prefix; without it six letters could be a serial. */
const PREFIXED_REFERENCE = /^\s*RT[-\s]?[A-Z0-9]{6}\s*$/i;
const TICKET_PATH = /^\/staff\/orders\/([^/]+)\/?$/;

function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

function ticketReference(url: URL, origins: ReadonlySet<string>): string | null {
  if (!origins.has(url.origin) || url.search || url.hash) return null;
  const segment = TICKET_PATH.exec(url.pathname)?.[1];
  if (!segment) return null;
  try {
    return normaliseReference(decodeURIComponent(segment));
  } catch {
    return null;
  }
}

/**
 * Classifies `text` as read from a barcode. `origin`: the origins whose ticket URLs are ours (the
 * page's `location.origin`, and the configured public base URL when it differs).
 */
export function classifyScan(text: string, origin: string | readonly string[]): ScanClass {
  const trimmed = text.trim();
  const origins = new Set(
    (typeof origin === 'string' ? [origin] : origin).map(originOf).filter((o): o is string => !!o),
  );
  if (/^https?:\/\//i.test(trimmed)) {
    let url: URL | null = null;
    try {
      url = new URL(trimmed);
    } catch {
      url = null;
    }
    const reference = url ? ticketReference(url, origins) : null;
    return reference ? { kind: 'order', reference } : { kind: 'foreign', text };
  }
  if (PREFIXED_REFERENCE.test(trimmed)) {
    const reference = normaliseReference(trimmed);
    if (reference) return { kind: 'order', reference };
  }
  const check = checkImeiSerial(trimmed);
  if (check.ok) return { kind: check.kind, value: check.value };
  return { kind: 'foreign', text };
}

/** The start of a code's text for a message: at most `max` characters, control characters dropped. */
export function scanExcerpt(text: string, max = 80): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

export type ImeiSerialScan =
  | { fill: string; kind: 'imei' | 'serial' }
  | { problem: 'ticket' }
  | { problem: 'not-serial'; excerpt: string };

/**
 * What a code scanned into the IMEI / serial field does: a valid IMEI fills it whatever carried
 * it; a serial only from a linear barcode (`linear`: Code 128, Code 39…; a QR code reading like a
 * serial is more likely something else); a job ticket is refused as a ticket; the rest says what
 * it reads.
 */
export function imeiSerialFromScan(
  text: string,
  linear: boolean,
  origin: string | readonly string[],
): ImeiSerialScan {
  const scanned = classifyScan(text, origin);
  if (scanned.kind === 'imei' || (scanned.kind === 'serial' && linear)) {
    return { fill: scanned.value, kind: scanned.kind };
  }
  if (scanned.kind === 'order') return { problem: 'ticket' };
  return { problem: 'not-serial', excerpt: scanExcerpt(text) };
}
