export interface ConsoleFilters {
  status: string;
  shop: string;
  technician: string;
  urgency: string;
  overdue: boolean;
  q: string;
  view: 'queue' | 'board';
}

/** The query string of a console view; defaults are left out so URLs stay short. */
export function consoleHref(f: ConsoleFilters, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  if (f.view === 'board') p.set('view', 'board');
  if (f.status && f.status !== 'active') p.set('status', f.status);
  if (f.shop) p.set('shop', f.shop);
  if (f.technician) p.set('technician', f.technician);
  if (f.urgency) p.set('urgency', f.urgency);
  if (f.overdue) p.set('overdue', 'true');
  if (f.q) p.set('q', f.q);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const qs = p.toString();
  return qs ? `/staff?${qs}` : '/staff';
}
