/** The repairs domain's public surface, React side: what other domains may import. */
export { OverdueBadge, StatusBadge } from './status-badge';
export { useStatusLabel, type StatusAudience } from './status-label';
export { OrderTimeline, type OrderTimelineProps } from './order-timeline';
export { repairsClient } from './api-client';
