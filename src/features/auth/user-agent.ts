/**
 * A user agent in words for the sessions list ("Chrome 131", "Android 14"). Browser and system
 * names are proper nouns, so only the sentence around them is translated.
 */
export interface UserAgentSummary {
  /** e.g. "Chrome 131"; null when not a browser we recognise */
  browser: string | null;
  /** e.g. "Windows", "macOS", "Android 14"; null when unknown */
  os: string | null;
  mobile: boolean;
}

const BROWSERS: Array<[name: string, pattern: RegExp]> = [
  // order matters: Edge, Opera and Samsung Internet also say "Chrome", Chrome also says "Safari"
  ['Edge', /\bEdg(?:e|A|iOS)?\/(\d+)/],
  ['Opera', /\b(?:OPR|OPiOS|Opera)\/(\d+)/],
  ['Samsung Internet', /\bSamsungBrowser\/(\d+)/],
  ['Firefox', /\b(?:Firefox|FxiOS)\/(\d+)/],
  ['Chromium', /\bChromium\/(\d+)/],
  ['Chrome', /\b(?:HeadlessChrome|Chrome|CriOS)\/(\d+)/],
  ['Safari', /\bVersion\/(\d+)(?:\.\d+)*(?: Mobile\/\w+)? Safari\//],
];

function osOf(ua: string): string | null {
  if (/\b(?:iPhone|iPod)\b/.test(ua)) return withVersion('iOS', ua.match(/OS (\d+)[_.]\d/));
  if (/\biPad\b/.test(ua)) return withVersion('iPadOS', ua.match(/OS (\d+)[_.]\d/));
  if (/\bAndroid\b/.test(ua)) return withVersion('Android', ua.match(/Android (\d+(?:\.\d+)?)/));
  if (/\bWindows (?:NT|Phone)\b/.test(ua)) return 'Windows';
  if (/\bCrOS\b/.test(ua)) return 'ChromeOS';
  if (/\bMac OS X\b|\bMacintosh\b/.test(ua)) return 'macOS';
  if (/\bLinux\b/.test(ua)) return 'Linux';
  return null;
}

function withVersion(name: string, match: RegExpMatchArray | null): string {
  return match?.[1] ? `${name} ${match[1]}` : name;
}

export function summariseUserAgent(ua: string | null | undefined): UserAgentSummary {
  if (!ua) return { browser: null, os: null, mobile: false };
  let browser: string | null = null;
  for (const [name, pattern] of BROWSERS) {
    const match = ua.match(pattern);
    if (match) {
      browser = `${name} ${match[1]}`;
      break;
    }
  }
  // a browser needs the "Mozilla/5.0" prefix every browser still sends: tools are not browsers
  if (!ua.startsWith('Mozilla/')) browser = null;
  return { browser, os: osOf(ua), mobile: /\bMobi|\biPhone\b|\bAndroid\b.*\bMobile\b/.test(ua) };
}
