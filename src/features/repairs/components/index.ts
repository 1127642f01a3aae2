/** The repairs domain's public surface, React side: what other domains may import. */
export { OverdueBadge, StatusBadge } from './staff/status-badge';
export { repairsClient } from './api-client';
