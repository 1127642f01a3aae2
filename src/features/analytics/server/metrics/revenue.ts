/** The money metrics (definitions in docs/analytics.md). */
export { revenueSeries, revenueSummary } from './revenue-summary';
export { revenueByRepair, revenueByShop } from './revenue-by';
