'use client';
/**
 * The typed API clients the booking form calls (Hono's `hc`, about 4 kB gzipped with the
 * routes' path handling): imported on demand by queries.ts and the form, so they are fetched
 * with the form's first request instead of in /book-repair's first load
 * (docs/benchmarks.md, "Pages on a phone").
 */
export { bookingClient } from './api-client';
export { catalogClient } from '@/features/catalog/components';
export { pricingClient } from '@/features/pricing/components';
export { shopsClient } from '@/features/shops/components';
