/** Which of a reply's links the chat shows, and how: pure, so it is tested on its own. */

/** A page of this site (`/book-repair?...`), not a protocol-relative `//elsewhere`. */
export function isInternalHref(href: string): boolean {
  return href.startsWith('/') && !href.startsWith('//') && !href.startsWith('/\\');
}

/** The links that may be shown: this site's pages and http(s) addresses; never `javascript:` and the like. */
export function safeLinks<T extends { href: string; label: string }>(links: T[]): T[] {
  return links.filter(
    (l) => l.label.trim() !== '' && (isInternalHref(l.href) || /^https?:\/\/[^/\\]/i.test(l.href)),
  );
}
