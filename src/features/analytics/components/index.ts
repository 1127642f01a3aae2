/**
 * The analytics domain's public surface, browser side: what other domains may import (the
 * tracker itself lives in ../client).
 */
export { track } from '../client/tracker';
export { AnalyticsTracker, TrackPageViews } from '../client/tracker-provider';
export { useFunnelSteps } from '../client/use-funnel-steps';
