'use client';
import type { MetricResult } from '../metrics';
import { formatValue } from './format';

/** The metric's data as an accessible table: a caption, column headers, one row per table row. */
export function MetricTable({
  result,
  caption,
  columnLabel,
}: {
  result: MetricResult;
  caption: string;
  columnLabel: (key: string) => string;
}) {
  const { columns, rows } = result.table;
  return (
    // a phone scrolls a wide table sideways: the region takes focus so a keyboard can scroll it too
    <div
      className="max-w-full overflow-x-auto focus-visible:outline-2 focus-visible:outline-sky-600"
      role="region"
      aria-label={caption}
      // a scrollable region must be reachable by keyboard (axe: scrollable-region-focusable)
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={0}
    >
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-200">
            {columns.map((c) => (
              <th key={c.key} scope="col" className="px-2 py-2 font-semibold text-slate-700">
                {columnLabel(c.key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i} className="border-b border-slate-100 last:border-0">
              {columns.map((c, j) => {
                const text = formatValue(c.unit, row[c.key] ?? null, result.currency);
                return j === 0 ? (
                  <th key={c.key} scope="row" className="px-2 py-1.5 font-medium">
                    {text}
                  </th>
                ) : (
                  <td key={c.key} className="px-2 py-1.5 tabular-nums">
                    {text}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
