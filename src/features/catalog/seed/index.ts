/**
 * Shipped catalogue seed data: pure TypeScript, no runtime dependencies. Prices come from the
 * deterministic `buildSeedPrices()`; per-model repair applicability lives in `rules.ts`.
 */
export * from './types';
export { SEED_CATEGORIES } from './categories';
export { SEED_BRANDS } from './brands';
export { SEED_REPAIR_TYPES } from './repair-types';
export * from './models';
export { applicableRepairSlugs, deviceKind, isRepairApplicable, type DeviceKind } from './rules';
export { buildSeedPrices, PRICE_REFERENCE_YEAR, toRetailPence } from './prices';
