/** The analytics domain's public surface, browser side: what other domains may import. */
export { track } from './tracker';
export { AnalyticsTracker, TrackPageViews } from './tracker-provider';
export { useFunnelSteps } from './use-funnel-steps';
