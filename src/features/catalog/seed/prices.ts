import { SEED_MODELS } from './models';
import { applicableRepairSlugs, deviceKind, type DeviceKind } from './rules';
import type { ModelTier, SeedModel, SeedPrice } from './types';

/**
 * Deterministic seed price list for an independent UK repair shop (VAT-inclusive GBP, in pence).
 *
 * total = base(kind, repair) × scale, where scale blends a tier factor and an age factor according
 * to how parts-driven the repair is (a screen tracks the device's value closely; a software
 * reinstall does not). Totals are rounded to retail figures ending in 9 (e.g. £189, £79) and then
 * split into parts and labour. Well-known models get explicit overrides.
 */

/** Prices are pitched at this year; older devices are cheaper to fix. */
export const PRICE_REFERENCE_YEAR = 2025;

const TIER_FACTOR: Readonly<Record<ModelTier, number>> = {
  budget: 0.45,
  mid: 0.7,
  flagship: 1,
  premium: 1.35,
};

/** Price drop per year of age, and the floor the age factor never goes below. */
const AGE_CURVE: Readonly<Record<DeviceKind, { slope: number; floor: number }>> = {
  phone: { slope: 0.085, floor: 0.32 },
  foldable: { slope: 0.085, floor: 0.4 },
  tablet: { slope: 0.07, floor: 0.4 },
  laptop: { slope: 0.06, floor: 0.45 },
  'all-in-one': { slope: 0.06, floor: 0.45 },
  'headless-desktop': { slope: 0.06, floor: 0.45 },
  'home-console': { slope: 0.05, floor: 0.4 },
  'handheld-console': { slope: 0.05, floor: 0.4 },
  watch: { slope: 0.07, floor: 0.4 },
  controller: { slope: 0.03, floor: 0.6 },
};

/** Base total in whole pounds for a flagship device released in the reference year. */
type BaseTable = Readonly<Partial<Record<string, number>>>;

const BASE_POUNDS: Readonly<Record<DeviceKind, BaseTable>> = {
  phone: {
    'screen-crack': 249,
    battery: 99,
    'charging-port': 89,
    camera: 129,
    'back-glass': 129,
    'water-damage': 79,
    audio: 69,
    buttons: 69,
    software: 39,
    'data-recovery': 149,
    'logic-board': 199,
    diagnostic: 0,
  },
  foldable: {
    'screen-crack': 449,
    battery: 129,
    'charging-port': 99,
    camera: 149,
    'back-glass': 149,
    'water-damage': 99,
    audio: 89,
    buttons: 89,
    software: 39,
    'data-recovery': 169,
    'logic-board': 249,
    diagnostic: 0,
  },
  tablet: {
    'screen-crack': 279,
    battery: 119,
    'charging-port': 99,
    camera: 99,
    'water-damage': 99,
    audio: 79,
    buttons: 79,
    software: 49,
    'data-recovery': 169,
    'logic-board': 229,
    diagnostic: 0,
  },
  laptop: {
    'screen-crack': 429,
    battery: 149,
    'charging-port': 119,
    camera: 99,
    'water-damage': 149,
    audio: 99,
    buttons: 99,
    software: 59,
    'data-recovery': 199,
    keyboard: 229,
    'logic-board': 299,
    overheating: 79,
    'storage-upgrade': 149,
    diagnostic: 29,
  },
  'all-in-one': {
    'screen-crack': 449,
    camera: 99,
    audio: 99,
    software: 59,
    'data-recovery': 199,
    'logic-board': 329,
    overheating: 89,
    'storage-upgrade': 179,
    diagnostic: 29,
  },
  'headless-desktop': {
    software: 59,
    'data-recovery': 199,
    'logic-board': 279,
    overheating: 79,
    'storage-upgrade': 149,
    diagnostic: 29,
  },
  'home-console': {
    'hdmi-port': 109,
    'storage-upgrade': 119,
    overheating: 79,
    software: 59,
    'logic-board': 199,
    diagnostic: 19,
  },
  'handheld-console': {
    'screen-crack': 149,
    battery: 89,
    'charging-port': 79,
    'water-damage': 89,
    audio: 69,
    buttons: 69,
    software: 39,
    'logic-board': 179,
    overheating: 69,
    'storage-upgrade': 119,
    diagnostic: 19,
  },
  watch: {
    'screen-crack': 229,
    battery: 89,
    'water-damage': 99,
    buttons: 79,
    software: 39,
    'logic-board': 199,
    diagnostic: 0,
  },
  controller: {
    battery: 39,
    'charging-port': 39,
    buttons: 49,
    diagnostic: 0,
  },
};

/** How strongly the price follows device value (1 = fully parts-driven, 0 = flat labour). */
const SENSITIVITY: Readonly<Record<string, number>> = {
  'screen-crack': 1,
  'back-glass': 0.9,
  camera: 0.8,
  keyboard: 0.8,
  battery: 0.5,
  'logic-board': 0.5,
  'charging-port': 0.4,
  audio: 0.4,
  buttons: 0.4,
  'storage-upgrade': 0.3,
  'hdmi-port': 0.3,
  'water-damage': 0.2,
  'data-recovery': 0.2,
  overheating: 0.2,
  software: 0,
  diagnostic: 0,
};

/** Share of the total that is labour (the rest is parts). */
const LABOUR_SHARE: Readonly<Record<string, number>> = {
  'screen-crack': 0.3,
  'back-glass': 0.6,
  camera: 0.3,
  keyboard: 0.4,
  battery: 0.4,
  'logic-board': 0.85,
  'charging-port': 0.6,
  audio: 0.5,
  buttons: 0.6,
  'storage-upgrade': 0.3,
  'hdmi-port': 0.6,
  'water-damage': 0.8,
  'data-recovery': 1,
  overheating: 0.7,
  software: 1,
  diagnostic: 1,
};

/** Turnaround in hours by kind; unlisted repairs use DEFAULT_TURNAROUND for the kind. */
const TURNAROUND_HOURS: Readonly<Record<DeviceKind, Readonly<Partial<Record<string, number>>>>> = {
  phone: {
    'screen-crack': 2,
    battery: 2,
    'charging-port': 3,
    camera: 3,
    'back-glass': 4,
    audio: 3,
    buttons: 4,
    software: 2,
    diagnostic: 2,
  },
  foldable: { software: 4, diagnostic: 4 },
  tablet: { software: 4, diagnostic: 4 },
  laptop: { battery: 24, software: 24, 'storage-upgrade': 24, overheating: 24, diagnostic: 24 },
  'all-in-one': { software: 24, 'storage-upgrade': 24, overheating: 24, diagnostic: 24 },
  'headless-desktop': { software: 24, 'storage-upgrade': 24, overheating: 24, diagnostic: 24 },
  'home-console': { software: 24, 'storage-upgrade': 4, overheating: 24, diagnostic: 24 },
  'handheld-console': { software: 4, 'storage-upgrade': 4, diagnostic: 4 },
  watch: { software: 24 },
  controller: {},
};

const DEFAULT_TURNAROUND: Readonly<Record<DeviceKind, number>> = {
  phone: 24,
  foldable: 48,
  tablet: 24,
  laptop: 48,
  'all-in-one': 72,
  'headless-desktop': 48,
  'home-console': 48,
  'handheld-console': 24,
  watch: 48,
  controller: 24,
};

/** Board-level and forensic work always takes days. */
const SLOW_REPAIR_HOURS: Readonly<Partial<Record<string, number>>> = {
  'logic-board': 120,
  'data-recovery': 120,
  'water-damage': 72,
};

/** Explicit retail totals (pence) for well-known models, replacing the formula. */
const PRICE_OVERRIDES: Readonly<Record<string, Readonly<Partial<Record<string, number>>>>> = {
  'iphone-14': { 'screen-crack': 19900, battery: 8900 },
  'iphone-14-plus': { 'screen-crack': 20900, battery: 8900 },
  'iphone-15': { 'screen-crack': 21900, battery: 8900, 'back-glass': 9900 },
  'iphone-15-plus': { 'screen-crack': 23900, battery: 8900, 'back-glass': 10900 },
  'iphone-15-pro': { 'screen-crack': 26900, battery: 9900 },
  'iphone-15-pro-max': { 'screen-crack': 29900, battery: 9900 },
  'iphone-16': { 'screen-crack': 23900, battery: 9900, 'back-glass': 10900 },
  'iphone-16-plus': { 'screen-crack': 25900, battery: 9900, 'back-glass': 11900 },
  'iphone-16-pro': { 'screen-crack': 29900, battery: 10900 },
  'iphone-16-pro-max': { 'screen-crack': 32900, battery: 10900 },
  'ipad-pro-11-m4': { 'screen-crack': 44900 },
  'ipad-pro-13-m4': { 'screen-crack': 59900 },
  'ipad-pro-11-m5': { 'screen-crack': 46900 },
  'ipad-pro-13-m5': { 'screen-crack': 62900 },
  ps5: { 'hdmi-port': 10900 },
  'ps5-digital': { 'hdmi-port': 10900 },
  'ps5-slim': { 'hdmi-port': 11900 },
  'xbox-series-x': { 'hdmi-port': 11900 },
  switch: { 'screen-crack': 6900 },
  'switch-lite': { 'screen-crack': 7900 },
  'switch-oled': { 'screen-crack': 12900 },
  'steam-deck-oled': { 'screen-crack': 19900 },
};

const WARRANTY_DAYS: Readonly<Partial<Record<string, number>>> = {
  'screen-crack': 180,
  battery: 180,
  'water-damage': 30,
  'data-recovery': 30,
  software: 30,
  diagnostic: 0,
};
const DEFAULT_WARRANTY_DAYS = 90;

/** Lowest non-zero retail price in whole pounds. */
const MIN_RETAIL_POUNDS = 19;

/** Round to a retail figure ending in 9 pounds (e.g. 187.4 → 189, 73 → 69), in pence. */
export function toRetailPence(pounds: number): number {
  if (pounds <= 0) return 0;
  const rounded = Math.round((pounds + 1) / 10) * 10 - 1;
  return Math.max(MIN_RETAIL_POUNDS, rounded) * 100;
}

function ageFactor(model: SeedModel, kind: DeviceKind): number {
  const age = Math.max(0, PRICE_REFERENCE_YEAR - model.releaseYear);
  const { slope, floor } = AGE_CURVE[kind];
  return Math.max(floor, 1 - slope * age);
}

function totalPence(model: SeedModel, kind: DeviceKind, repair: string): number {
  const override = PRICE_OVERRIDES[model.slug]?.[repair];
  if (override !== undefined) return override;
  const base = BASE_POUNDS[kind][repair];
  if (base === undefined) {
    throw new Error(`No base price for repair '${repair}' on ${kind} '${model.slug}'`);
  }
  const value = TIER_FACTOR[model.tier] * ageFactor(model, kind);
  const sensitivity = SENSITIVITY[repair] ?? 0;
  return toRetailPence(base * (1 + sensitivity * (value - 1)));
}

function turnaroundHours(kind: DeviceKind, repair: string): number {
  return SLOW_REPAIR_HOURS[repair] ?? TURNAROUND_HOURS[kind][repair] ?? DEFAULT_TURNAROUND[kind];
}

function priceFor(model: SeedModel, repair: string): SeedPrice {
  const kind = deviceKind(model);
  const total = totalPence(model, kind, repair);
  const labourShare = LABOUR_SHARE[repair] ?? 0.5;
  // Labour in whole pounds; parts take the remainder so parts + labour === total exactly.
  const labourPence = Math.min(total, Math.round((total * labourShare) / 100) * 100);
  return {
    model: model.slug,
    repair,
    partsPence: total - labourPence,
    labourPence,
    warrantyDays: WARRANTY_DAYS[repair] ?? DEFAULT_WARRANTY_DAYS,
    turnaroundHours: turnaroundHours(kind, repair),
  };
}

/** One price per applicable (model × repair) pair, in model then repair-menu order. */
export function buildSeedPrices(models: readonly SeedModel[] = SEED_MODELS): SeedPrice[] {
  return models.flatMap((model) => applicableRepairSlugs(model).map((r) => priceFor(model, r)));
}
