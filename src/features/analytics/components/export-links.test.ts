import { describe, expect, it } from 'vitest';
import { exportLinks } from './export-links';

describe('exportLinks', () => {
  it("gives the view's files the whole query and the metrics, the accounting files from/to/shop", () => {
    const q = new URLSearchParams('from=2026-01-01&to=2026-01-31&compare=year&shop=london&interval=week&x=1');
    const links = Object.fromEntries(exportLinks(q, ['revenueSummary', 'queue']).map((l) => [l.key, l.href]));
    expect(links.csv).toBe(
      '/api/analytics/export.csv?from=2026-01-01&to=2026-01-31&compare=year&shop=london&interval=week&metrics=revenueSummary%2Cqueue',
    );
    expect(links.pdf).toContain('/api/analytics/export.pdf?');
    expect(links.xero).toBe('/api/analytics/accounting/xero.csv?from=2026-01-01&to=2026-01-31&shop=london');
    expect(links.quickbooksCreditNotes).toBe(
      '/api/analytics/accounting/quickbooks.csv?from=2026-01-01&to=2026-01-31&shop=london&kind=credit-notes',
    );
  });

  it('takes a plain object and leaves out what is not set', () => {
    const links = exportLinks({ from: '2026-01-01', shop: undefined }, []);
    expect(links.find((l) => l.key === 'xlsx')!.href).toBe('/api/analytics/export.xlsx?from=2026-01-01');
    expect(links.find((l) => l.key === 'quickbooks')!.href).toBe(
      '/api/analytics/accounting/quickbooks.csv?from=2026-01-01',
    );
  });
});
