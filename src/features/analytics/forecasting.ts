/**
 * Weekly forecasts with an 80% prediction interval: the few dozen lines of exponential
 * smoothing the analytics need, written here rather than taken from a package (the small
 * forecasting packages on npm are unmaintained or pull in a numeric stack; this is plain
 * arithmetic, covered by forecasting.test.ts). Pure and client-safe.
 *
 * - Fewer than MIN_WEEKS weeks: no forecast (too little history to say anything honest).
 * - MIN_WEEKS up to SEASONAL_MIN_WEEKS - 1: Holt's linear method (level + trend), no seasonality:
 *   a yearly pattern cannot be told from noise with less than two years of weeks.
 * - SEASONAL_MIN_WEEKS and more: additive Holt-Winters with a 52-week season.
 * The smoothing weights are chosen by a grid search that minimises the one-step-ahead squared
 * error. The interval is the point forecast +- z(0.9) * sigma_h, where sigma is the RMSE of the
 * one-step-ahead errors and sigma_h^2 = sigma^2 * (1 + sum_{j<h} (alpha * (1 + j * beta))^2), the
 * ETS(A,A,N) variance (the same for ETS(A,A,A) while h <= 52): it widens with the horizon.
 */

/** Weeks of history below which no forecast is made. */
export const MIN_WEEKS = 8;
/** Two full years of weeks: the least for estimating a yearly season. */
export const SEASONAL_MIN_WEEKS = 104;
export const SEASON_WEEKS = 52;
export const HORIZON_WEEKS = 8;
/** z for a central 80% interval (the 90th percentile of the standard normal). */
export const Z_80 = 1.2815515655446004;

export type ForecastModel = 'trend' | 'seasonal';

export interface ForecastPoint {
  /** 1 = the week after the last known one */
  step: number;
  value: number;
  lower: number;
  upper: number;
}

export interface Forecast {
  model: ForecastModel;
  alpha: number;
  beta: number;
  gamma: number | null;
  /** RMSE of the one-step-ahead errors over the history */
  sigma: number;
  points: ForecastPoint[];
}

export interface ForecastOptions {
  horizon?: number;
  /** clamp the forecast and its bounds at zero (counts and most money series cannot go below) */
  nonNegative?: boolean;
}

const ALPHAS = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
const BETAS = [0, 0.02, 0.05, 0.1, 0.2, 0.3];
const GAMMAS = [0.02, 0.05, 0.1, 0.2, 0.3];

interface Fit {
  sse: number;
  level: number;
  trend: number;
  /** the seasonal terms for the next SEASON_WEEKS weeks, in order from the first unseen week */
  season: number[] | null;
  errors: number;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Intercept and slope of the least-squares line through the first `n` weeks. */
function lineThrough(y: number[], n: number): { intercept: number; slope: number } {
  const xs = Array.from({ length: n }, (_, i) => i);
  const mx = mean(xs);
  const my = mean(y.slice(0, n));
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (i - mx) * (y[i]! - my);
    den += (i - mx) ** 2;
  }
  const slope = den === 0 ? 0 : num / den;
  return { intercept: my - slope * mx, slope };
}

/**
 * Holt's linear method, started from the line through the first MIN_WEEKS weeks (a start from
 * the first two weeks alone makes the early errors, and so the interval, far too large).
 */
function fitTrend(y: number[], alpha: number, beta: number): Fit {
  const start = lineThrough(y, Math.min(y.length, MIN_WEEKS));
  let level = start.intercept;
  let trend = start.slope;
  let sse = 0;
  let errors = 0;
  for (let t = 1; t < y.length; t++) {
    const predicted = level + trend;
    sse += (y[t]! - predicted) ** 2;
    errors += 1;
    const previousLevel = level;
    level = alpha * y[t]! + (1 - alpha) * predicted;
    trend = beta * (level - previousLevel) + (1 - beta) * trend;
  }
  return { sse, level, trend, season: null, errors };
}

/** Additive Holt-Winters, started from the first season's mean and the first two seasons' slope. */
function fitSeasonal(y: number[], alpha: number, beta: number, gamma: number): Fit {
  const m = SEASON_WEEKS;
  const first = mean(y.slice(0, m));
  const second = mean(y.slice(m, 2 * m));
  let trend = (second - first) / m;
  // the level at the end of the first season (its mean sits at its middle week)
  let level = first + (trend * (m - 1)) / 2;
  const season = y.slice(0, m).map((v, i) => v - (first + trend * (i - (m - 1) / 2)));
  let sse = 0;
  let errors = 0;
  for (let t = m; t < y.length; t++) {
    const s = season[t % m]!;
    const predicted = level + trend + s;
    sse += (y[t]! - predicted) ** 2;
    errors += 1;
    const previousLevel = level;
    level = alpha * (y[t]! - s) + (1 - alpha) * (level + trend);
    trend = beta * (level - previousLevel) + (1 - beta) * trend;
    season[t % m] = gamma * (y[t]! - level) + (1 - gamma) * s;
  }
  const n = y.length;
  const ahead = Array.from({ length: m }, (_, k) => season[(n + k) % m]!);
  return { sse, level, trend, season: ahead, errors };
}

/** The forecast of the next `horizon` weeks, or null below MIN_WEEKS weeks of history. */
export function forecastWeekly(history: readonly number[], options: ForecastOptions = {}): Forecast | null {
  const horizon = options.horizon ?? HORIZON_WEEKS;
  const y = [...history];
  if (y.length < MIN_WEEKS || y.some((v) => !Number.isFinite(v))) return null;
  const model: ForecastModel = y.length >= SEASONAL_MIN_WEEKS ? 'seasonal' : 'trend';

  let best: (Fit & { alpha: number; beta: number; gamma: number | null }) | null = null;
  for (const alpha of ALPHAS) {
    for (const beta of BETAS) {
      for (const gamma of model === 'seasonal' ? GAMMAS : [null]) {
        const fit = gamma === null ? fitTrend(y, alpha, beta) : fitSeasonal(y, alpha, beta, gamma);
        if (!best || fit.sse < best.sse - 1e-9) best = { ...fit, alpha, beta, gamma };
      }
    }
  }
  const fit = best!;
  const sigma = fit.errors > 0 ? Math.sqrt(fit.sse / fit.errors) : 0;
  const clamp = (v: number) => (options.nonNegative ? Math.max(0, v) : v);

  const points: ForecastPoint[] = [];
  let variance = 0;
  for (let h = 1; h <= horizon; h++) {
    // sum over j < h of c_j^2, c_0 = 1 (the week's own error), c_j = alpha * (1 + j * beta)
    variance += h === 1 ? 1 : (fit.alpha * (1 + (h - 1) * fit.beta)) ** 2;
    const seasonal = fit.season ? fit.season[(h - 1) % SEASON_WEEKS]! : 0;
    const value = fit.level + h * fit.trend + seasonal;
    const half = Z_80 * sigma * Math.sqrt(variance);
    points.push({ step: h, value: clamp(value), lower: clamp(value - half), upper: clamp(value + half) });
  }
  return { model, alpha: fit.alpha, beta: fit.beta, gamma: fit.gamma, sigma, points };
}

/**
 * Mean absolute percentage error of the model over the last `weeks` known weeks: fitted on the
 * history before them, forecast `weeks` ahead, compared with what happened. Weeks whose actual
 * is 0 are left out (no percentage of nothing). Null when the history before them is below
 * MIN_WEEKS or every actual is 0.
 */
export function backtestMape(
  history: readonly number[],
  weeks = HORIZON_WEEKS,
  options: ForecastOptions = {},
) {
  if (history.length < MIN_WEEKS + weeks) return null;
  const train = history.slice(0, history.length - weeks);
  const test = history.slice(history.length - weeks);
  const forecast = forecastWeekly(train, { ...options, horizon: weeks });
  if (!forecast) return null;
  const terms = test.flatMap((actual, i) =>
    actual === 0 ? [] : [Math.abs(actual - forecast.points[i]!.value) / Math.abs(actual)],
  );
  return terms.length ? mean(terms) : null;
}
