/**
 * The exports' words and cells: labels from the messages (`analytics.*`, translated on the
 * server), and each value as the file writes it (money: a decimal amount of the currency, exact
 * from minor units; percent: the fraction 0-1, as the API gives it).
 */
import { createTranslator, type AbstractIntlMessages } from 'next-intl';
import messages from '../../../../../messages/en-GB.json';
import { DEFAULT_LOCALE } from '@/i18n/config';
import type { MetricResult, Unit } from '../../metrics';
import { valueLabelKeys } from '../../value-labels';

type Translate = (key: string, values?: Record<string, string | number>) => string;

/** A key without a message yet reads as its last part in words ("netRevenue" -> "Net revenue"). */
function humanise(key: string): string {
  const parts = key.split('.');
  // a metric's title without a message yet is its id in words; its description is left empty
  if (parts.at(-1) === 'description') return '';
  const last = (parts.at(-1) === 'title' ? parts.at(-2) : parts.at(-1)) ?? key;
  const words = last.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const translator = createTranslator({
  locale: DEFAULT_LOCALE,
  messages: messages as unknown as AbstractIntlMessages,
  onError: () => undefined,
  getMessageFallback: ({ key }) => humanise(key),
}) as unknown as Translate;

/** `analytics.<key>` in en-GB (a missing message falls back to the key in words). */
export const tAnalytics: Translate = (key, values) => translator(`analytics.${key}`, values);

/** Whether en-GB has a message (a string, not a group) at a dotted key from the root. */
function hasMessage(key: string): boolean {
  let node: unknown = messages;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, part)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}

/**
 * A text cell as the dashboard shows it: an id (a status, a funnel step, a segment...) in words,
 * any other text as it is (value-labels.ts decides which keys may name it).
 */
export function valueWord(metric: string, column: string, value: string): string {
  const key = valueLabelKeys(metric, column, value).find(hasMessage);
  return key ? translator(key) : value;
}

const digitsCache = new Map<string, number>();
/** How many decimals a currency has (GBP 2, JPY 0). */
export function currencyDigits(currency: string): number {
  let d = digitsCache.get(currency);
  if (d === undefined) {
    d =
      new Intl.NumberFormat('en-GB', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2;
    digitsCache.set(currency, d);
  }
  return d;
}

/** Minor units as an exact decimal string: 123456 GBP -> "1234.56", -5 -> "-0.05". */
export function minorToDecimal(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  const n = Math.round(minor);
  const abs = String(Math.abs(n)).padStart(digits + 1, '0');
  const whole = digits ? abs.slice(0, -digits) : abs;
  const frac = digits ? `.${abs.slice(-digits)}` : '';
  return `${n < 0 ? '-' : ''}${whole}${frac}`;
}

/** The same amount as a number of major units (for XLSX cells, which hold numbers). */
export function minorToMajor(minor: number, currency: string): number {
  return Number(minorToDecimal(minor, currency));
}

export interface Cell {
  unit: Unit;
  value: string | number | null;
}

export interface MetricSheet {
  metric: MetricResult['metric'];
  title: string;
  description: string;
  currency: string;
  cardHeader: string[];
  /** one row per card: label, value, previous, change */
  cards: Cell[][];
  tableHeader: string[];
  rows: Cell[][];
  notes: string[];
}

/** A label with its unit where the unit is not obvious: "Net revenue (GBP)", "Conversion (0-1)". */
function labelWithUnit(label: string, unit: Unit, currency: string): string {
  if (unit === 'money') return `${label} (${currency})`;
  if (unit === 'percent') return `${label} (${tAnalytics('exports.fraction')})`;
  return label;
}

/** A metric's answer as the rows every export writes (the same for CSV, XLSX and PDF). */
export function sheetOf(result: MetricResult): MetricSheet {
  const base = `metrics.${result.metric}`;
  const cur = result.currency;
  return {
    metric: result.metric,
    title: tAnalytics(`${base}.title`),
    description: tAnalytics(`${base}.description`),
    currency: cur,
    cardHeader: [
      tAnalytics('exports.card'),
      tAnalytics('exports.value'),
      tAnalytics('exports.previous'),
      tAnalytics('exports.change'),
    ],
    cards: result.cards.map((c) => [
      { unit: 'text', value: labelWithUnit(tAnalytics(`${base}.cards.${c.key}`), c.unit, cur) },
      { unit: c.unit, value: c.value },
      { unit: c.unit, value: c.previous },
      { unit: 'percent', value: c.change },
    ]),
    tableHeader: result.table.columns.map((col) =>
      labelWithUnit(tAnalytics(`${base}.columns.${col.key}`), col.unit, cur),
    ),
    rows: result.table.rows.map((row) =>
      result.table.columns.map((col) => {
        const value = row[col.key] ?? null;
        return {
          unit: col.unit,
          value:
            col.unit === 'text' && typeof value === 'string'
              ? valueWord(result.metric, col.key, value)
              : value,
        };
      }),
    ),
    notes: result.notes.map((n) => tAnalytics(`notes.${n}`)),
  };
}

/** A cell as text (CSV, PDF): money as its decimal amount, numbers as they are, null empty. */
export function cellText(cell: Cell, currency: string): string {
  if (cell.value === null) return '';
  if (cell.unit === 'money' && typeof cell.value === 'number') return minorToDecimal(cell.value, currency);
  return String(cell.value);
}
