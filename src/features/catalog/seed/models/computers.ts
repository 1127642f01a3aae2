import type { SeedModel } from '../types';
import { defineModels } from './define';

const APPLE_LAPTOPS = defineModels('apple', 'laptop', [
  ['macbook-air-13-intel-2020', 'MacBook Air 13-inch (Intel, 2020)', 2020, 'flagship', ['A2179']],
  ['macbook-air-13-m1', 'MacBook Air 13-inch (M1)', 2020, 'flagship', ['A2337']],
  ['macbook-air-13-m2', 'MacBook Air 13-inch (M2)', 2022, 'flagship', ['A2681']],
  ['macbook-air-15-m2', 'MacBook Air 15-inch (M2)', 2023, 'flagship', ['A2941']],
  ['macbook-air-13-m3', 'MacBook Air 13-inch (M3)', 2024, 'flagship', ['A3113']],
  ['macbook-air-15-m3', 'MacBook Air 15-inch (M3)', 2024, 'flagship', ['A3114']],
  ['macbook-air-13-m4', 'MacBook Air 13-inch (M4)', 2025, 'flagship'],
  ['macbook-air-15-m4', 'MacBook Air 15-inch (M4)', 2025, 'flagship'],
  ['macbook-pro-13-intel-2020', 'MacBook Pro 13-inch (Intel, 2020)', 2020, 'flagship', ['A2251']],
  ['macbook-pro-16-intel-2019', 'MacBook Pro 16-inch (Intel, 2019)', 2019, 'premium', ['A2141']],
  ['macbook-pro-13-m1', 'MacBook Pro 13-inch (M1)', 2020, 'flagship', ['A2338']],
  ['macbook-pro-13-m2', 'MacBook Pro 13-inch (M2)', 2022, 'flagship', ['A2338']],
  ['macbook-pro-14-m1-pro', 'MacBook Pro 14-inch (M1 Pro/Max)', 2021, 'premium', ['A2442']],
  ['macbook-pro-16-m1-pro', 'MacBook Pro 16-inch (M1 Pro/Max)', 2021, 'premium', ['A2485']],
  ['macbook-pro-14-m2-pro', 'MacBook Pro 14-inch (M2 Pro/Max)', 2023, 'premium', ['A2779']],
  ['macbook-pro-16-m2-pro', 'MacBook Pro 16-inch (M2 Pro/Max)', 2023, 'premium', ['A2780']],
  ['macbook-pro-14-m3', 'MacBook Pro 14-inch (M3)', 2023, 'premium', ['A2918']],
  ['macbook-pro-14-m3-pro', 'MacBook Pro 14-inch (M3 Pro/Max)', 2023, 'premium', ['A2992']],
  ['macbook-pro-16-m3-pro', 'MacBook Pro 16-inch (M3 Pro/Max)', 2023, 'premium', ['A2991']],
  ['macbook-pro-14-m4', 'MacBook Pro 14-inch (M4)', 2024, 'premium'],
  ['macbook-pro-14-m4-pro', 'MacBook Pro 14-inch (M4 Pro/Max)', 2024, 'premium'],
  ['macbook-pro-16-m4-pro', 'MacBook Pro 16-inch (M4 Pro/Max)', 2024, 'premium'],
  ['macbook-pro-14-m5', 'MacBook Pro 14-inch (M5)', 2025, 'premium'],
]);

const DELL_LAPTOPS = defineModels('dell', 'laptop', [
  ['dell-xps-13-9300', 'Dell XPS 13 (9300)', 2020, 'flagship'],
  ['dell-xps-13-9310', 'Dell XPS 13 (9310)', 2020, 'flagship'],
  ['dell-xps-13-plus-9320', 'Dell XPS 13 Plus (9320)', 2022, 'flagship'],
  ['dell-xps-13-9340', 'Dell XPS 13 (9340)', 2024, 'flagship'],
  ['dell-xps-14-9440', 'Dell XPS 14 (9440)', 2024, 'flagship'],
  ['dell-xps-15-9500', 'Dell XPS 15 (9500)', 2020, 'flagship'],
  ['dell-xps-15-9510', 'Dell XPS 15 (9510)', 2021, 'flagship'],
  ['dell-xps-15-9520', 'Dell XPS 15 (9520)', 2022, 'flagship'],
  ['dell-xps-15-9530', 'Dell XPS 15 (9530)', 2023, 'flagship'],
  ['dell-xps-17-9720', 'Dell XPS 17 (9720)', 2022, 'premium'],
  ['dell-inspiron-15-3520', 'Dell Inspiron 15 (3520)', 2022, 'budget'],
  ['dell-latitude-5440', 'Dell Latitude 5440', 2023, 'mid'],
]);

const HP_LAPTOPS = defineModels('hp', 'laptop', [
  ['hp-spectre-x360-14-2021', 'HP Spectre x360 14 (2021)', 2021, 'flagship'],
  ['hp-spectre-x360-14-2024', 'HP Spectre x360 14 (2024)', 2024, 'flagship'],
  ['hp-pavilion-aero-13', 'HP Pavilion Aero 13', 2021, 'mid'],
  ['hp-elitebook-840-g8', 'HP EliteBook 840 G8', 2021, 'mid'],
  ['hp-elitebook-840-g10', 'HP EliteBook 840 G10', 2023, 'mid'],
  ['hp-victus-16', 'HP Victus 16', 2021, 'mid'],
  ['hp-omen-transcend-14', 'HP OMEN Transcend 14', 2024, 'flagship'],
]);

const LENOVO_LAPTOPS = defineModels('lenovo', 'laptop', [
  ['thinkpad-x1-carbon-gen-9', 'ThinkPad X1 Carbon Gen 9', 2021, 'flagship'],
  ['thinkpad-x1-carbon-gen-10', 'ThinkPad X1 Carbon Gen 10', 2022, 'flagship'],
  ['thinkpad-x1-carbon-gen-11', 'ThinkPad X1 Carbon Gen 11', 2023, 'flagship'],
  ['thinkpad-x1-carbon-gen-12', 'ThinkPad X1 Carbon Gen 12', 2024, 'flagship'],
  ['thinkpad-t14-gen-2', 'ThinkPad T14 Gen 2', 2021, 'mid'],
  ['thinkpad-t14-gen-3', 'ThinkPad T14 Gen 3', 2022, 'mid'],
  ['thinkpad-t14-gen-4', 'ThinkPad T14 Gen 4', 2023, 'mid'],
  ['thinkpad-e14-gen-4', 'ThinkPad E14 Gen 4', 2022, 'budget'],
  ['ideapad-3-15-gen-6', 'IdeaPad 3 15 (Gen 6)', 2021, 'budget'],
  ['legion-5-pro-gen-6', 'Legion 5 Pro (Gen 6)', 2021, 'mid'],
]);

const ASUS_LAPTOPS = defineModels('asus', 'laptop', [
  ['zenbook-14-oled-ux3402', 'Zenbook 14 OLED (UX3402)', 2022, 'mid'],
  ['zenbook-s-14-ux5406', 'Zenbook S 14 (UX5406)', 2024, 'flagship'],
  ['rog-zephyrus-g14-2020', 'ROG Zephyrus G14 (2020)', 2020, 'flagship', ['GA401']],
  ['rog-zephyrus-g14-2022', 'ROG Zephyrus G14 (2022)', 2022, 'flagship', ['GA402']],
  ['rog-zephyrus-g14-2024', 'ROG Zephyrus G14 (2024)', 2024, 'flagship', ['GA403']],
  ['rog-strix-g15-2021', 'ROG Strix G15 (2021)', 2021, 'mid', ['G513']],
  ['tuf-gaming-f15-2021', 'TUF Gaming F15 (2021)', 2021, 'budget', ['FX506H']],
]);

const ACER_LAPTOPS = defineModels('acer', 'laptop', [
  ['acer-aspire-5-a515-57', 'Acer Aspire 5 (A515-57)', 2022, 'budget'],
  ['acer-swift-3-sf314-511', 'Acer Swift 3 (SF314-511)', 2021, 'mid'],
  ['acer-swift-go-14-sfg14-71', 'Acer Swift Go 14 (SFG14-71)', 2023, 'mid'],
  ['acer-nitro-5-an515-58', 'Acer Nitro 5 (AN515-58)', 2022, 'budget'],
  ['acer-predator-helios-16', 'Acer Predator Helios 16 (PH16-71)', 2023, 'flagship'],
]);

const MICROSOFT_LAPTOPS = defineModels('microsoft', 'laptop', [
  ['surface-laptop-4', 'Surface Laptop 4', 2021, 'flagship'],
  ['surface-laptop-5', 'Surface Laptop 5', 2022, 'flagship'],
  ['surface-laptop-7th-edition', 'Surface Laptop (7th Edition)', 2024, 'flagship'],
  ['surface-laptop-go-2', 'Surface Laptop Go 2', 2022, 'mid'],
  ['surface-laptop-go-3', 'Surface Laptop Go 3', 2023, 'mid'],
  ['surface-laptop-studio', 'Surface Laptop Studio', 2021, 'premium'],
  ['surface-laptop-studio-2', 'Surface Laptop Studio 2', 2023, 'premium'],
]);

export const LAPTOP_MODELS: readonly SeedModel[] = [
  ...APPLE_LAPTOPS,
  ...DELL_LAPTOPS,
  ...HP_LAPTOPS,
  ...LENOVO_LAPTOPS,
  ...ASUS_LAPTOPS,
  ...ACER_LAPTOPS,
  ...MICROSOFT_LAPTOPS,
];

/** Desktops with a built-in display (screen, webcam and speakers are repairable). */
export const ALL_IN_ONE_DESKTOP_MODELS: readonly SeedModel[] = [
  ...defineModels('apple', 'desktop', [
    ['imac-21-5-2019', 'iMac 21.5-inch (2019)', 2019, 'mid', ['A2116']],
    ['imac-27-2020', 'iMac 27-inch (2020)', 2020, 'premium', ['A2115']],
    ['imac-24-m1', 'iMac 24-inch (M1)', 2021, 'flagship', ['A2438', 'A2439']],
    ['imac-24-m3', 'iMac 24-inch (M3)', 2023, 'flagship'],
    ['imac-24-m4', 'iMac 24-inch (M4)', 2024, 'flagship'],
  ]),
  ...defineModels('microsoft', 'desktop', [['surface-studio-2-plus', 'Surface Studio 2+', 2022, 'premium']]),
];

/** Desktops without a display: no screen, webcam, audio or battery repairs. */
export const HEADLESS_DESKTOP_MODELS: readonly SeedModel[] = [
  ...defineModels('apple', 'desktop', [
    ['mac-mini-2018', 'Mac mini (2018)', 2018, 'mid', ['A1993']],
    ['mac-mini-m1', 'Mac mini (M1)', 2020, 'mid', ['A2348']],
    ['mac-mini-m2', 'Mac mini (M2)', 2023, 'mid'],
    ['mac-mini-m4', 'Mac mini (M4)', 2024, 'mid'],
    ['mac-studio-m1', 'Mac Studio (M1 Max/Ultra)', 2022, 'premium'],
    ['mac-studio-m2', 'Mac Studio (M2 Max/Ultra)', 2023, 'premium'],
  ]),
  ...defineModels('dell', 'desktop', [
    ['dell-xps-desktop-8960', 'Dell XPS Desktop (8960)', 2023, 'flagship'],
  ]),
  ...defineModels('lenovo', 'desktop', [['legion-tower-5i-gen-8', 'Legion Tower 5i (Gen 8)', 2023, 'mid']]),
];

export const DESKTOP_MODELS: readonly SeedModel[] = [
  ...ALL_IN_ONE_DESKTOP_MODELS,
  ...HEADLESS_DESKTOP_MODELS,
];

/**
 * Apple laptops and desktops almost all have storage soldered to the logic board (or paired to the
 * Secure Enclave), so upgrades are not offered except on these models (2.5"/blade drive).
 */
export const APPLE_UPGRADEABLE_STORAGE_SLUGS: ReadonlySet<string> = new Set(['imac-21-5-2019']);
