/**
 * The before/after of an edit for an audit row's details: only the fields the change gives
 * (undefined ones are left out), as the row held them and as the change sets them.
 */
export function changedFields<T extends object>(
  row: Record<string, unknown>,
  change: T,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const entries = Object.entries(change).filter(([, value]) => value !== undefined);
  return {
    before: Object.fromEntries(entries.map(([key]) => [key, row[key] ?? null])),
    after: Object.fromEntries(entries),
  };
}
