'use client';
import { useTranslations } from 'next-intl';
import type { MetricId, MetricResult, Recommendation } from '../metrics';
import { valueLabelKeys } from '../value-labels';

/** "revenueByRepair" -> "Revenue by repair": shown only while a metric's messages are missing. */
const humanise = (id: string) => {
  const words = id
    .replace(/([A-Z])/g, ' $1')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Labels of metrics, cards, columns, notes and recommendations: from the messages, never the server. */
export function useMetricLabels() {
  const t = useTranslations('analytics');
  // client-namespaces: analytics, status (the value labels' keys, value-labels.ts)
  const root = useTranslations();
  const pick = (key: string, fallback: string, values?: Record<string, string | number>) =>
    t.has(key) ? t(key, values) : fallback;
  return {
    title: (id: MetricId | string) => pick(`metrics.${id}.title`, humanise(id)),
    description: (id: MetricId | string) => pick(`metrics.${id}.description`, ''),
    card: (id: string, key: string) => pick(`metrics.${id}.cards.${key}`, humanise(key)),
    column: (id: string, key: string) => pick(`metrics.${id}.columns.${key}`, humanise(key)),
    note: (key: string) => pick(`notes.${key}`, humanise(key)),
    recommendation: (r: Recommendation) => pick(`recommendations.${r.key}`, humanise(r.key), r.values),
    /** the result with its id-valued text cells (statuses, steps, segments...) in words */
    withValueLabels: (result: MetricResult): MetricResult => {
      const text = result.table.columns.filter((c) => c.unit === 'text').map((c) => c.key);
      if (text.length === 0) return result;
      const word = (column: string, value: string) => {
        const key = valueLabelKeys(result.metric, column, value).find((k) => root.has(k));
        return key ? root(key) : value;
      };
      const rows = result.table.rows.map((row) => {
        const out = { ...row };
        for (const c of text) {
          const v = out[c];
          if (typeof v === 'string') out[c] = word(c, v);
        }
        return out;
      });
      return { ...result, table: { ...result.table, rows } };
    },
  };
}
