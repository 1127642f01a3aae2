import { createHash } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

/**
 * The network range an address belongs to, as the monitor compares them: IPv4 /24, IPv6 /48
 * (a household or office usually keeps its range while its address changes). IPv4-mapped IPv6
 * addresses count as IPv4. Null for anything that is not an address.
 */
export function ipPrefix(ip: string | null | undefined): string | null {
  if (!ip) return null;
  let address = ip.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) address = mapped[1]!;
  if (isIPv4(address)) {
    const [a, b, c] = address.split('.');
    return `${a}.${b}.${c}.0/24`;
  }
  if (isIPv6(address)) {
    const groups = expandIPv6(address);
    return `${groups.slice(0, 3).join(':')}::/48`;
  }
  return null;
}

function expandIPv6(address: string): string[] {
  const [head, tail] = address.toLowerCase().split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((g) => g.replace(/^0+(?=.)/, ''));
}

/**
 * A device is the device cookie plus the browser family: version numbers are dropped so an
 * automatic browser update is not a "new device", while the same cookie replayed from another
 * browser is.
 */
export function deviceFingerprint(deviceId: string, userAgent: string | null | undefined): string {
  const family = (userAgent ?? '')
    .replace(/[\d._]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return createHash('sha256').update(`${deviceId}\n${family}`).digest('hex').slice(0, 32);
}
