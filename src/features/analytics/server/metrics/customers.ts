/** The customer metrics (definitions in docs/analytics.md). */
export { customersSummary } from './customers-summary';
export { customerSegments } from './customer-segments';
export { satisfaction } from './satisfaction';
