import type { SeedModel } from '../types';
import { defineModels } from './define';

const APPLE_TABLETS = defineModels('apple', 'tablet', [
  ['ipad-7th-gen', 'iPad (7th generation)', 2019, 'budget', ['iPad 10.2 2019']],
  ['ipad-8th-gen', 'iPad (8th generation)', 2020, 'budget', ['iPad 10.2 2020']],
  ['ipad-9th-gen', 'iPad (9th generation)', 2021, 'budget', ['iPad 10.2 2021']],
  ['ipad-10th-gen', 'iPad (10th generation)', 2022, 'budget', ['iPad 10.9 2022']],
  ['ipad-a16', 'iPad (A16)', 2025, 'budget', ['iPad 11th generation', 'iPad 11-inch 2025']],
  ['ipad-mini-5th-gen', 'iPad mini (5th generation)', 2019, 'mid', ['iPad mini 5']],
  ['ipad-mini-6th-gen', 'iPad mini (6th generation)', 2021, 'mid', ['iPad mini 6']],
  ['ipad-mini-a17-pro', 'iPad mini (A17 Pro)', 2024, 'mid', ['iPad mini 7']],
  ['ipad-air-4th-gen', 'iPad Air (4th generation)', 2020, 'mid', ['iPad Air 4']],
  ['ipad-air-5th-gen', 'iPad Air (5th generation)', 2022, 'mid', ['iPad Air 5', 'iPad Air M1']],
  ['ipad-air-11-m2', 'iPad Air 11-inch (M2)', 2024, 'mid'],
  ['ipad-air-13-m2', 'iPad Air 13-inch (M2)', 2024, 'flagship'],
  ['ipad-air-11-m3', 'iPad Air 11-inch (M3)', 2025, 'mid'],
  ['ipad-air-13-m3', 'iPad Air 13-inch (M3)', 2025, 'flagship'],
  ['ipad-pro-11-1st-gen', 'iPad Pro 11-inch (1st generation)', 2018, 'flagship'],
  ['ipad-pro-11-2nd-gen', 'iPad Pro 11-inch (2nd generation)', 2020, 'flagship'],
  ['ipad-pro-11-3rd-gen', 'iPad Pro 11-inch (3rd generation, M1)', 2021, 'flagship'],
  ['ipad-pro-11-4th-gen', 'iPad Pro 11-inch (4th generation, M2)', 2022, 'flagship'],
  ['ipad-pro-12-9-3rd-gen', 'iPad Pro 12.9-inch (3rd generation)', 2018, 'premium'],
  ['ipad-pro-12-9-4th-gen', 'iPad Pro 12.9-inch (4th generation)', 2020, 'premium'],
  ['ipad-pro-12-9-5th-gen', 'iPad Pro 12.9-inch (5th generation, M1)', 2021, 'premium'],
  ['ipad-pro-12-9-6th-gen', 'iPad Pro 12.9-inch (6th generation, M2)', 2022, 'premium'],
  ['ipad-pro-11-m4', 'iPad Pro 11-inch (M4)', 2024, 'premium'],
  ['ipad-pro-13-m4', 'iPad Pro 13-inch (M4)', 2024, 'premium'],
  ['ipad-pro-11-m5', 'iPad Pro 11-inch (M5)', 2025, 'premium'],
  ['ipad-pro-13-m5', 'iPad Pro 13-inch (M5)', 2025, 'premium'],
]);

const SAMSUNG_TABLETS = defineModels('samsung', 'tablet', [
  ['galaxy-tab-s6-lite', 'Galaxy Tab S6 Lite', 2020, 'budget'],
  ['galaxy-tab-s7', 'Galaxy Tab S7', 2020, 'flagship'],
  ['galaxy-tab-s7-plus', 'Galaxy Tab S7+', 2020, 'premium', ['Tab S7 Plus']],
  ['galaxy-tab-s8', 'Galaxy Tab S8', 2022, 'flagship'],
  ['galaxy-tab-s8-ultra', 'Galaxy Tab S8 Ultra', 2022, 'premium'],
  ['galaxy-tab-s9', 'Galaxy Tab S9', 2023, 'flagship'],
  ['galaxy-tab-s9-fe', 'Galaxy Tab S9 FE', 2023, 'mid'],
  ['galaxy-tab-s9-ultra', 'Galaxy Tab S9 Ultra', 2023, 'premium'],
  ['galaxy-tab-s10-plus', 'Galaxy Tab S10+', 2024, 'flagship', ['Tab S10 Plus']],
  ['galaxy-tab-s10-ultra', 'Galaxy Tab S10 Ultra', 2024, 'premium'],
  ['galaxy-tab-a9', 'Galaxy Tab A9', 2023, 'budget'],
  ['galaxy-tab-a9-plus', 'Galaxy Tab A9+', 2023, 'budget', ['Tab A9 Plus']],
]);

/**
 * Surface Pro / Go are detachable 2-in-1s, repaired like tablets (the Type Cover is an accessory).
 */
const MICROSOFT_TABLETS = defineModels('microsoft', 'tablet', [
  ['surface-pro-7', 'Surface Pro 7', 2019, 'flagship'],
  ['surface-pro-8', 'Surface Pro 8', 2021, 'flagship'],
  ['surface-pro-9', 'Surface Pro 9', 2022, 'flagship'],
  ['surface-pro-11th-edition', 'Surface Pro (11th Edition)', 2024, 'flagship', ['Surface Pro 11']],
  ['surface-go-3', 'Surface Go 3', 2021, 'mid'],
  ['surface-go-4', 'Surface Go 4', 2023, 'mid'],
]);

export const TABLET_MODELS: readonly SeedModel[] = [
  ...APPLE_TABLETS,
  ...SAMSUNG_TABLETS,
  ...MICROSOFT_TABLETS,
];
