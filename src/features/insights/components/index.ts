/** The insights domain's components for pages. */
export { InsightFigures, RepairsByAge } from './insight-figures';
export {
  ModelInsightsPanel,
  ModelInsightsPanelError,
  ModelInsightsPanelLoading,
} from './model-insights-panel';
