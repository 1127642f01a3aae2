import type { SeedModel } from '../types';
import { defineModels } from './define';

/** TV-connected consoles: no screen or battery; HDMI port repairs apply. */
export const HOME_CONSOLE_MODELS: readonly SeedModel[] = [
  ...defineModels('sony', 'console', [
    ['ps4', 'PlayStation 4', 2013, 'mid', ['PS4', 'CUH-1116A']],
    ['ps4-slim', 'PlayStation 4 Slim', 2016, 'mid', ['PS4 Slim', 'CUH-2016']],
    ['ps4-pro', 'PlayStation 4 Pro', 2016, 'flagship', ['PS4 Pro', 'CUH-7016']],
    ['ps5', 'PlayStation 5', 2020, 'flagship', ['PS5', 'PS5 Disc Edition', 'CFI-1016A']],
    ['ps5-digital', 'PlayStation 5 Digital Edition', 2020, 'flagship', ['PS5 Digital', 'CFI-1016B']],
    ['ps5-slim', 'PlayStation 5 Slim', 2023, 'flagship', ['PS5 Slim', 'CFI-2016']],
    ['ps5-pro', 'PlayStation 5 Pro', 2024, 'premium', ['PS5 Pro']],
  ]),
  ...defineModels('microsoft', 'console', [
    ['xbox-one', 'Xbox One', 2013, 'mid', ['Model 1540']],
    ['xbox-one-s', 'Xbox One S', 2016, 'mid', ['Model 1681']],
    ['xbox-one-x', 'Xbox One X', 2017, 'flagship', ['Model 1787']],
    ['xbox-series-s', 'Xbox Series S', 2020, 'mid', ['Model 1883']],
    ['xbox-series-x', 'Xbox Series X', 2020, 'flagship', ['Model 1882']],
  ]),
];

/** Portable consoles and handheld PCs: built-in screen, battery and USB-C charging. */
export const HANDHELD_CONSOLE_MODELS: readonly SeedModel[] = [
  ...defineModels('nintendo', 'console', [
    ['switch', 'Nintendo Switch', 2017, 'mid', ['HAC-001']],
    ['switch-lite', 'Nintendo Switch Lite', 2019, 'budget', ['HDH-001']],
    ['switch-oled', 'Nintendo Switch OLED', 2021, 'mid', ['HEG-001']],
    ['switch-2', 'Nintendo Switch 2', 2025, 'flagship'],
  ]),
  ...defineModels('valve', 'console', [
    ['steam-deck', 'Steam Deck', 2022, 'flagship', ['Steam Deck LCD']],
    ['steam-deck-oled', 'Steam Deck OLED', 2023, 'flagship'],
  ]),
  ...defineModels('asus', 'console', [
    ['rog-ally', 'ROG Ally', 2023, 'flagship', ['RC71L']],
    ['rog-ally-x', 'ROG Ally X', 2024, 'flagship', ['RC72LA']],
  ]),
  ...defineModels('lenovo', 'console', [['legion-go', 'Legion Go', 2023, 'flagship']]),
  ...defineModels('sony', 'console', [
    ['playstation-portal', 'PlayStation Portal', 2023, 'mid', ['PS Portal']],
  ]),
];

export const CONSOLE_MODELS: readonly SeedModel[] = [...HOME_CONSOLE_MODELS, ...HANDHELD_CONSOLE_MODELS];

/**
 * Consoles where a shop can fit a bigger drive: PS4/Xbox One internal HDD swap, PS5 M.2 expansion
 * slot, and M.2 SSD swaps on handheld PCs. (Xbox Series X|S use plug-in expansion cards, Switch
 * uses microSD, so no workshop upgrade is offered.)
 */
export const STORAGE_UPGRADEABLE_CONSOLE_SLUGS: ReadonlySet<string> = new Set([
  'ps4',
  'ps4-slim',
  'ps4-pro',
  'ps5',
  'ps5-digital',
  'ps5-slim',
  'ps5-pro',
  'xbox-one',
  'xbox-one-s',
  'xbox-one-x',
  'steam-deck',
  'steam-deck-oled',
  'rog-ally',
  'rog-ally-x',
  'legion-go',
]);
