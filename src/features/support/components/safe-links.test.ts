import { describe, expect, it } from 'vitest';
import { isInternalHref, safeLinks } from './safe-links';

describe('the links a support reply may show', () => {
  it("keeps this site's pages and http(s) addresses", () => {
    const links = [
      { label: 'Book', href: '/book-repair?model=iphone-15' },
      { label: 'Map', href: 'https://www.openstreetmap.org/?mlat=51.5' },
    ];
    expect(safeLinks(links)).toEqual(links);
    expect(isInternalHref('/track')).toBe(true);
  });

  it('drops script, data and protocol-relative links, and links without a label', () => {
    const links = [
      { label: 'x', href: 'javascript:alert(1)' },
      { label: 'x', href: 'JaVaScRiPt:alert(1)' },
      { label: 'x', href: 'data:text/html,<script>1</script>' },
      { label: 'x', href: '//evil.example/' },
      { label: 'x', href: '/\\evil.example/' },
      { label: 'x', href: 'https:/\\evil.example' },
      { label: ' ', href: '/track' },
    ];
    expect(safeLinks(links)).toEqual([]);
    expect(isInternalHref('//evil.example')).toBe(false);
  });
});
