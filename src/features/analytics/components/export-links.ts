/**
 * The export menu's links, from the dashboard's current query: the view's files take every
 * dashboard parameter and the metrics shown; the accounting files take `from`, `to` and `shop`.
 */
export type QueryLike = URLSearchParams | Record<string, string | undefined>;

export interface ExportLink {
  key: 'csv' | 'xlsx' | 'pdf' | 'xero' | 'quickbooks' | 'quickbooksCreditNotes';
  group: 'current' | 'accounting';
  href: string;
}

const VIEW_PARAMS = ['from', 'to', 'compare', 'shop', 'interval'] as const;
const ACCOUNTING_PARAMS = ['from', 'to', 'shop'] as const;

function pick(query: QueryLike, names: readonly string[]): URLSearchParams {
  const out = new URLSearchParams();
  for (const name of names) {
    const value = query instanceof URLSearchParams ? query.get(name) : query[name];
    if (value) out.set(name, value);
  }
  return out;
}

const withQuery = (path: string, params: URLSearchParams) => {
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
};

export function exportLinks(query: QueryLike, metrics: readonly string[]): ExportLink[] {
  const view = pick(query, VIEW_PARAMS);
  if (metrics.length) view.set('metrics', metrics.join(','));
  const books = pick(query, ACCOUNTING_PARAMS);
  const credit = new URLSearchParams(books);
  credit.set('kind', 'credit-notes');
  return [
    { key: 'csv', group: 'current', href: withQuery('/api/analytics/export.csv', view) },
    { key: 'xlsx', group: 'current', href: withQuery('/api/analytics/export.xlsx', view) },
    { key: 'pdf', group: 'current', href: withQuery('/api/analytics/export.pdf', view) },
    { key: 'xero', group: 'accounting', href: withQuery('/api/analytics/accounting/xero.csv', books) },
    {
      key: 'quickbooks',
      group: 'accounting',
      href: withQuery('/api/analytics/accounting/quickbooks.csv', books),
    },
    {
      key: 'quickbooksCreditNotes',
      group: 'accounting',
      href: withQuery('/api/analytics/accounting/quickbooks.csv', credit),
    },
  ];
}
