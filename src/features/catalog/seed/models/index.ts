import type { SeedModel } from '../types';
import { CONSOLE_MODELS } from './consoles';
import { DESKTOP_MODELS, LAPTOP_MODELS } from './computers';
import { OTHER_MODELS } from './other';
import { PHONE_MODELS } from './phones';
import { TABLET_MODELS } from './tablets';

export const SEED_MODELS: readonly SeedModel[] = [
  ...PHONE_MODELS,
  ...TABLET_MODELS,
  ...LAPTOP_MODELS,
  ...DESKTOP_MODELS,
  ...CONSOLE_MODELS,
  ...OTHER_MODELS,
];

export { CONSOLE_MODELS, HANDHELD_CONSOLE_MODELS, HOME_CONSOLE_MODELS } from './consoles';
export { STORAGE_UPGRADEABLE_CONSOLE_SLUGS } from './consoles';
export {
  ALL_IN_ONE_DESKTOP_MODELS,
  APPLE_UPGRADEABLE_STORAGE_SLUGS,
  DESKTOP_MODELS,
  HEADLESS_DESKTOP_MODELS,
  LAPTOP_MODELS,
} from './computers';
export { CONTROLLER_MODELS, OTHER_MODELS, WATCH_MODELS } from './other';
export { FOLDABLE_PHONE_SLUGS, NON_GLASS_BACK_PHONE_SLUGS, PHONE_MODELS } from './phones';
export { TABLET_MODELS } from './tablets';
