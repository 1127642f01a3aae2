'use client';
/**
 * A metric's chart, picked by `chart.kind` (Recharts). Loaded only by the analytics page (its
 * widgets import it lazily). Phones get fewer ticks and no legend overflow.
 */
import {
  Area,
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { MetricResult, Unit } from '../metrics';
import { formatValue } from './format';

const COLOURS = ['#2563eb', '#16a34a', '#d97706', '#9333ea', '#dc2626', '#0891b2', '#4b5563'];

export default function MetricChart({
  result,
  label,
  narrow,
  summary,
}: {
  result: MetricResult;
  label: (key: string) => string;
  narrow: boolean;
  /** what the chart shows, for screen readers (its table view has the figures) */
  summary: string;
}) {
  const chart = result.chart;
  if (!chart) return null;
  const unitOf = (key: string): Unit => result.table.columns.find((c) => c.key === key)?.unit ?? 'count';
  // rows with no figure in any drawn series are the table's other rows (satisfaction's comments)
  const data = result.table.rows.filter((row) =>
    [...chart.series, ...(chart.band ? [chart.band.lower, chart.band.upper] : [])].some(
      (s) => typeof row[s] === 'number',
    ),
  );
  const fmt = (key: string) => (v: unknown) =>
    formatValue(unitOf(key), typeof v === 'number' || typeof v === 'string' ? v : null, result.currency);
  const xTick = (v: unknown) => String(fmt(chart.x)(v));
  const yUnit = unitOf(chart.series[0]!);
  const yTick = (v: number) =>
    yUnit === 'money'
      ? new Intl.NumberFormat('en-GB', {
          style: 'currency',
          currency: result.currency,
          notation: 'compact',
        }).format(v / 100)
      : formatValue(yUnit, v, result.currency);
  const tooltip = (
    <Tooltip
      formatter={(v, name) => [fmt(String(name))(Array.isArray(v) ? v.join(' – ') : v), label(String(name))]}
      labelFormatter={(l) => xTick(l)}
    />
  );
  const axes = (
    <>
      <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
      <XAxis
        dataKey={chart.x}
        tickFormatter={xTick}
        minTickGap={narrow ? 24 : 8}
        interval="preserveStartEnd"
        tick={{ fontSize: 12 }}
      />
      <YAxis
        tickFormatter={yTick}
        width={narrow ? 48 : 64}
        tickCount={narrow ? 4 : 6}
        tick={{ fontSize: 12 }}
      />
      {tooltip}
      {chart.series.length > 1 ? (
        <Legend formatter={(v) => label(String(v))} wrapperStyle={{ fontSize: 12 }} />
      ) : null}
    </>
  );
  const height = narrow ? 220 : 280;

  let body: React.ReactElement;
  switch (chart.kind) {
    case 'pie':
      body = (
        <PieChart>
          <Pie
            data={data}
            dataKey={chart.series[0]!}
            nameKey={chart.x}
            outerRadius={narrow ? 70 : 100}
            label={!narrow}
          >
            {data.map((_, i) => (
              <Cell key={i} fill={COLOURS[i % COLOURS.length]} />
            ))}
          </Pie>
          {tooltip}
          <Legend wrapperStyle={{ fontSize: 12 }} />
        </PieChart>
      );
      break;
    case 'funnel':
      body = (
        <BarChart data={data} layout="vertical" margin={{ left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis type="number" tick={{ fontSize: 12 }} tickCount={narrow ? 3 : 5} />
          <YAxis type="category" dataKey={chart.x} width={narrow ? 64 : 96} tick={{ fontSize: 12 }} />
          {tooltip}
          <Bar dataKey={chart.series[0]!} fill={COLOURS[0]} />
        </BarChart>
      );
      break;
    case 'bar':
    case 'stackedBar':
      body = (
        <BarChart data={data}>
          {axes}
          {chart.series.map((s, i) => (
            <Bar
              key={s}
              dataKey={s}
              fill={COLOURS[i % COLOURS.length]}
              stackId={chart.kind === 'stackedBar' ? 'a' : undefined}
            />
          ))}
        </BarChart>
      );
      break;
    default:
      body = chart.band ? (
        <ComposedChart data={data}>
          {axes}
          <Area
            dataKey={(row: Record<string, unknown>) => [row[chart.band!.lower], row[chart.band!.upper]]}
            name="band"
            stroke="none"
            fill={COLOURS[0]}
            fillOpacity={0.15}
          />
          {chart.series.map((s, i) => (
            <Line key={s} dataKey={s} stroke={COLOURS[i % COLOURS.length]} dot={false} strokeWidth={2} />
          ))}
        </ComposedChart>
      ) : chart.kind === 'area' ? (
        <ComposedChart data={data}>
          {axes}
          {chart.series.map((s, i) => (
            <Area
              key={s}
              dataKey={s}
              stroke={COLOURS[i % COLOURS.length]}
              fill={COLOURS[i % COLOURS.length]}
              fillOpacity={0.2}
            />
          ))}
        </ComposedChart>
      ) : (
        <LineChart data={data}>
          {axes}
          {chart.series.map((s, i) => (
            <Line key={s} dataKey={s} stroke={COLOURS[i % COLOURS.length]} dot={false} strokeWidth={2} />
          ))}
        </LineChart>
      );
  }
  return (
    <div role="img" aria-label={summary} className="w-full" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        {body}
      </ResponsiveContainer>
    </div>
  );
}
