import type { SeedModel } from '../types';
import { defineModels } from './define';

export const WATCH_MODELS: readonly SeedModel[] = [
  ...defineModels('apple', 'other', [
    ['apple-watch-series-6', 'Apple Watch Series 6', 2020, 'flagship'],
    ['apple-watch-series-7', 'Apple Watch Series 7', 2021, 'flagship'],
    ['apple-watch-series-8', 'Apple Watch Series 8', 2022, 'flagship'],
    ['apple-watch-series-9', 'Apple Watch Series 9', 2023, 'flagship'],
    ['apple-watch-series-10', 'Apple Watch Series 10', 2024, 'flagship'],
    ['apple-watch-series-11', 'Apple Watch Series 11', 2025, 'flagship'],
    ['apple-watch-se-2nd-gen', 'Apple Watch SE (2nd generation)', 2022, 'mid'],
    ['apple-watch-se-3rd-gen', 'Apple Watch SE (3rd generation)', 2025, 'mid'],
    ['apple-watch-ultra', 'Apple Watch Ultra', 2022, 'premium'],
    ['apple-watch-ultra-2', 'Apple Watch Ultra 2', 2023, 'premium'],
    ['apple-watch-ultra-3', 'Apple Watch Ultra 3', 2025, 'premium'],
  ]),
  ...defineModels('samsung', 'other', [
    ['galaxy-watch4', 'Galaxy Watch4', 2021, 'mid', ['Galaxy Watch 4']],
    ['galaxy-watch5', 'Galaxy Watch5', 2022, 'mid', ['Galaxy Watch 5']],
    ['galaxy-watch6', 'Galaxy Watch6', 2023, 'mid', ['Galaxy Watch 6']],
    ['galaxy-watch7', 'Galaxy Watch7', 2024, 'mid', ['Galaxy Watch 7']],
    ['galaxy-watch-ultra', 'Galaxy Watch Ultra', 2024, 'flagship'],
  ]),
  ...defineModels('google', 'other', [
    ['pixel-watch', 'Pixel Watch', 2022, 'mid'],
    ['pixel-watch-2', 'Pixel Watch 2', 2023, 'mid'],
    ['pixel-watch-3', 'Pixel Watch 3', 2024, 'mid'],
  ]),
];

/** Game controllers: batteries, charging ports and stick drift / buttons. */
export const CONTROLLER_MODELS: readonly SeedModel[] = [
  ...defineModels('sony', 'other', [
    ['dualshock-4', 'DualShock 4 Wireless Controller', 2013, 'budget', ['PS4 controller']],
    ['dualsense', 'DualSense Wireless Controller', 2020, 'mid', ['PS5 controller']],
    ['dualsense-edge', 'DualSense Edge Wireless Controller', 2023, 'flagship'],
  ]),
  ...defineModels('nintendo', 'other', [
    ['switch-pro-controller', 'Nintendo Switch Pro Controller', 2017, 'mid'],
  ]),
];

export const OTHER_MODELS: readonly SeedModel[] = [...WATCH_MODELS, ...CONTROLLER_MODELS];
