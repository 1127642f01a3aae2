import type { SeedCategory } from './types';

export const SEED_CATEGORIES: readonly SeedCategory[] = [
  {
    slug: 'phone',
    name: 'Phones',
    description: 'Smartphone repairs: screens, batteries, charging ports, cameras and more.',
    sortOrder: 10,
  },
  {
    slug: 'tablet',
    name: 'Tablets',
    description: 'iPad, Galaxy Tab and Surface tablet repairs.',
    sortOrder: 20,
  },
  {
    slug: 'laptop',
    name: 'Laptops',
    description: 'MacBook and Windows laptop repairs, upgrades and data recovery.',
    sortOrder: 30,
  },
  {
    slug: 'desktop',
    name: 'Desktops',
    description: 'iMac, Mac mini, all-in-one and tower PC repairs and upgrades.',
    sortOrder: 40,
  },
  {
    slug: 'console',
    name: 'Games consoles',
    description: 'PlayStation, Xbox, Nintendo Switch and handheld PC repairs.',
    sortOrder: 50,
  },
  {
    slug: 'other',
    name: 'Other devices',
    description: 'Smartwatches, game controllers and other gadgets.',
    sortOrder: 60,
  },
];
