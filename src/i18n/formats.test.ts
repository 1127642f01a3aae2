import { describe, expect, it } from 'vitest';
import compile from 'icu-minify/compile';
import formatOnly from 'use-intl/format-message/format-only';
import messages from '../../messages/en-GB.json';
import { FORMATS } from './formats';

/** Every message as [dotted key, text]. */
function entries(node: unknown, prefix = ''): Array<[string, string]> {
  if (typeof node === 'string') return [[prefix, node]];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) =>
    entries(v, prefix ? `${prefix}.${k}` : k),
  );
}

const formatters = {
  getNumberFormat: (locale: string, options?: Intl.NumberFormatOptions) =>
    new Intl.NumberFormat(locale, options),
  getDateTimeFormat: (locale: string, options?: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale, options),
  getPluralRules: (locale: string, options?: Intl.PluralRulesOptions) =>
    new Intl.PluralRules(locale, options),
};

/** A message as the Next build serves it: compiled, then formatted by the format-only runtime. */
function formatCompiled(message: string, values: Record<string, unknown>): string {
  // the runtime's options are next-intl's internal formatter config: the parts it reads
  const format = formatOnly as unknown as (...args: unknown[]) => string;
  return format(undefined, compile(message), values, {
    globalFormats: FORMATS,
    locale: 'en-GB',
    timeZone: 'Europe/London',
    formatters,
  });
}

describe('named formats for precompiled messages', () => {
  it('covers every ICU style a message names', () => {
    const styles = entries(messages).flatMap(([key, text]) =>
      [...text.matchAll(/\{\s*\w+\s*,\s*(number|date|time)\s*,\s*(\w+)\s*\}/g)].map((m) => ({
        key,
        type: m[1]!,
        style: m[2]!,
      })),
    );
    expect(styles.length, 'messages with a style').toBeGreaterThan(0);
    for (const { key, type, style } of styles) {
      const named = type === 'number' ? FORMATS.number : FORMATS.dateTime;
      expect(Object.keys(named), `${key}: {…, ${type}, ${style}}`).toContain(style);
    }
  });

  it('prints a percentage and a time as the full formatter does', () => {
    expect(formatCompiled(messages.analytics.recommendations.refundsHigh, { share: 0.25, refunds: 3 })).toBe(
      'Refunds are 25% of money in (3 refunds): check what is being redone.',
    );
    const at = new Date('2026-12-07T14:05:00Z');
    expect(formatCompiled(messages.analytics.dashboard.updated, { time: at })).toBe('Updated 14:05');
  });
});
