import { SEED_REPAIR_TYPES } from './repair-types';
import type { SeedModel } from './types';
import {
  ALL_IN_ONE_DESKTOP_MODELS,
  APPLE_UPGRADEABLE_STORAGE_SLUGS,
  CONTROLLER_MODELS,
  FOLDABLE_PHONE_SLUGS,
  HANDHELD_CONSOLE_MODELS,
  HOME_CONSOLE_MODELS,
  NON_GLASS_BACK_PHONE_SLUGS,
  STORAGE_UPGRADEABLE_CONSOLE_SLUGS,
  WATCH_MODELS,
} from './models';

/** Finer-grained form factor than the category; drives repair applicability and pricing. */
export type DeviceKind =
  | 'phone'
  | 'foldable'
  | 'tablet'
  | 'laptop'
  | 'all-in-one'
  | 'headless-desktop'
  | 'home-console'
  | 'handheld-console'
  | 'watch'
  | 'controller';

const slugSet = (models: readonly SeedModel[]): ReadonlySet<string> => new Set(models.map((m) => m.slug));

const ALL_IN_ONE = slugSet(ALL_IN_ONE_DESKTOP_MODELS);
const HOME_CONSOLES = slugSet(HOME_CONSOLE_MODELS);
const HANDHELD_CONSOLES = slugSet(HANDHELD_CONSOLE_MODELS);
const WATCHES = slugSet(WATCH_MODELS);
const CONTROLLERS = slugSet(CONTROLLER_MODELS);

export function deviceKind(model: SeedModel): DeviceKind {
  switch (model.category) {
    case 'phone':
      return FOLDABLE_PHONE_SLUGS.has(model.slug) ? 'foldable' : 'phone';
    case 'tablet':
      return 'tablet';
    case 'laptop':
      return 'laptop';
    case 'desktop':
      return ALL_IN_ONE.has(model.slug) ? 'all-in-one' : 'headless-desktop';
    case 'console':
      if (HOME_CONSOLES.has(model.slug)) return 'home-console';
      if (HANDHELD_CONSOLES.has(model.slug)) return 'handheld-console';
      throw new Error(`Console model '${model.slug}' is neither home nor handheld`);
    case 'other':
      if (WATCHES.has(model.slug)) return 'watch';
      if (CONTROLLERS.has(model.slug)) return 'controller';
      throw new Error(`Model '${model.slug}' in 'other' has no known device kind`);
  }
}

const ALL = ['phone', 'foldable', 'tablet', 'laptop', 'all-in-one', 'headless-desktop'] as const;

/** Which device kinds each repair type can ever apply to. */
const REPAIRS_BY_KIND: Readonly<Record<string, readonly DeviceKind[]>> = {
  'screen-crack': ['phone', 'foldable', 'tablet', 'laptop', 'all-in-one', 'handheld-console', 'watch'],
  battery: ['phone', 'foldable', 'tablet', 'laptop', 'handheld-console', 'watch', 'controller'],
  'charging-port': ['phone', 'foldable', 'tablet', 'laptop', 'handheld-console', 'controller'],
  camera: ['phone', 'foldable', 'tablet', 'laptop', 'all-in-one'],
  'back-glass': ['phone', 'foldable'],
  'water-damage': ['phone', 'foldable', 'tablet', 'laptop', 'handheld-console', 'watch'],
  audio: ['phone', 'foldable', 'tablet', 'laptop', 'all-in-one', 'handheld-console'],
  buttons: ['phone', 'foldable', 'tablet', 'laptop', 'handheld-console', 'watch', 'controller'],
  software: [...ALL, 'home-console', 'handheld-console', 'watch'],
  'data-recovery': [...ALL],
  keyboard: ['laptop'],
  'logic-board': [...ALL, 'home-console', 'handheld-console', 'watch'],
  overheating: ['laptop', 'all-in-one', 'headless-desktop', 'home-console', 'handheld-console'],
  'storage-upgrade': ['laptop', 'all-in-one', 'headless-desktop', 'home-console', 'handheld-console'],
  'hdmi-port': ['home-console'],
  diagnostic: [...ALL, 'home-console', 'handheld-console', 'watch', 'controller'],
};

function hasStorageUpgrade(model: SeedModel): boolean {
  if (model.category === 'console') return STORAGE_UPGRADEABLE_CONSOLE_SLUGS.has(model.slug);
  if (model.brand === 'apple') return APPLE_UPGRADEABLE_STORAGE_SLUGS.has(model.slug);
  return true;
}

/** Whether a repair type is offered for a model (category, form factor and per-model rules). */
export function isRepairApplicable(model: SeedModel, repairSlug: string): boolean {
  const repair = SEED_REPAIR_TYPES.find((r) => r.slug === repairSlug);
  if (!repair || !repair.categories.includes(model.category)) return false;
  const kinds = REPAIRS_BY_KIND[repairSlug];
  if (!kinds || !kinds.includes(deviceKind(model))) return false;
  if (repairSlug === 'back-glass') return !NON_GLASS_BACK_PHONE_SLUGS.has(model.slug);
  if (repairSlug === 'storage-upgrade') return hasStorageUpgrade(model);
  return true;
}

/** Repair slugs offered for a model, in repair-menu order. */
export function applicableRepairSlugs(model: SeedModel): string[] {
  return [...SEED_REPAIR_TYPES]
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .filter((r) => isRepairApplicable(model, r.slug))
    .map((r) => r.slug);
}
