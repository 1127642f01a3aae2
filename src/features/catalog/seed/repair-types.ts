import type { SeedRepairType } from './types';

/**
 * The repair menu. `categories` is the coarse, category-level applicability; finer per-model rules
 * (no screen on a Mac mini, no glass back on a plastic phone, …) live in `rules.ts`.
 */
export const SEED_REPAIR_TYPES: readonly SeedRepairType[] = [
  {
    slug: 'screen-crack',
    name: 'Cracked or broken screen',
    description: 'Replace a cracked, bleeding, flickering or unresponsive display or touch panel.',
    categories: ['phone', 'tablet', 'laptop', 'desktop', 'console', 'other'],
    sortOrder: 10,
  },
  {
    slug: 'battery',
    name: 'Battery replacement',
    description: 'Fit a new battery when it drains fast, swells, or the device shuts down early.',
    categories: ['phone', 'tablet', 'laptop', 'console', 'other'],
    sortOrder: 20,
  },
  {
    slug: 'charging-port',
    name: 'Charging port repair',
    description: 'Clean, repair or replace a loose, worn or damaged charging port.',
    categories: ['phone', 'tablet', 'laptop', 'console', 'other'],
    sortOrder: 30,
  },
  {
    slug: 'camera',
    name: 'Camera repair',
    description: 'Replace a faulty, blurry or cracked camera module or camera lens.',
    categories: ['phone', 'tablet', 'laptop', 'desktop'],
    sortOrder: 40,
  },
  {
    slug: 'back-glass',
    name: 'Rear glass replacement',
    description: 'Replace the cracked glass back panel of a glass-backed phone.',
    categories: ['phone'],
    sortOrder: 50,
  },
  {
    slug: 'water-damage',
    name: 'Water or liquid damage',
    description: 'Strip-down, ultrasonic clean and corrosion treatment after a spill or dunk.',
    categories: ['phone', 'tablet', 'laptop', 'console', 'other'],
    sortOrder: 60,
  },
  {
    slug: 'audio',
    name: 'Speaker, microphone or audio fault',
    description: 'Fix crackly or silent speakers, earpieces, microphones and headphone sockets.',
    categories: ['phone', 'tablet', 'laptop', 'desktop', 'console'],
    sortOrder: 70,
  },
  {
    slug: 'buttons',
    name: 'Buttons, switches and joysticks',
    description: 'Repair stuck or unresponsive power, volume and home buttons, crowns and sticks.',
    categories: ['phone', 'tablet', 'laptop', 'console', 'other'],
    sortOrder: 80,
  },
  {
    slug: 'software',
    name: 'Software problems',
    description: 'Boot loops, update failures, malware removal and clean reinstalls.',
    categories: ['phone', 'tablet', 'laptop', 'desktop', 'console', 'other'],
    sortOrder: 90,
  },
  {
    slug: 'data-recovery',
    name: 'Data recovery',
    description: 'Recover photos, documents and other data from failed or damaged devices.',
    categories: ['phone', 'tablet', 'laptop', 'desktop'],
    sortOrder: 100,
  },
  {
    slug: 'keyboard',
    name: 'Keyboard replacement',
    description: 'Replace a laptop keyboard with sticky, missing or unresponsive keys.',
    categories: ['laptop'],
    sortOrder: 110,
  },
  {
    slug: 'logic-board',
    name: 'No power / logic board',
    description: 'Component-level board repair for devices that will not power on or charge.',
    categories: ['phone', 'tablet', 'laptop', 'desktop', 'console', 'other'],
    sortOrder: 120,
  },
  {
    slug: 'overheating',
    name: 'Overheating and fan service',
    description: 'Dust clean, fan replacement and fresh thermal paste for hot or noisy devices.',
    categories: ['laptop', 'desktop', 'console'],
    sortOrder: 130,
  },
  {
    slug: 'storage-upgrade',
    name: 'Storage upgrade',
    description: 'Fit a larger or faster SSD and migrate your data where possible.',
    categories: ['laptop', 'desktop', 'console'],
    sortOrder: 140,
  },
  {
    slug: 'hdmi-port',
    name: 'HDMI port repair',
    description: 'Replace a damaged HDMI port on a home games console (no picture or no signal).',
    categories: ['console'],
    sortOrder: 150,
  },
  {
    slug: 'diagnostic',
    name: 'Diagnostic check',
    description: 'Not sure what is wrong? We test the device and quote before any work starts.',
    categories: ['phone', 'tablet', 'laptop', 'desktop', 'console', 'other'],
    sortOrder: 160,
  },
];
