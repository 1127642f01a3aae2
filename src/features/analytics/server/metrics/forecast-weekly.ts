/**
 * bookingsForecast and revenueForecast: the weekly history and the next HORIZON_WEEKS weeks
 * from the model in ../../forecasting.ts, with its 80% interval and its backtest error.
 */
import type { Db } from '@/server/db/client';
import type { MetricId, MetricResult, Unit } from '../../metrics';
import { backtestMape, forecastWeekly, HORIZON_WEEKS, MIN_WEEKS } from '../../forecasting';
import type { AnalyticsScope } from '../scope';
import { card, resultFor } from './result';
import {
  addDays,
  localDate,
  mondayOf,
  readWeeklyBookings,
  readWeeklyNetRevenue,
  type WeeklySeries,
} from './forecast-series';

/** History weeks shown in the table at the least, whatever the range (the chart needs a run-in). */
export const MIN_SHOWN_WEEKS = 12;

export const NOTE_TOO_LITTLE_HISTORY = 'tooLittleHistory';
export const NOTE_NO_SEASONALITY = 'forecastNoSeasonality';
export const NOTE_SEASONAL = 'forecastSeasonal';

const round = (v: number, unit: Unit) => (unit === 'money' ? Math.round(v) : Math.round(v * 10) / 10);

export function buildForecastResult(
  metric: MetricId,
  unit: Unit,
  scope: AnalyticsScope,
  series: WeeklySeries,
  nonNegative: boolean,
): MetricResult {
  const result = resultFor(metric, scope);
  const { weeks, values } = series;
  const forecast = forecastWeekly(values, { nonNegative });
  const mape = backtestMape(values, HORIZON_WEEKS, { nonNegative });
  const lastWeek = values.at(-1) ?? null;
  const weekBefore = values.at(-2) ?? null;
  const next = forecast?.points[0] ?? null;

  result.cards = [
    card('weeksSeen', 'count', weeks.length),
    card('lastWeek', unit, lastWeek, weekBefore),
    card('nextWeek', unit, next ? round(next.value, unit) : null, lastWeek),
    card(
      'nextWeeks',
      unit,
      forecast
        ? round(
            forecast.points.reduce((sum, p) => sum + p.value, 0),
            unit,
          )
        : null,
    ),
    card('mape', 'percent', mape),
  ];
  result.table.columns = [
    { key: 'week', unit: 'date' },
    { key: 'actual', unit },
    { key: 'forecast', unit },
    { key: 'lower', unit },
    { key: 'upper', unit },
  ];
  // history from the range's first week (at least the last MIN_SHOWN_WEEKS), then the forecast
  const fromWeek = mondayOf(localDate(scope.from, scope.timeZone));
  const shownFrom = weeks.length - MIN_SHOWN_WEEKS;
  const rows: MetricResult['table']['rows'] = weeks.flatMap((week, i) =>
    week >= fromWeek || i >= shownFrom
      ? [{ week, actual: values[i]!, forecast: null, lower: null, upper: null }]
      : [],
  );
  if (forecast) {
    for (const p of forecast.points) {
      rows.push({
        week: addDays(series.currentWeek, 7 * (p.step - 1)),
        actual: null,
        forecast: round(p.value, unit),
        lower: round(p.lower, unit),
        upper: round(p.upper, unit),
      });
    }
  }
  result.table.rows = rows;
  result.chart = {
    kind: 'line',
    x: 'week',
    series: ['actual', 'forecast'],
    band: { lower: 'lower', upper: 'upper' },
  };
  if (weeks.length < MIN_WEEKS) result.notes.push(NOTE_TOO_LITTLE_HISTORY);
  else if (forecast?.model === 'trend') result.notes.push(NOTE_NO_SEASONALITY);
  else if (forecast?.model === 'seasonal') result.notes.push(NOTE_SEASONAL);
  return result;
}

export async function bookingsForecast(db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  return buildForecastResult('bookingsForecast', 'count', scope, await readWeeklyBookings(db, scope), true);
}

/** Net revenue can dip below zero in a week of refunds, so it is not clamped. */
export async function revenueForecast(db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  return buildForecastResult('revenueForecast', 'money', scope, await readWeeklyNetRevenue(db, scope), false);
}
