/** The insights domain's server surface for pages and the entry. */
export { getModelInsights, type ModelInsightsInput } from './get-model-insights';
export { listModelInsights, type ListModelInsightsInput } from './list-model-insights';
export { insightsShopForOrder, resolveInsightsShop, type InsightsViewer } from './resolve-insights-shop';
