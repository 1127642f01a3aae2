/**
 * Some metrics' table cells hold ids (a workflow status, a funnel step, a segment, a line kind,
 * a card key) that the dashboard and the exports show in words. These are the message keys
 * (from the messages' root) that may name such a value, the first one present wins; any other
 * value (a shop's name, a device, a date) is shown as it is.
 */
const ID = /^[a-z][A-Za-z0-9_]*$/;

export function valueLabelKeys(metric: string, column: string, value: string): string[] {
  if (!ID.test(value)) return [];
  const own = ['kinds', 'segments', 'steps', 'sources'].map(
    (group) => `analytics.metrics.${metric}.${group}.${value}`,
  );
  if (column === 'figure') own.push(`analytics.metrics.${metric}.cards.${value}`);
  if (column === 'status') own.push(`status.${value}`);
  return own;
}
