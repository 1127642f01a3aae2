/**
 * What is coming: the bookings and revenue forecasts (forecast-weekly.ts, model in
 * ../../forecasting.ts) and the recommendations derived from the numbers (recommendations.ts).
 */
export { bookingsForecast, revenueForecast } from './forecast-weekly';
export { recommendations } from './recommendations';
