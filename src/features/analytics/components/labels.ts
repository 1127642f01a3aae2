'use client';
import { useTranslations } from 'next-intl';
import type { MetricId, Recommendation } from '../metrics';

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
  const pick = (key: string, fallback: string, values?: Record<string, string | number>) =>
    t.has(key) ? t(key, values) : fallback;
  return {
    title: (id: MetricId | string) => pick(`metrics.${id}.title`, humanise(id)),
    description: (id: MetricId | string) => pick(`metrics.${id}.description`, ''),
    card: (id: string, key: string) => pick(`metrics.${id}.cards.${key}`, humanise(key)),
    column: (id: string, key: string) => pick(`metrics.${id}.columns.${key}`, humanise(key)),
    note: (key: string) => pick(`notes.${key}`, humanise(key)),
    recommendation: (r: Recommendation) => pick(`recommendations.${r.key}`, humanise(r.key), r.values),
  };
}
